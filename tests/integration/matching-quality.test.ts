import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DevSetResult, evaluateDevSet } from '../support/dev-set';
import { describeWithRealData } from '../support/shared';

// The quality targets, checked on the hand-labelled dev set over the whole corpus
// (`npm run eval:match` prints the same figures with every miss and false alarm).
describeWithRealData('matching the dev inventory against the 31,960 recalls', () => {
  let result: DevSetResult;
  beforeAll(async () => {
    result = await evaluateDevSet();
  }, 120_000);
  afterAll(() => result?.close());

  it('when suggestions at medium confidence and above are scored against the labels, then recall is at least 0.95 and precision at least 0.90', () => {
    expect(result.recall).toBeGreaterThanOrEqual(0.95);
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('when an asset has no recall, then it gets no suggestion at medium or above', () => {
    expect(result.assetsWithoutRecall).toBeGreaterThan(0);
    expect(result.falseAlarmAssetsWithoutRecall).toBe(0);
  });
}, ['openfda/device-recall.cfres.json.zip', 'matching/dev/labels.csv']);
