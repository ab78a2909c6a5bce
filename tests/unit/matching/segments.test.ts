import { describe, expect, it } from 'vitest';
import { modelSegments } from '../../../src/matching/segments';

/** The parts of a model as text: kind-of-device parts marked with "?", as a reviewer would read them. */
const parts = (model: string, firmWords?: string[]) =>
  modelSegments(model, firmWords ? new Set(firmWords) : undefined).map((s) =>
    s.kind === 'optional' ? `${s.text}?` : s.text,
  );

describe('modelSegments', () => {
  it('when a model is a name and a number, then both are required parts, a name and a code', () => {
    expect(modelSegments('CARESCAPE B450')).toEqual([
      { text: 'CARESCAPE', kind: 'name' },
      { text: 'B450', kind: 'code' },
    ]);
    expect(modelSegments('Evita Infinity V500')).toEqual([
      { text: 'EVITA', kind: 'name' },
      { text: 'INFINITY', kind: 'name' },
      { text: 'V500', kind: 'code' },
    ]);
    expect(modelSegments('Sigma Spectrum')).toEqual([
      { text: 'SIGMA', kind: 'name' },
      { text: 'SPECTRUM', kind: 'name' },
    ]);
    expect(modelSegments('V60')).toEqual([{ text: 'V60', kind: 'code' }]);
  });

  it('when a hyphen joins parts of a model, then they are one part however the model is written', () => {
    const servo = [{ text: 'SERVOI', kind: 'name', base: 'SERVO' }];
    expect(modelSegments('Servo-i')).toEqual(servo);
    expect(modelSegments('SERVO-I')).toEqual(servo);
    expect(modelSegments('Servo i')).toEqual(servo);
    expect(modelSegments('CSM-1901')).toEqual([{ text: 'CSM1901', kind: 'code' }]);
    expect(modelSegments('Hamilton-C1')).toEqual([{ text: 'HAMILTONC1', kind: 'code' }]);
    expect(modelSegments('N-600x')).toEqual([{ text: 'N600X', kind: 'code' }]);
  });

  it('when an endoscope code joins its series to its model, then it is also read with "Type" between them', () => {
    expect(modelSegments('TJF-Q180V')).toEqual([
      { text: 'TJFQ180V', kind: 'code', spellings: ['TJFTYPEQ180V'] },
    ]);
    expect(modelSegments('GF-UCT180')).toEqual([
      { text: 'GFUCT180', kind: 'code', spellings: ['GFTYPEUCT180'] },
    ]);
  });

  it('when a part is too weak to stand alone, then it is read with its neighbour and the base is kept', () => {
    expect(modelSegments('AED 3')).toEqual([
      { text: 'AED3', kind: 'code', base: 'AED', spellings: ['AEDIII', 'AEDTHREE'] },
    ]);
    expect(modelSegments('LIFEPAK 15')).toEqual([
      { text: 'LIFEPAK15', kind: 'code', base: 'LIFEPAK', spellings: ['LIFEPAKXV', 'LIFEPAKFIFTEEN'] },
    ]);
    expect(modelSegments('HeartStart XL+')).toEqual([
      { text: 'HEARTSTARTXLPLUS', kind: 'name', base: 'HEARTSTARTXL' },
    ]);
    expect(modelSegments('Oxylog 3000 plus')).toEqual([
      { text: 'OXYLOG', kind: 'name' },
      { text: '3000PLUS', kind: 'code', base: '3000' },
    ]);
    expect(modelSegments('ACUSON NX3 Elite')).toEqual([
      { text: 'ACUSON', kind: 'name' },
      { text: 'NX3ELITE', kind: 'code', base: 'NX3' },
    ]);
    expect(modelSegments('Plum A+')).toEqual([{ text: 'PLUMAPLUS', kind: 'name', base: 'PLUMA' }]);
  });

  it('when a weak part leads a hyphenated one, then it starts that part', () => {
    expect(modelSegments('V-PRO maX')).toEqual([{ text: 'VPROMAX', kind: 'name', base: 'VPRO' }]);
    expect(modelSegments('V-PRO maX 2')).toEqual([
      { text: 'VPROMAX2', kind: 'code', base: 'VPROMAX', spellings: ['VPROMAXII', 'VPROMAXTWO'] },
    ]);
  });

  it('when a model is only a letter and a generic word, then the generic word stays with the letter', () => {
    expect(parts('X Series')).toEqual(['XSERIES']);
    expect(parts('R Series ALS')).toEqual(['RSERIES', 'ALS?']);
  });

  it('when kind-of-device or configuration words stand inside a model, then they are optional parts', () => {
    expect(parts('Alaris PC Unit 8015')).toEqual(['ALARIS', 'PC', 'UNIT?', '8015']);
    expect(parts('Servo-i Universal')).toEqual(['SERVOI', 'UNIVERSAL?']);
    expect(parts('Voluson E8 Expert')).toEqual(['VOLUSON', 'E8', 'EXPERT?']);
    expect(parts('Connex Vital Signs Monitor 6000 Series')).toEqual([
      'CONNEX',
      'VITAL?',
      'SIGNS?',
      'MONITOR?',
      '6000',
    ]);
  });

  it('when no model number is left, then trailing kind-of-device words stay as optional parts', () => {
    expect(parts('Alaris Pump Module')).toEqual(['ALARIS', 'PUMP?', 'MODULE?']);
    expect(parts('Giraffe Warmer')).toEqual(['GIRAFFE', 'WARMER?']);
    expect(parts('Sapphire Infusion Pump')).toEqual(['SAPPHIRE', 'INFUSION?', 'PUMP?']);
  });

  it('when a model number is left, then trailing and leading kind-of-device words go', () => {
    expect(parts('Alaris 8100 Pump Module')).toEqual(['ALARIS', '8100']);
    expect(parts('Infusion Pump Alaris 8100')).toEqual(['ALARIS', '8100']);
    expect(parts('Model 8015')).toEqual(['8015']);
  });

  it('when a model gives a magnet field strength, then it is dropped and does not count as a number', () => {
    expect(parts('MAGNETOM Skyra 3T')).toEqual(['MAGNETOM', 'SKYRA']);
    expect(parts('Signa HDxt 1.5T')).toEqual(['SIGNA', 'HDXT']);
    expect(parts('Ingenia 1.5T')).toEqual(['INGENIA']);
    expect(parts('MAGNETOM Skyra 3T MRI System')).toEqual(['MAGNETOM', 'SKYRA', 'MRI', 'SYSTEM?']);
  });

  it('when a long name is run into a number, then it reads as the name and the number', () => {
    expect(modelSegments('ASTRAL150')).toEqual(modelSegments('Astral 150'));
    expect(parts('ASTRAL150')).toEqual(['ASTRAL', '150']);
    expect(modelSegments('Trilogy100')).toEqual(modelSegments('Trilogy 100'));
    expect(modelSegments('LIFEPAK15')).toEqual(modelSegments('LIFEPAK 15'));
    expect(parts('MP50')).toEqual(['MP50']);
    expect(parts('CSM1901')).toEqual(['CSM1901']);
  });

  it("when the maker's name stands before a model number, then firm words leave it out", () => {
    expect(parts('Philips IntelliVue MP50')).toEqual(['PHILIPS', 'INTELLIVUE', 'MP50']);
    expect(parts('Philips IntelliVue MP50', ['PHILIPS'])).toEqual(['INTELLIVUE', 'MP50']);
    expect(parts('Dräger Evita® V500', ['DRAGER', 'DRAEGER'])).toEqual(['EVITA', 'V500']);
    expect(parts('Alaris PC Unit 8015', ['BD', 'ALARIS', 'CAREFUSION'])).toEqual(['PC', 'UNIT?', '8015']);
    expect(parts('Puritan Bennett 840', ['COVIDIEN', 'PURITAN', 'BENNETT'])).toEqual(['840']);
    expect(parts('Masimo Radical-7', ['MASIMO'])).toEqual(['RADICAL7']);
  });

  it("when a name is left beside the maker's name, then the maker's name goes as well", () => {
    expect(parts('BD Alaris', ['BD'])).toEqual(['ALARIS']);
    expect(parts('Maquet Servo-i', ['MAQUET', 'GETINGE'])).toEqual(['SERVOI']);
  });

  it("when the model is only the maker's name, then it stays, to be found to identify nothing", () => {
    expect(parts('B. Braun', ['B', 'BRAUN'])).toEqual(['BBRAUN']);
    expect(parts('Medtronic', ['MEDTRONIC'])).toEqual(['MEDTRONIC']);
  });

  it('when a firm word is joined to a code by a hyphen, then the code is kept whole', () => {
    expect(parts('Hamilton-C1', ['HAMILTON'])).toEqual(['HAMILTONC1']);
  });

  it('when there is no model, then there are no parts', () => {
    expect(modelSegments('')).toEqual([]);
    expect(modelSegments(null)).toEqual([]);
    expect(modelSegments(undefined)).toEqual([]);
  });
});
