import { beforeAll, describe, expect, it } from 'vitest';
import { readSeedAliases } from '../../../src/matching/aliases';
import { buildTerms, type CorpusRecall, type TermRow } from '../../../src/matching/corpus/terms';
import { createFirmIndex } from '../../../src/matching/firms';
import { cfresRecalls } from '../../support/real-recalls';
import { describeWithRealData } from '../../support/shared';

const termOf = (rows: TermRow[], term: string) => rows.find((r) => r.term === term);

describe('corpus term statistics', () => {
  const recalls: CorpusRecall[] = [
    {
      description: 'UniCel DxH 800 analyzer, UniCel DxH 800 software',
      families: ['beckman'],
      productCode: 'GKZ',
    },
    { description: 'UniCel DxC 600 chemistry system', families: ['beckman'], productCode: 'JJE' },
    { description: 'UniCel DxI 800 immunoassay system', families: ['beckman'], productCode: 'JJE' },
    { description: 'Infusion pump model 800', families: ['acme'], productCode: 'FRN' },
  ];
  const rows = buildTerms(recalls);

  it('when a name is written before different model designators, then it counts them, overall and for its family', () => {
    const unicel = termOf(rows, 'UNICEL')!;
    expect(unicel.recalls).toBe(3);
    expect(unicel.followers).toBe(3);
    expect(unicel.followerList).toEqual(['DXH', 'DXC', 'DXI']);
    expect(unicel.byFamily?.beckman?.followers).toBe(3);
    expect(unicel.productCodes).toBe(2);
  });

  it('when a word is written twice in one recall, then it is one recall; a number counts by how widely it is used', () => {
    expect(termOf(rows, 'DXH')!.recalls).toBe(1);
    const eight = termOf(rows, '800')!;
    expect(eight.recalls).toBe(3);
    expect(eight.families).toBe(2);
    // Only a name can name a family or a firm's line: what follows a number is not kept.
    expect(eight.followers).toBe(0);
    expect(eight.byFamily).toBeNull();
  });
});

describeWithRealData('corpus term statistics of the real recalls', () => {
  let rows: TermRow[];
  beforeAll(async () => {
    const firms = createFirmIndex(readSeedAliases());
    rows = buildTerms(
      (await cfresRecalls()).map((r) => ({
        description: (r.product_description as string | undefined) ?? null,
        families: firms.identify(r.recalling_firm as string | undefined).families,
        productCode: (r.product_code as string | undefined) ?? null,
      })),
    );
  }, 120_000);

  it('when a family name is written before many models (UniCel), then it has three followers or more; a model name (CARESCAPE) belongs to one family', () => {
    expect(termOf(rows, 'UNICEL')!.followers).toBeGreaterThanOrEqual(3);
    expect(termOf(rows, 'CARESCAPE')!.families).toBeLessThanOrEqual(2);
  });

  it('when a word is every firm’s (MONITOR), then many families and product codes use it and it is not listed by family', () => {
    const monitor = termOf(rows, 'MONITOR')!;
    expect(monitor.families).toBeGreaterThan(40);
    expect(monitor.productCodes).toBeGreaterThan(20);
    expect(monitor.byFamily).toBeNull();
  });
});
