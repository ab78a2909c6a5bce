import { beforeAll, describe, expect, it } from 'vitest';
import { readSeedAliases } from '../../../src/matching/aliases';
import { createFirmIndex } from '../../../src/matching/firms';
import { aliasKnowledge } from '../../../src/matching/knowledge';
import {
  type AssetFields,
  createAssetReader,
  type RecallFields,
  recallProfile,
} from '../../../src/matching/profiles';
import { confidenceOf, mayApply, type PairScore, scorePair, thresholds } from '../../../src/matching/score';
import { cfresRecalls, matchingFields } from '../../support/real-recalls';
import { describeWithRealData } from '../../support/shared';

// The firm families come from the alias table Vigil ships; the recall texts below are written
// for these tests in the style of FDA recall descriptions.
const knowledge = aliasKnowledge(createFirmIndex(readSeedAliases()));
const readAsset = createAssetReader(knowledge);

function asset(fields: Partial<AssetFields>): AssetFields {
  return {
    assetTag: 'BME-0001',
    manufacturer: null,
    model: null,
    catalogNumber: null,
    serialNumber: null,
    udiDi: null,
    udiLot: null,
    udiSerial: null,
    productCode: null,
    softwareVersion: null,
    ...fields,
  };
}

function recall(fields: Partial<RecallFields>): RecallFields {
  return {
    productResNumber: 'Z-0001-2024',
    recallingFirm: null,
    productCode: null,
    productDescription: null,
    codeInfo: null,
    moreCodeInfo: null,
    reasonForRecall: null,
    ...fields,
  };
}

const score = (a: Partial<AssetFields>, r: Partial<RecallFields>): PairScore | null =>
  scorePair(readAsset(asset(a)), recallProfile(recall(r), knowledge));

/** The confidence a pair gets, or "none" when it is not suggested at all. */
const confidence = (a: Partial<AssetFields>, r: Partial<RecallFields>) => score(a, r)?.confidence ?? 'none';

const alarisPc = { manufacturer: 'BD', model: 'Alaris PC Unit 8015', productCode: 'FRN' };

describe('confidenceOf', () => {
  it('when a score is at a threshold, then it takes that confidence, and below low it is no suggestion', () => {
    expect(confidenceOf(thresholds.high)).toBe('high');
    expect(confidenceOf(thresholds.high - 0.001)).toBe('medium');
    expect(confidenceOf(thresholds.medium)).toBe('medium');
    expect(confidenceOf(thresholds.low)).toBe('low');
    expect(confidenceOf(thresholds.low - 0.001)).toBeNull();
  });
});

