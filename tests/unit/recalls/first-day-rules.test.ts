import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../../src/notify/digest';
import { fdaStatusOf } from '../../../src/recalls/fda-status';
import { promiseLate } from '../../../src/recalls/manufacturer';
import { isGoneForGood } from '../../../src/recalls/out-of-service';

describe('statuses that say a device has left the hospital', () => {
  it('when the status says retired, disposed, scrapped, decommissioned or out of inventory in any case, then the device is gone', () => {
    for (const status of [
      'Retired',
      'DISPOSED',
      'disposed of',
      'Scrapped 2019',
      'Decommissioned',
      'Out of Inventory',
    ])
      expect(isGoneForGood(status), status).toBe(true);
  });

  it('when the status is in service, out of service (under repair) or missing, then the device is still ours', () => {
    for (const status of ['In Service', 'Out of Service', 'Loaner', '', null])
      expect(isGoneForGood(status)).toBe(false);
  });
});

describe('the FDA status of a recall', () => {
  it('when the record says "Open, Classified", "Completed" or "Terminated" in any case, then it is open, completed or terminated', () => {
    expect(
      ['Open, Classified', 'COMPLETED', 'Terminated', 'terminated on 2019-01-01', null, 'Pending'].map(
        fdaStatusOf,
      ),
    ).toEqual(['open', 'completed', 'terminated', 'terminated', null, null]);
  });
});

describe('a manufacturer’s promise', () => {
  it('when the promised day has passed and the correction is not done, then it is late; on the day itself it is not', () => {
    expect(promiseLate({ correctionPromisedBy: '2025-06-01', correctionDoneOn: null }, '2025-06-02')).toBe(
      true,
    );
    expect(promiseLate({ correctionPromisedBy: '2025-06-02', correctionDoneOn: null }, '2025-06-02')).toBe(
      false,
    );
    expect(
      promiseLate({ correctionPromisedBy: '2025-06-01', correctionDoneOn: '2025-06-05' }, '2025-06-10'),
    ).toBe(false);
    expect(promiseLate({ correctionPromisedBy: null, correctionDoneOn: null }, '2025-06-10')).toBe(false);
  });

  it('when a promised correction is late, then the digest says so even with nothing new or due', () => {
    const late = {
      productResNumber: 'Z-2101-2024',
      recallClass: 'II' as const,
      firm: 'Baxter <Healthcare>',
      productDescription: 'Spectrum IQ',
      reasonForRecall: null,
      openedAt: '2025-05-01T12:00:00.000Z',
      assets: [],
      state: 'in_progress' as const,
      dueOverride: '2025-07-30',
      correctionPromisedBy: '2025-06-01',
      correctionDoneOn: null,
    };
    const digest = composeDigest({
      now: new Date('2025-06-10T07:00:00.000Z'),
      publicUrl: 'https://vigil.example.org',
      dueDays: { I: 2, II: 7, III: 30, unclassified: 7 },
      opened: [],
      unclosed: [late],
      counts: { in_progress: 1 },
    })!;
    expect(digest.subject).toBe('Vigil: 1 manufacturer correction past the promised day');
    expect(digest.latePromises).toBe(1);
    expect(digest.text).toContain('Correction promised by 2025-06-01, not recorded as done');
    expect(digest.html).toContain('Baxter &lt;Healthcare&gt;');
    const done = composeDigest({
      now: new Date('2025-06-10T07:00:00.000Z'),
      publicUrl: 'https://vigil.example.org',
      dueDays: { I: 2, II: 7, III: 30, unclassified: 7 },
      opened: [],
      unclosed: [{ ...late, correctionDoneOn: '2025-06-05' }],
      counts: { in_progress: 1 },
    });
    expect(done).toBeNull();
  });
});
