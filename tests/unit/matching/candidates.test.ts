import { describe, expect, it } from 'vitest';
import { readSeedAliases } from '../../../src/matching/aliases';
import { assetKeys, createAssetIndex, type ModelGroup, recallKeys } from '../../../src/matching/candidates';
import { noCorpusTerms } from '../../../src/matching/corpus/terms';
import { createFirmIndex, type FirmIndex } from '../../../src/matching/firms';
import { aliasKnowledge } from '../../../src/matching/knowledge';
import {
  type AssetFields,
  createAssetReader,
  type RecallText,
  recallText,
} from '../../../src/matching/profiles';
import { tokenize } from '../../../src/matching/text';

/** The alias table Vigil ships. */
const firms = createFirmIndex(readSeedAliases());

/** A firm no asset of ours comes from, and that names none of our makers. */
const stranger = 'Acme Medical Supply';

let tags = 0;
function row(manufacturer: string, model: string, more: Partial<AssetFields> = {}): AssetFields {
  tags++;
  return {
    assetTag: `BME-${String(tags).padStart(5, '0')}`,
    manufacturer,
    model,
    catalogNumber: null,
    serialNumber: null,
    udiDi: null,
    udiLot: null,
    udiSerial: null,
    productCode: null,
    softwareVersion: null,
    ...more,
  };
}

/** One group per row, as the run groups assets of one make and model. */
function groupsOf(rows: AssetFields[], firmIndex: FirmIndex = firms): ModelGroup[] {
  const read = createAssetReader(aliasKnowledge(firmIndex));
  return rows.map((r) => {
    const model = read(r);
    return { model, members: [model] };
  });
}

function recall(
  recallingFirm: string,
  productDescription: string,
  reasonForRecall: string | null = null,
  firmIndex: FirmIndex = firms,
): RecallText {
  return recallText(
    {
      productResNumber: 'Z-1234-2024',
      recallingFirm,
      productCode: null,
      productDescription,
      codeInfo: null,
      moreCodeInfo: null,
      reasonForRecall,
    },
    aliasKnowledge(firmIndex),
  );
}

const inventory = [
  row('CareFusion', 'Alaris PC Unit 8015'),
  row('Philips Respironics', 'V60'),
  row('GE Healthcare', 'CARESCAPE B450'),
  row('Nihon Kohden', 'CSM-1901'),
  row('Baxter', 'Sigma Spectrum', { catalogNumber: '35700BAX2' }),
  row('Smiths Medical', 'Medfusion 4000', { udiDi: '10610586033117' }),
  row('Covidien', 'Puritan Bennett 840'),
  row('Philips Respironics', 'Trilogy 100'),
  row('Hill-Rom', 'Hillrom Centrella'),
  row('BD', 'BD Alaris'),
  row('Maquet', 'Servo-i'),
  row('Physio-Control', 'LIFEPAK 1000'),
  row('Draeger', 'Oxylog 3000 plus'),
  row('Drager', 'Evita Infinity V500'),
  row('Philips', 'HeartStart XL+'),
  row('Philips Medical Systems', 'Philips IntelliVue MP50'),
  row('Covidien', 'Shiley 7.5'),
  row('Teleflex', 'Rusch 8MM'),
];
const index = createAssetIndex(groupsOf(inventory), noCorpusTerms);

/** The models, as written, that a recall makes candidates. */
const found = (recallingFirm: string, description: string, reason: string | null = null) =>
  [...index.candidates(recall(recallingFirm, description, reason))].map((g) => g.model.label).sort();