describe('scorePair: the model', () => {
  it('when the recalling firm is a predecessor by alias, then the model written in the description is high, with every reason', () => {
    const pair = score(alarisPc, {
      recallingFirm: 'CareFusion 303, Inc.',
      productCode: 'FRN',
      productDescription: 'Alaris PC Unit, Model 8015, large volume infusion system',
    });
    expect(pair?.confidence).toBe('high');
    expect(pair?.score).toBeLessThanOrEqual(1);
    expect(pair?.reasons).toEqual([
      expect.stringContaining('model "Alaris PC Unit 8015" in description'),
      'firm: bd = carefusion (bd family, by alias)',
      'product code FRN agrees',
    ]);
  });

  it('when the description names another model of the same name, then the asset is not suggested', () => {
    const lifepak1000 = { manufacturer: 'Physio-Control', model: 'LIFEPAK 1000', productCode: 'MKJ' };
    expect(
      confidence(lifepak1000, {
        recallingFirm: 'Physio-Control, Inc.',
        productCode: 'MKJ',
        productDescription: 'LIFEPAK 20 Defibrillator/Monitor',
      }),
    ).toBe('none');
    expect(
      confidence(lifepak1000, {
        recallingFirm: 'Physio-Control, Inc.',
        productCode: 'MKJ',
        productDescription: 'LIFEPAK 20 and LIFEPAK 1000 defibrillators',
      }),
    ).toBe('high');
  });

  it('when our number is only part of a longer one, then it is not a mention', () => {
    expect(
      confidence(
        { manufacturer: 'BD', model: '8015' },
        { recallingFirm: 'BD', productDescription: 'Infusion pump, model 18015' },
      ),
    ).toBe('none');
  });

  it('when the recall names our number only to leave it out, then the model is not claimed', () => {
    const pair = score(alarisPc, {
      recallingFirm: 'BD',
      productDescription: 'Alaris System PC Units, all models except 8015',
    });
    expect(pair?.confidence ?? 'none').toMatch(/^(low|none)$/);
    expect(pair?.reasons[0]).toBe('name PC in description, without 8015');
  });

  it('when the recall names a variant of the model (XL+ for an XL), then the XL is not suggested', () => {
    expect(
      confidence(
        { manufacturer: 'Philips', model: 'HeartStart XL' },
        {
          recallingFirm: 'Philips Medical Systems',
          productDescription: 'HeartStart XL+ defibrillator/monitor',
        },
      ),
    ).toBe('none');
  });

  it('when a hyphened word follows the model (X-Ray after XR240amx), then it is a word, not the variant X', () => {
    // No product code says that X-ray is the kind of device here (an early notice has none).
    const optima = { manufacturer: 'GE Healthcare', model: 'Optima XR240amx' };
    expect(
      confidence(optima, { recallingFirm: null, productDescription: 'Optima XR240amx X-Ray System' }),
    ).toMatch(/^(medium|high)$/);
    expect(confidence(optima, { recallingFirm: null, productDescription: 'Optima XR240amx X System' })).toBe(
      'none',
    );
  });

  it('when the model is named only in the reason for recall, then it counts, and the reason says where', () => {
    const pair = score(
      { manufacturer: 'GE Healthcare', model: 'CARESCAPE B450' },
      {
        recallingFirm: 'GE Healthcare',
        productDescription: 'Patient monitors',
        reasonForRecall: 'The CARESCAPE B450 may restart unexpectedly during use.',
      },
    );
    expect(pair?.confidence).toBe('high');
    expect(pair?.reasons[0]).toBe('model "CARESCAPE B450" in reason for recall');
  });

  it('when another firm recalls a device with the same number, then it is shown at low confidence with the firms named', () => {
    const pair = score(
      { manufacturer: 'Acme Medical', model: 'Pump 8015' },
      { recallingFirm: 'Contoso Medical', productDescription: 'Infusion Pump 8015' },
    );
    expect(pair?.confidence).toBe('low');
    expect(pair?.reasons).toContain('firm differs (Acme Medical / contoso medical)');
  });

  it('when a model without a number is named only by its brand, then the reason says so and it is not high', () => {
    const pumpModule = { manufacturer: 'BD', model: 'Alaris Pump Module' };
    const accessory = score(pumpModule, {
      recallingFirm: 'CareFusion',
      productDescription: 'Alaris extension set with needle-free valve',
    });
    expect(accessory?.confidence).not.toBe('high');
    expect(accessory?.reasons[0]).toBe(
      'name ALARIS in description, not followed by PUMP or MODULE ("Alaris Pump Module")',
    );
    expect(
      confidence(pumpModule, {
        recallingFirm: 'CareFusion',
        productDescription: 'Alaris System Pump Module, model 8100',
      }),
    ).toBe('high');
  });

  it("when a recall writes only some of a model's names, then it is no suggestion, and a run does not judge it", () => {
    const knee = { manufacturer: 'Zimmer Biomet', model: 'Vanguard CR iLok Fem-RT', productCode: 'JWH' };
    const partial = recall({
      recallingFirm: 'Zimmer Biomet, Inc.',
      productCode: 'JWH',
      productDescription: 'Persona CR Femoral Component, Size 5, Left',
    });
    expect(score(knee, partial)).toBeNull();
    const read = readAsset(asset(knee));
    expect(mayApply(read, [read], recallProfile(partial, knowledge))).toBe(false);
    const whole = recall({ ...partial, productDescription: 'Vanguard CR iLok Femoral, Fem-RT' });
    expect(mayApply(read, [read], recallProfile(whole, knowledge))).toBe(true);
    expect(confidence(knee, whole)).toMatch(/high|medium/);
  });

  it('when the asset firm is named in another firm recall, then that counts for the firm', () => {
    const pair = score(
      { manufacturer: 'Covidien', model: 'Kangaroo ePump' },
      {
        recallingFirm: 'Contoso Medical',
        productDescription: 'Covidien Kangaroo ePump enteral feeding pump',
      },
    );
    expect(pair?.confidence).toBe('medium');
    expect(pair?.reasons[1]).toMatch(/^firm: covidien named in the recall \(.+ family\)$/);
  });
});

