import { beforeAll, describe, expect, it } from 'vitest';
import { readSeedAliases } from '../../../src/matching/aliases';
import { buildTerms, corpusTerms } from '../../../src/matching/corpus/terms';
import { createFirmLeads } from '../../../src/matching/firm-leads';
import { createFirmIndex } from '../../../src/matching/firms';
import { createKnowledge } from '../../../src/matching/knowledge';
import { fieldsSwapped, readModelTokens } from '../../../src/matching/model-tokens';
import { type AssetFields, createAssetReader, recallProfile } from '../../../src/matching/profiles';
import { scorePair } from '../../../src/matching/score';
import { closeSpelling } from '../../../src/matching/spelling';
import { genericWords } from '../../../src/matching/vocabulary';
import { cfresRecalls, matchingFields } from '../../support/real-recalls';
import { describeWithRealData } from '../../support/shared';

const tokens = (model: string, leading: string[] = []) =>
  readModelTokens(model, new Set(leading)).map((t) => t.token);

describe('reading a model field as registers write it', () => {
  it('when CMMS abbreviations of generic words follow the model, then they are the words, never the first word', () => {
    expect(tokens('PYXIS ANES SYS 3500')).toEqual(['PYXIS', 'ANESTHESIA', 'SYSTEM', '3500']);
    expect(tokens('VISI MOBILE MON')).toEqual(['VISI', 'MOBILE', 'MONITOR']);
    expect(tokens('ZOLL Thermogard XP Temp Mgmt Sys')).toEqual([
      'ZOLL',
      'THERMOGARD',
      'XP',
      'TEMPERATURE',
      'MANAGEMENT',
      'SYSTEM',
    ]);
    expect(tokens('AED Pro')).toEqual(['AED', 'PRO']);
    // After the maker's name, the model's own first word is still not read as an abbreviation.
    expect(tokens('ZOLL AED Pro', ['ZOLL'])).toEqual(['ZOLL', 'AED', 'PRO']);
  });

  it('when a numeral follows a name, then it is read as its number, in any of its three forms', () => {
    expect(tokens('Accutorr VII')).toEqual(['ACCUTORR', '7']);
    expect(tokens('Flexicair Two')).toEqual(['FLEXICAIR', '2']);
    expect(tokens('Exera II Duodeno Scope')).toEqual(['EXERA', '2', 'DUODENO', 'SCOPE']);
    // Not a single letter (Series V, X-Porte), and "IV" only where it ends the model.
    expect(tokens('R Series V')).toEqual(['R', 'SERIES', 'V']);
    expect(tokens('BodyGuard 323 IV PUMP')).toEqual(['BODYGUARD', '323', 'INTRAVENOUS', 'PUMP']);
  });

  it('when a long name is run into its number or a field strength, then both are read and the strength goes', () => {
    expect(tokens('ASTRAL150')).toEqual(['ASTRAL', '150']);
    expect(tokens('MGANETOM Espree15T')).toEqual(['MGANETOM', 'ESPREE']);
    expect(tokens('Signa HDxt 1.5T')).toEqual(['SIGNA', 'HDXT']);
    expect(tokens('MR850')).toEqual(['MR850']);
  });

  it('when the model field holds a part number and the catalog field the name, then they are read the other way round', () => {
    const generic = (t: string) => genericWords.has(t);
    expect(fieldsSwapped('1054260', 'Trilogy 100 ventilator', generic)).toBe(true);
    expect(fieldsSwapped('G5A-80A-S', 'POWERHEART G5 AED', generic)).toBe(true);
    expect(fieldsSwapped('TUS-AI800', 'APLIO I800 SYSTEM', generic)).toBe(true);
    expect(fieldsSwapped('V60', 'BIPAP', generic)).toBe(false);
    expect(fieldsSwapped('TUS AI800', 'APLIO I800 SYSTEM', generic)).toBe(false);
    expect(fieldsSwapped('Propaq CS', '246', generic)).toBe(false);
  });

  it('when a long name has one slip, then it is close to the right one; two slips, or a short word, are not', () => {
    expect(closeSpelling('PERMIUM', 'PREMIUM')).toBe(true);
    expect(closeSpelling('JUNNIPER', 'JUNIPER')).toBe(true);
    expect(closeSpelling('MGANETOM', 'MAGNETOM')).toBe(true);
    expect(closeSpelling('BENEFUSION', 'BENEVISION')).toBe(false);
    expect(closeSpelling('REPISRONICS', 'RESPIRONICS', 'firm')).toBe(true);
    expect(closeSpelling('PRIME', 'PRIMA')).toBe(false);
    expect(closeSpelling('XENTRA', 'PENTRA')).toBe(false);
  });
});