describe('createAssetIndex', () => {
  it('when a recall from any firm names one of our model numbers, then that model is a candidate', () => {
    expect(found(stranger, 'Extension set for use with model 8015 pumps')).toEqual(['Alaris PC Unit 8015']);
    expect(found(stranger, 'Breathing circuit for V60 ventilators')).toEqual(['V60']);
    expect(found(stranger, 'ECG trunk cable for B450 monitors')).toEqual(['CARESCAPE B450']);
    expect(found(stranger, 'Battery pack, Oxylog 3000 plus')).toEqual(['Oxylog 3000 plus']);
  });

  it('when the recall writes our code spaced, hyphenated or run together, then the model is a candidate', () => {
    for (const text of ['Bedside monitor CSM 1901', 'Bedside monitor CSM1901', 'Bedside monitor csm-1901']) {
      expect(found(stranger, text)).toEqual(['CSM-1901']);
    }
  });

  it('when our model number is only the tail of a longer number, then the model is not a candidate', () => {
    expect(found(stranger, 'Syringe pump, model 18015')).toEqual([]);
    expect(found(stranger, 'Monitor, catalog B4500-01')).toEqual([]);
  });

  it('when a recall from another firm gives our catalog number, then the model is a candidate', () => {
    expect(found(stranger, 'Administration set, REF 35700BAX2')).toEqual(['Sigma Spectrum']);
    expect(found(stranger, 'Administration set, catalog number 35700 BAX2')).toEqual(['Sigma Spectrum']);
  });

  it('when a recall from another firm prints our UDI-DI, then the model is a candidate', () => {
    expect(found(stranger, 'Syringe, UDI (01)10610586033117(17)251231(10)A123')).toEqual(['Medfusion 4000']);
    expect(found(stranger, 'Syringe', 'Devices with GTIN 10610586033117 may leak')).toEqual([
      'Medfusion 4000',
    ]);
  });

  it("when only a word of a model's name is in the recall, then the model is a candidate within its family only", () => {
    expect(found(stranger, 'Spectrum infusion tubing')).toEqual([]);
    expect(found('Baxter Healthcare Corporation', 'Spectrum infusion pump')).toEqual(['Sigma Spectrum']);
    // Smiths Medical belongs to ICU Medical by the alias table.
    expect(found('ICU Medical, Inc.', 'Medfusion syringe pump')).toEqual(['Medfusion 4000']);
    expect(found(stranger, 'Medfusion syringe pump')).toEqual([]);
    expect(found('Maquet Critical Care AB', 'SERVO-i ventilator')).toEqual(['Servo-i']);
    expect(found(stranger, 'SERVO-i ventilator')).toEqual([]);
  });

  it("when a recall from another firm names the model's firm, then name words find the model", () => {
    expect(found(stranger, 'Tubing set for Baxter Spectrum infusion pumps')).toEqual(['Sigma Spectrum']);
    expect(found(stranger, 'Filter for Getinge Servo-i ventilators')).toEqual(['Servo-i']);
  });

  it.each([
    ['Puritan Bennett 840', 'Covidien LP', 'Ventilator system model 840, software update'],
    ['Trilogy 100', 'Respironics, Inc.', 'Ventilator model 100, power supply'],
    ['Shiley 7.5', 'Medtronic', 'Tracheostomy tube size 7.5'],
    ['Rusch 8MM', 'Teleflex Medical', 'Endotracheal tube 8MM'],
  ])(
    'when a common number of %s is in the recall, then only a recall from its family finds it',
    (model, own, text) => {
      expect(found(own, text)).toContain(model);
      expect(found(stranger, text)).not.toContain(model);
    },
  );

  it('when a recall from another firm names the family beside a common number, then the model is a candidate', () => {
    expect(found(stranger, 'Humidifier chamber for Puritan Bennett 840 ventilators')).toEqual([
      'Puritan Bennett 840',
    ]);
  });

  it("when a model has a name besides its firm's name, then the firm's name alone does not find it", () => {
    expect(found('Hill-Rom, Inc.', 'Hillrom Progressa bed frame')).toEqual([]);
    expect(found('Hill-Rom, Inc.', 'Centrella Smart+ bed')).toEqual(['Hillrom Centrella']);
  });

  it("when the firm's names are all a model has, then they find it within the family", () => {
    expect(found('Becton Dickinson & Co.', 'Alaris syringe module')).toEqual(['BD Alaris']);
    // Alaris is itself a name of the BD family, so any recall that says it names the family.
    expect(found(stranger, 'Extension set for Alaris syringe modules')).toEqual(['BD Alaris']);
  });

  it('when a recall names nothing of ours, then there is no candidate', () => {
    expect(found(stranger, 'Surgical gown, sterile, size L', 'Seal may be compromised')).toEqual([]);
  });

  it('when no asset has a UDI-DI, then a recall full of GTINs finds nothing by them', () => {
    const noDis = createAssetIndex(groupsOf([row('GE Healthcare', 'CARESCAPE B450')]), noCorpusTerms);
    expect(noDis.candidates(recall(stranger, 'GTIN 10610586033117, 00884521123451')).size).toBe(0);
  });
});

describe('recallKeys', () => {
  it('when a code is spaced out, then a key joins up to four adjacent tokens and no more', () => {
    const keys = recallKeys(recall(stranger, 'Article number 64 87 800'));
    expect(keys).toContain('6487800');
    expect(keys).toContain('NUMBER6487800');
    expect(keys).toContain('ARTICLE');
    expect(keys).not.toContain('ARTICLENUMBER6487800');
  });

  it('when the reason for recall names a model, then its words are keys too', () => {
    const keys = recallKeys(recall(stranger, 'Ventilator', 'Oxylog 3000 plus may stop ventilating'));
    expect(keys).toContain('OXYLOG');
    expect(keys).toContain('3000PLUS');
  });

  it('when a recall has a long run of digits, then every GTIN-14 it could hold is a key, zero-padded', () => {
    const keys = recallKeys(recall(stranger, 'UDI (01)10610586033117'));
    expect(keys).toContain('10610586033117');
    expect(keys).toContain('00610586033117');
    expect(keys).toContain('00106105860331');
  });
});