describe('scorePair: catalog numbers and UDIs', () => {
  it('when our catalog number is in the description, then it settles the model', () => {
    const pair = score(
      { manufacturer: 'Baxter', model: 'Colleague', catalogNumber: '2M8151' },
      {
        recallingFirm: 'Baxter Healthcare Corporation',
        productDescription: 'Colleague Volumetric Infusion Pump, Catalog Number 2M8151',
      },
    );
    expect(pair?.confidence).toBe('high');
    expect(pair?.reasons[0]).toBe('catalog number 2M8151 in description');
  });

  it('when a sibling catalog number is recalled (35700BAX2 for a 35700BAX), then ours is not suggested', () => {
    expect(
      confidence(
        { manufacturer: 'Baxter', model: 'Solution set', catalogNumber: '35700BAX' },
        {
          recallingFirm: 'Baxter Healthcare Corporation',
          productDescription: 'Solution set, Catalog Number 35700BAX2',
        },
      ),
    ).toBe('none');
  });

  it('when our UDI-DI is printed in the recall, then it is high whatever the description says', () => {
    const pair = score(
      { manufacturer: 'Medtronic', model: 'Puritan Bennett 980', udiDi: '00884521123451' },
      {
        recallingFirm: 'Covidien LP',
        productDescription: 'Ventilator',
        codeInfo: 'UDI-DI (01)00884521123451',
      },
    );
    expect(pair?.confidence).toBe('high');
    expect(pair?.reasons[0]).toBe('UDI-DI 00884521123451 printed in the recall');
  });

  it('when another UDI-DI is printed, then the UDI is no evidence', () => {
    expect(
      confidence(
        { manufacturer: 'Medtronic', model: 'Ventilator', udiDi: '00884521123451' },
        {
          recallingFirm: 'Covidien LP',
          productDescription: 'Ventilator',
          codeInfo: 'UDI-DI (01)00884521123468',
        },
      ),
    ).not.toBe('high');
  });
});

describe('scorePair: lots, serials and software versions', () => {
  const rSeries = { manufacturer: 'Zoll', model: 'R Series ALS', productCode: 'MKJ' };
  const rSeriesRecall = {
    recallingFirm: 'ZOLL Medical Corporation',
    productCode: 'MKJ',
    productDescription: 'R Series ALS defibrillator',
    codeInfo: 'Serial numbers AF09C012300 through AF09C012399',
  };

  it('when the asset serial is inside a recalled range, then it is affected, and outside it is not', () => {
    const inside = score({ ...rSeries, serialNumber: 'AF09C012345' }, rSeriesRecall);
    expect(inside?.lotStatus).toBe('affected');
    expect(inside?.reasons).toContain(
      'serial AF09C012345 is listed ("Serial numbers AF09C012300 through AF09C012399")',
    );
    const outside = score({ ...rSeries, serialNumber: 'AF09C099999' }, rSeriesRecall);
    expect(outside?.lotStatus).toBe('not_affected');
    expect(outside?.reasons).toContain(
      'serial AF09C099999 is not among the serial numbers listed ("Serial numbers AF09C012300 through AF09C012399")',
    );
  });

  it('when the asset has no serial on record, then whether it is affected is unknown, and the reason says why', () => {
    const pair = score(rSeries, rSeriesRecall);
    expect(pair?.lotStatus).toBe('unknown');
    expect(pair?.reasons).toContain(
      'the recall limits the serial numbers affected and this asset has no serial or lot on record ("Serial numbers AF09C012300 through AF09C012399")',
    );
  });

  it("when the recall lists lots, then the asset's UDI lot is looked up", () => {
    const pair = score(
      { manufacturer: 'Baxter', model: 'Solution set', catalogNumber: '2C8537', udiLot: 'GR123456' },
      {
        recallingFirm: 'Baxter Healthcare Corporation',
        productDescription: 'Clearlink solution set, product code 2C8537',
        codeInfo: 'Lot Numbers: GR123455, GR123456',
      },
    );
    expect(pair?.lotStatus).toBe('affected');
  });

  it('when the recall names affected software versions, then the asset version is read against them', () => {
    const spectrumRecall = {
      recallingFirm: 'Baxter Healthcare Corporation',
      productDescription: 'Sigma Spectrum Infusion System with software version 8.01.01 and lower',
    };
    const spectrum = { manufacturer: 'Baxter', model: 'Sigma Spectrum' };
    expect(score({ ...spectrum, softwareVersion: '8.00.01' }, spectrumRecall)?.reasons).toContain(
      'software 8.00.01 is among the affected versions',
    );
    expect(score({ ...spectrum, softwareVersion: '9.02' }, spectrumRecall)?.reasons).toContain(
      'software 9.02 is not among the affected versions',
    );
  });
});

