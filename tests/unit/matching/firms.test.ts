import { describe, expect, it } from 'vitest';
import { readSeedAliases } from '../../../src/matching/aliases';
import { createFirmIndex, firmNames, firmRelation, normaliseFirmName } from '../../../src/matching/firms';

// The seeded alias table Vigil ships, read the way Vigil reads it.
const index = createFirmIndex(readSeedAliases());
const related = (a: string, b: string) => firmRelation(index.identify(a), index.identify(b));

describe('normaliseFirmName', () => {
  it.each([
    ['Becton Dickinson & Co.', 'becton dickinson'],
    ['C. R. Bard, Inc.', 'cr bard'],
    ['C.R. Bard', 'cr bard'],
    ['B. Braun Medical, Inc.', 'b braun medical'],
    ['B BRAUN', 'b braun'],
    ['Dräger', 'drager'],
    ['ICU Medical de Mexico, S.A. de C.V.', 'icu medical de mexico'],
    ['The Braun Corporation', 'braun'],
    ['Stryker Leibinger GmbH & Co. KG', 'stryker leibinger'],
  ])('when given %s, then it reads %s', (raw, expected) => {
    expect(normaliseFirmName(raw)).toBe(expected);
  });
});

describe('firmNames', () => {
  it('when a firm string carries several names, then each is read', () => {
    expect(firmNames('Cardinal Health (CareFusion)')).toEqual(['cardinal health', 'carefusion']);
    expect(firmNames('Mindray DS USA, Inc. d.b.a. Mindray North America')).toEqual([
      'mindray ds usa',
      'mindray north america',
    ]);
    expect(firmNames('Stryker Medical Division of Stryker Corporation')).toEqual([
      'stryker medical',
      'stryker',
    ]);
    expect(firmNames('Vital Signs Devices, a GE Healthcare Company')).toEqual([
      'vital signs devices',
      'ge healthcare',
    ]);
    expect(firmNames('HILL-ROM / WELCH ALLYN')).toEqual(['hill rom', 'welch allyn']);
    expect(firmNames('Maquet Datascope Corp - Cardiac Assist Division')).toEqual([
      'maquet datascope',
      'cardiac assist division',
    ]);
  });
});

describe('corporate families', () => {
  it('when a predecessor and its successor are compared, then they are one family, and the reason says so', () => {
    expect(related('Hospira Inc.', 'ICU Medical, Inc.')).toEqual({
      family: 'icu medical',
      how: 'hospira = icu medical (icu medical family, by alias)',
    });
    expect(related('CareFusion', 'Becton Dickinson & Co.')?.family).toBe('bd');
    expect(related('Covidien (Newport)', 'Newport Medical Instruments Inc')?.family).toBe('medtronic');
    expect(related('Respironics', 'Philips Respironics, Inc.')?.family).toBe('philips');
    expect(related('Datex-Ohmeda', 'GE Healthcare, LLC')?.family).toBe('ge');
    expect(related('St. Jude Medical', 'Abbott Laboratories')?.family).toBe('abbott');
    expect(related('Sorin Group', 'LivaNova USA')?.family).toBe('livanova');
    expect(related('Welch Allyn', 'Hill-Rom, Inc.')?.family).toBe('baxter');
  });

  it('when a business was sold in parts, then its name belongs to each family', () => {
    expect(index.identify('Datascope Corp.').families.sort()).toEqual(['getinge', 'mindray']);
    expect(index.identify('CareFusion 303, Inc.').families.sort()).toEqual(['bd', 'vyaire']);
  });

  it('when the brand sits inside a site or division name, then it is still found', () => {
    expect(index.identify('GE Healthcare Beijing , Hangwei Medical Systems, Co. LTD').families).toEqual([
      'ge',
    ]);
    expect(index.identify('Aomori Olympus Co., Ltd.').families).toEqual(['olympus']);
    expect(index.identify('Philips Medical Systems North America Co.   Phillips').families).toEqual([
      'philips',
    ]);
    expect(index.identify('ZOLL Medical Corporation, World Wide Headquarters').families).toEqual(['zoll']);
  });

  it('when a name is misspelt, then fuzzy matching finds the family; a different firm is not pulled in', () => {
    expect(index.identify('Medtronics').families).toEqual(['medtronic']);
    expect(index.identify('Sonosight').families).toEqual(['fujifilm']);
    expect(index.identify('Seimens Healthineers').families).toEqual(['siemens']);
    expect(index.identify('Smith Medical Partners').families).toEqual(['smith']);
    expect(related('The Braun Corporation', 'B. Braun Medical, Inc.')).toBeNull();
    expect(related('Surge Medical Solutions', 'GE Healthcare')).toBeNull();
  });

  it('when neither firm is in the table, then two spellings of the same firm still agree', () => {
    expect(related('Nihon Kohden America Inc', 'NIHON KOHDEN')?.how).toBe('same firm (nihon)');
    expect(related('Surgical Devices Inc', 'Surgical Specialties Corp')).toBeNull();
  });
});

describe('the business a name stands for', () => {
  it('when a business is written after its parent, alone, or with a slip, then it is the same business', () => {
    const business = (raw: string) => firmNames(raw).map((n) => index.businessOf(n));
    expect(business('PHILIPS RESPIRONICS INC')).toEqual(['respironics']);
    expect(business('RESPIRONICS, INC.')).toEqual(['respironics']);
    expect(business('PHILIPS / RESPIRONICS, INC.')).toEqual(['philips', 'respironics']);
    expect(business('PHILIPS / REPISRONICS, INC.')).toEqual(['philips', 'respironics']);
    expect(business('GE Healthcare Finland')).toEqual(['ge healthcare']);
  });

  it('when the alias table does not know a name, then it stands for no known business', () => {
    expect(index.businessOf('intuitive surgical')).toBeNull();
  });
});