describe('assetKeys', () => {
  const keys = (manufacturer: string, model: string, more: Partial<AssetFields> = {}) =>
    assetKeys(createAssetReader(aliasKnowledge(firms))(row(manufacturer, model, more)), noCorpusTerms);

  it("when a model starts with its maker's name, then the keys are what the index files it under, without the maker, a name marked as holding only within the family", () => {
    expect(keys('Philips', 'Philips IntelliVue MP50')).toEqual(['MP50', 'INTELLIVUE~']);
  });

  it('when a model has kind-of-device words, then they are not keys', () => {
    expect(keys('BD', 'Alaris PC Unit 8015')).toEqual(['8015', 'PC~']);
    expect(keys('Welch Allyn', 'Vital Signs Monitor')).toEqual([]);
  });

  it('when an asset has a specific catalog number and a UDI-DI, then both are keys, the catalog compact', () => {
    expect(
      // Sigma is one of Baxter's own names (Sigma International): Spectrum is what names the model.
      keys('Baxter', 'Sigma Spectrum', { catalogNumber: '35700 BAX2', udiDi: '10610586033117' }),
    ).toEqual(['35700BAX2', 'SPECTRUM~', '10610586033117']);
  });

  it('when a catalog number is too short or has no digit, then it is not a key', () => {
    expect(keys('Philips', 'V60', { catalogNumber: '100' })).toEqual(['V60']);
    expect(keys('Philips', 'V60', { catalogNumber: 'BIPAP' })).toEqual(['V60']);
  });
});

describe('recallKeys and assetKeys', () => {
  const varied = [
    ...inventory,
    row('ZOLL Medical', 'X Series'),
    row('ZOLL Medical', 'R Series ALS'),
    row('Masimo', 'Masimo Radical-7'),
    row('Hamilton Medical', 'Hamilton-C1'),
    row('GE Healthcare', 'Giraffe OmniBed'),
    row('3M', 'Bair Hugger 750'),
    row('Hospira', 'Plum A+'),
    row('ResMed', 'ASTRAL150'),
    row('Siemens Healthineers', 'MAGNETOM Skyra 3T'),
    row('Steris', 'V-PRO maX'),
    row('Welch Allyn', 'Connex Vital Signs Monitor 6000 Series'),
    row('Alaris Medical Systems', 'Alaris Pump Module'),
    row('Respironics', 'Philips Trilogy 100'),
    row('Stryker', 'InTouch ICU Bed'),
    row('Olympus', 'TJF-Q180V', { catalogNumber: 'TJF-Q180V' }),
    row('Dräger', 'Dräger Evita® V500', { udiDi: '04048675123457' }),
    row('Zoll', 'AED 3'),
    row('Physio-Control', 'LIFEPAK 15'),
  ];

  /** Texts that name models, parts of them, and their numbers, from their own firm and another. */
  function probes(rows: AssetFields[]): [string, string][] {
    const texts: [string, string][] = [];
    for (const r of rows) {
      const words = tokenize(r.model);
      const pieces = [r.model!, ...words, words.join(' '), r.catalogNumber, r.udiDi].filter(
        (p): p is string => Boolean(p),
      );
      for (const piece of pieces) {
        texts.push([r.manufacturer!, piece]);
        texts.push([stranger, `Accessory for use with ${piece} devices`]);
      }
    }
    return texts;
  }

  it.each([
    ['the shipped alias table', firms],
    ['an empty alias table', createFirmIndex([])],
  ])('when any recall finds a model (%s), then their stored keys share one', (_, firmIndex) => {
    const groups = groupsOf(varied, firmIndex);
    const keysOf = new Map(groups.map((g) => [g, new Set(assetKeys(g.model, noCorpusTerms))]));
    const modelIndex = createAssetIndex(groups, noCorpusTerms);
    const texts: [string, string][] = [
      ...probes(varied),
      ['Philips Respironics', 'Philips ventilator power supply'],
      ['Physio-Control, Inc.', 'LIFEPAK 15 monitor/defibrillator'],
      ['ResMed Corp', 'Astral 150 ventilator'],
      ['ZOLL Medical Corporation', 'X Series and R Series defibrillators'],
      ['Steris Corporation', 'V-PRO maX low temperature sterilization system'],
      ['Olympus Medical Systems', 'Duodenoscope TJF Q180V'],
    ];
    const misses: string[] = [];
    const reached = new Set<ModelGroup>();
    for (const [firm, text] of texts) {
      const read = recall(firm, text, null, firmIndex);
      const keys = recallKeys(read);
      for (const group of modelIndex.candidates(read)) {
        reached.add(group);
        if (![...keysOf.get(group)!].some((k) => keys.has(k.replace(/~$/, ''))))
          misses.push(`${firm}: "${text}" → ${group.model.label}`);
      }
    }
    expect(misses).toEqual([]);
    expect(groups.filter((g) => !reached.has(g)).map((g) => g.model.label)).toEqual([]);
  });
});