describeWithRealData('scorePair on real FDA recalls', () => {
  let real: (recallNumber: string) => RecallFields;
  beforeAll(async () => {
    real = matchingFields(await cfresRecalls());
  });
  const on = (a: Partial<AssetFields>, recallNumber: string) =>
    scorePair(readAsset(asset(a)), recallProfile(real(recallNumber), knowledge))?.confidence ?? 'none';

  it('when Cardinal Health 303 and CareFusion recalled the Alaris PC Unit 8015 (Z-1790-2009, Z-0006-2011), then a BD asset is high', () => {
    expect(on(alarisPc, 'Z-1790-2009')).toBe('high');
    expect(on(alarisPc, 'Z-0006-2011')).toBe('high');
  });

  it('when the LIFEPAK 20 was recalled (Z-0886-2007), then a LIFEPAK 1000 is not suggested, and its own recall (Z-1660-2014) is high', () => {
    const lifepak1000 = { manufacturer: 'Stryker', model: 'LIFEPAK 1000', productCode: 'MKJ' };
    expect(on(lifepak1000, 'Z-0886-2007')).toBe('none');
    expect(on(lifepak1000, 'Z-1660-2014')).toBe('high');
    expect(on({ manufacturer: 'Physio-Control', model: 'LIFEPAK 20' }, 'Z-1660-2014')).toBe('none');
  });

  it('when monitors are listed with slashes (B450/B650/B850 in Z-2424-2020), then each is found', () => {
    for (const model of ['CARESCAPE B450', 'CARESCAPE B650', 'CARESCAPE B850']) {
      expect(on({ manufacturer: 'GE Healthcare', model, productCode: 'MHX' }, 'Z-2424-2020')).toBe('high');
    }
  });

  it('when an endoscope is recalled with "Type" between its series and model (TJF TypeQ180V, Z-2807-2015), then the TJF-Q180V is high', () => {
    expect(on({ manufacturer: 'Olympus', model: 'TJF-Q180V', productCode: 'FDT' }, 'Z-2807-2015')).toBe(
      'high',
    );
    expect(on({ manufacturer: 'Olympus', model: 'GF-UCT180' }, 'Z-2818-2015')).toBe('high');
    expect(on({ manufacturer: 'Olympus', model: 'TJF-Q180V', productCode: 'FDT' }, 'Z-2818-2015')).toBe(
      'none',
    );
  });

  it('when a series is recalled with its members listed by name (Prime Series Stretchers … Big Wheel, Z-1184-2016), then each named member is a suggestion, and the reason says so', () => {
    const bigWheel = { manufacturer: 'Stryker Medical', model: 'Prime Big Wheel Stretcher' };
    expect(on(bigWheel, 'Z-1184-2016')).toMatch(/high|medium/);
    // The register's own number beside the name is not in a recall that prints none.
    expect(on({ manufacturer: 'Stryker', model: '1115 PRIME BIG WHEEL' }, 'Z-1184-2016')).toBe('medium');
    const pair = scorePair(readAsset(asset(bigWheel)), recallProfile(real('Z-1184-2016'), knowledge));
    expect(pair?.reasons[0]).toContain('(the PRIME series, listed by name)');
    // A member the list does not name is not claimed by it.
    expect(
      on({ manufacturer: 'Stryker Medical', model: 'Prime Giant Stretcher' }, 'Z-1184-2016'),
    ).not.toMatch(/high|medium/);
  });
});
