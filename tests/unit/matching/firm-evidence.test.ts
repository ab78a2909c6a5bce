import { beforeAll, expect, it } from 'vitest';
import { readSeedAliases } from '../../../src/matching/aliases';
import { buildTerms, corpusTerms } from '../../../src/matching/corpus/terms';
import { type FirmContext, weighFirm } from '../../../src/matching/firm-evidence';
import { createFirmIndex } from '../../../src/matching/firms';
import { aliasKnowledge } from '../../../src/matching/knowledge';
import { createAssetReader, type RecallFields, recallProfile } from '../../../src/matching/profiles';
import { cfresRecalls, matchingFields } from '../../support/real-recalls';
import { describeWithRealData } from '../../support/shared';

// A firm that differs does not veto a model's own name when the corpus shows that name recalled
// under both firms (here DYONICS, by Smith & Nephew and by a reprocessor, Ascent), read from the
// real recall texts; a number, or another kind of device, never links two firms.
describeWithRealData('weighing the firms of a pair', () => {
  const firms = createFirmIndex(readSeedAliases());
  const knowledge = aliasKnowledge(firms);
  const read = createAssetReader(knowledge);
  let recall: (key: string) => RecallFields;
  let context: FirmContext;
  beforeAll(async () => {
    const corpus = await cfresRecalls();
    recall = matchingFields(corpus);
    const keys = ['Z-0947-2012', 'Z-0948-2012', 'Z-2731-2011', 'Z-2732-2011', 'Z-2077-2009'];
    const rows = keys.map(recall).map((r) => ({
      description: r.productDescription,
      families: firms.identify(r.recallingFirm).families,
      productCode: r.productCode,
    }));
    context = { terms: corpusTerms(buildTerms(rows), rows.length), recalls: () => false };
  });
  const asset = (manufacturer: string | null, productCode: string | null = null) =>
    read({
      assetTag: 'BME-1',
      manufacturer,
      model: 'Dyonics Power',
      catalogNumber: null,
      serialNumber: null,
      udiDi: null,
      udiLot: null,
      udiSerial: null,
      productCode,
      softwareVersion: null,
    });

  it('when the model name is recalled under both firms in the corpus, then the other firm costs little and the reason says why', () => {
    const weight = weighFirm(
      asset('Smith & Nephew'),
      recallProfile(recall('Z-0947-2012'), knowledge),
      {
        score: 0.8,
        specific: true,
        parts: ['DYONICS'],
      },
      context,
    );
    expect(weight.score).toBeCloseTo(0.72);
    expect(weight.reason).toBe(
      'firm differs (Smith & Nephew / ascent healthcare solutions), but DYONICS is recalled under both smith and nephew and ascent in the recalls',
    );
  });

  it('when only a number is shared, or the kinds of device differ, then a different firm takes its full toll', () => {
    const ascent = recallProfile(recall('Z-0947-2012'), knowledge);
    expect(
      weighFirm(asset('Smith & Nephew'), ascent, { score: 0.8, specific: true, parts: ['7205305'] }, context)
        .score,
    ).toBeCloseTo(0.56);
    expect(
      weighFirm(
        asset('Smith & Nephew', 'FRN'),
        ascent,
        { score: 0.8, specific: true, parts: ['DYONICS'] },
        context,
      ).score,
    ).toBeCloseTo(0.56);
  });

  it('when the asset has no firm on record, then a specific model loses little and one other firms use loses more', () => {
    const blank = asset(null);
    const ascent = recallProfile(recall('Z-0947-2012'), knowledge);
    expect(
      weighFirm(blank, ascent, { score: 0.8, specific: true, parts: ['DYONICS'] }, context).score,
    ).toBeCloseTo(0.72);
    expect(
      weighFirm(blank, ascent, { score: 0.8, specific: false, parts: ['3000'] }, context).score,
    ).toBeCloseTo(0.48);
  });
});