// The same readings against real recall texts, with the corpus's statistics built from them.
describeWithRealData('models written as registers write them, found in real recalls', () => {
  const keys = [
    'Z-1680-2010', // UniCel DxH 800 Coulter Cellular Analysis System
    'Z-1588-2013', // Brilliance CT 64, Ingenuity CT …
    'Z-0264-2008', // Vena Tech LP Vena Cava Filter System (B. Braun)
    'Z-0236-2020', // Accutorr 7 Vital Signs Monitor
    'Z-1874-2009', // Flexicair II (model 13000)
    'Z-1939-2009', // The BladderScan BVI 9400
    'Z-0555-2007', // Pyxis Anesthesia System 3500
    'Z-0008-2014', // Draeger Fabius GS Premium, Fabius OS, Fabius Tiro
    'Z-2471-2021', // ACUSON Juniper Diagnostic Ultrasound System
    'Z-2021-2011', // MAGNETOM Avanto, Espree, Trio A Tim System
    'Z-0367-2007', // Allura Mono X-Ray System, angiographic
    'Z-0746-2016', // Astral 100, 150
    'Z-0057-2012', // MicroMaxx ultrasound system and M-Turbo ultrasound system (SonoSite)
  ];
  let score: (fields: Partial<AssetFields>, recall: string) => ReturnType<typeof scorePair>;
  beforeAll(async () => {
    const corpus = await cfresRecalls();
    const recall = matchingFields(corpus);
    const firms = createFirmIndex(readSeedAliases());
    const rows = corpus.map((r) => ({
      description: (r.product_description as string | undefined) ?? null,
      families: firms.identify(r.recalling_firm as string | undefined).families,
      productCode: (r.product_code as string | undefined) ?? null,
    }));
    const names = new Map(
      corpus
        .filter((r) => keys.includes(String(r.product_res_number)))
        .map((r) => [
          String(r.product_code),
          [String((r.openfda as { device_name?: string })?.device_name ?? '')],
        ]),
    );
    const knowledge = createKnowledge({
      firms,
      leads: () => createFirmLeads(firms.knownNames(), new Map()),
      terms: corpusTerms(buildTerms(rows), rows.length),
      deviceNames: names,
    });
    const read = createAssetReader(knowledge);
    score = (fields, key) =>
      scorePair(
        read({
          assetTag: 'BME-1',
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
        }),
        recallProfile(recall(key), knowledge),
      );
  }, 120_000);

  it.each([
    ['Mindray', 'Accutorr VII', 'Z-0236-2020'],
    ['Hill-Rom', 'Flexicair Two', 'Z-1874-2009'],
    ['Verathon', 'Bladder Scan BVI 9400', 'Z-1939-2009'],
    ['Cardinal Health', 'PYXIS ANES SYS 3500', 'Z-0555-2007'],
    ['Draeger Medical', 'Fabius GS Permium', 'Z-0008-2014'],
    ['Siemens Healthineers', 'ACUSON Junniper', 'Z-2471-2021'],
    ['ResMed', 'ASTRAL150', 'Z-0746-2016'],
    [null, 'Philips Allura Mono', 'Z-0367-2007'],
  ])(
    'when %s writes "%s", then the recall that names it (%s) is found at medium or above',
    (manufacturer, model, key) => {
      const pair = score({ manufacturer, model }, key);
      expect(['high', 'medium']).toContain(pair?.confidence);
    },
  );

  it('when two assets write one maker differently at the start of their model, then each slip is read as the maker, not the model', () => {
    // Read by one reader, as a run reads an inventory: the maker is read once per name.
    expect(score({ model: 'FUJIFILM SONOSITE X-PORTE' }, 'Z-0057-2012')?.confidence ?? 'none').toBe('none');
    expect(score({ model: 'FUJIFILLM SONOSITE MTurbo ultrasound' }, 'Z-0057-2012')?.confidence).toBe('high');
  });

  it('when a slip is read as the corpus spells the name, then the reason says so', () => {
    expect(
      score({ manufacturer: 'Draeger Medical', model: 'Fabius GS Permium' }, 'Z-0008-2014')?.reasons,
    ).toContain('read: PERMIUM read as PREMIUM');
  });

  it.each([
    [
      'Beckman Coulter',
      'UniCel',
      'Z-1680-2010',
      /"UniCel" names a family: the recalls write UNICEL before \d+ different models \(/,
    ],
    [
      'Philips',
      'Brilliance',
      'Z-1588-2013',
      /"Brilliance" names a family: the recalls write BRILLIANCE before \d+ different models/,
    ],
    ['B. Braun', 'B. Braun', 'Z-0264-2008', /"B\. Braun" is the maker's name, not a model/],
  ])(
    'when %s is written with only "%s" as its model, then %s is no more than a low suggestion, and says why',
    (manufacturer, model, key, why) => {
      const pair = score({ manufacturer, model }, key);
      expect(pair?.confidence ?? 'none').not.toMatch(/high|medium/);
      expect(pair?.reasons.some((r) => why.test(r)) ?? true).toBe(true);
    },
  );

  it('when the model is written in full, then the same recall is a high suggestion', () => {
    expect(
      score({ manufacturer: 'Beckman Coulter', model: 'UniCel DxH 800' }, 'Z-1680-2010')?.confidence,
    ).toBe('high');
  });
});
