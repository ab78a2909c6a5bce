import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isValidGtin, parseUdi, type UdiResult } from '../../../src/inventory/udi';
import { mod43 } from '../../../src/inventory/udi/hibcc';
import { describeWithRealData, openFdaData } from '../../support/shared';

const today = new Date('2025-06-01T00:00:00Z');
const read = (text: string) => parseUdi(text, { today });
const ok = (text: string) => {
  const result = read(text);
  if (!result.ok) throw new Error(`${text}: ${result.reason}`);
  return result;
};
const reason = (text: string) => {
  const result: UdiResult = read(text);
  if (result.ok) throw new Error(`${text} was accepted`);
  return result.reason;
};

describe('GS1 UDIs', () => {
  it('when the dev inventory UDIs are read, then each gives its GTIN and serial', () => {
    expect(ok('(01)10885403801518(21)RH290671')).toEqual({
      ok: true,
      issuer: 'GS1',
      di: '10885403801518',
      lot: null,
      serial: 'RH290671',
      expiry: null,
      manufactured: null,
      other: {},
    });
    expect(ok('(01)04961333232420(21)SN844285').di).toBe('04961333232420');
    expect(ok('(01)07325710000823(21)14066903').serial).toBe('14066903');
    expect(ok('(01)00085412091570(21)SN276735').di).toBe('00085412091570');
  });

  it('when a recall notice prints a full human-readable UDI, then lot, expiry and manufacture date are read', () => {
    // From a real recall's code_info in ../shared/data/openfda/excerpts.
    expect(ok('(01)00842429111062(11)250819(17)280731(10)0001218734')).toMatchObject({
      di: '00842429111062',
      lot: '0001218734',
      manufactured: '2025-08-19',
      expiry: '2028-07-31',
    });
  });

  it('when the human-readable form has spaces between elements, then it reads the same', () => {
    expect(ok('(01) 00844505000772 (10) 122927 (17) 310301')).toMatchObject({
      di: '00844505000772',
      lot: '122927',
      expiry: '2031-03-01',
    });
  });

  it('when the raw element string has FNC1 (GS) separators and a symbology prefix, then fields end at each GS', () => {
    for (const prefix of [']d2', ']C1', ']Q3', '\x1d', '']) {
      expect(ok(`${prefix}0100844505000772\x1d10122927\x1d17310301`)).toMatchObject({
        di: '00844505000772',
        lot: '122927',
        expiry: '2031-03-01',
      });
    }
    expect(ok('0100844505000772<GS>10122927{GS}17310301').lot).toBe('122927');
  });

  it('when a real raw UDI from a recall lost its GS, then the serial runs to the end as the standard says', () => {
    // code_info printed "010084068211685521TAAW6317711171213 (TAAW63177)": the GS before (11) is gone.
    expect(ok('010084068211685521TAAW6317711171213').serial).toBe('TAAW6317711171213');
    expect(ok('010084068211685521TAAW63177\x1d11171213')).toMatchObject({
      serial: 'TAAW63177',
      manufactured: '2017-12-13',
    });
  });

  it('when fixed-length AIs come first, then no separator is needed after them', () => {
    expect(ok('01008445050007721731030111200101')).toMatchObject({
      expiry: '2031-03-01',
      manufactured: '2020-01-01',
    });
  });

  it('when the day is 00, then the date is the last day of the month', () => {
    expect(ok('(01)00844505000772(17)240200').expiry).toBe('2024-02-29');
    expect(ok('(01)00844505000772(11)230200').manufactured).toBe('2023-02-28');
  });

  it('when a two-digit year is read, then the GS1 sliding window places its century', () => {
    expect(ok('(01)00844505000772(17)750101').expiry).toBe('2075-01-01');
    expect(ok('(01)00844505000772(17)760101').expiry).toBe('1976-01-01');
  });

  it('when other AIs are present, then each is kept in other', () => {
    const udi = ok('(01)00844505000772(240)ABC-1(30)12(422)840(7003)2503011230(21)X1(91)internal');
    expect(udi.other).toEqual({
      '240': 'ABC-1',
      '30': '12',
      '422': '840',
      '7003': '2503011230',
      '91': 'internal',
    });
    expect(ok('0100844505000772240ABC-1\x1d3012\x1d4228407003250301123021X1').other).toEqual({
      '240': 'ABC-1',
      '30': '12',
      '422': '840',
      '7003': '2503011230',
    });
  });

  it('when only the 14-digit device identifier is given, then it is read as the DI', () => {
    expect(ok('00844505000772')).toMatchObject({ issuer: 'GS1', di: '00844505000772', lot: null });
  });

  it('when the GTIN check digit is wrong, then the reason names the digit it should be', () => {
    // 1234567890123 weighted 3,1,3… from the right: 9+2+3+0+27+8+21+6+15+4+9+2+3 = 109, so 10 - 9 = 1.
    expect(reason('(01)12345678901234')).toBe(
      'GS1: (01) 12345678901234 has check digit 4, but its first 13 digits give 1',
    );
    expect(reason('0100844505000773')).toMatch(/check digit 3.*give 2/);
  });

  it('when an element is malformed, then the reason says which and why', () => {
    expect(reason('(01)0084450500077')).toMatch(/\(01\) must have 14 digits, not 13/);
    expect(reason('(01)00844505000772(17)250231')).toMatch(/\(17\) 250231 is not a valid YYMMDD date/);
    expect(reason('(01)00844505000772(10)123456789012345678901')).toMatch(/at most 20/);
    expect(reason('(10)ABC')).toMatch(/no device identifier \(01\)/);
    expect(reason('(01)00844505000772(10)A(10)B')).toMatch(/appears twice/);
    expect(reason('0100844505000772 5512')).toMatch(/not a GS1 application identifier/);
  });
});

describe('GTIN validation', () => {
  it('when a GTIN-8, -12, -13 or -14 has the right check digit, then it is valid', () => {
    for (const gtin of ['96385074', '036000291452', '4006381333931', '00844505000772']) {
      expect(isValidGtin(gtin)).toBe(true);
    }
  });

  it('when the check digit, length or characters are wrong, then it is not', () => {
    for (const gtin of ['12345678901234', '0084450500077', '0084450500077X', '', '008445050007720']) {
      expect(isValidGtin(gtin)).toBe(false);
    }
  });
});

describe('anything else', () => {
  it('when the text is not a UDI at all, then it is refused with a reason and never throws', () => {
    for (const text of ['garbage', 'N/A', '', '   ', '(', '+', '=', ']d2', '(01)', '\x1d\x1d']) {
      const result = read(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
    }
  });
});

describeWithRealData('real device identifiers from GUDID', () => {
  let ids: { id: string; issuing_agency: string }[] = [];
  beforeAll(() => {
    const sample = JSON.parse(fs.readFileSync(path.join(openFdaData, 'device-udi.sample.json'), 'utf8')) as {
      results: { identifiers?: { id: string; issuing_agency: string }[] }[];
    };
    ids = sample.results.flatMap((r) => r.identifiers ?? []);
  });

  it('when every GS1 DI in the GUDID sample is read, then each is a valid GTIN and parses as a UDI', () => {
    const gs1 = ids.filter((i) => i.issuing_agency === 'GS1');
    expect(gs1.length).toBeGreaterThan(1000);
    for (const { id } of gs1) {
      expect(isValidGtin(id), id).toBe(true);
      expect(ok(`(01)${id}`).di).toBe(id);
    }
  });

  it('when the HIBCC DIs are printed as a label would print them, then the parser gives the DI back', () => {
    const hibcc = ids.filter((i) => i.issuing_agency === 'HIBCC');
    expect(hibcc.length).toBeGreaterThan(30);
    for (const { id } of hibcc) {
      // GUDID lists some HIBCC DIs with their check character and some without it.
      const withCheck = mod43(`+${id.slice(0, -1)}`) === id.at(-1);
      const label = withCheck ? `+${id}` : `+${id}${mod43(`+${id}`)}`;
      expect(ok(label).di, id).toBe(withCheck ? id.slice(0, -1) : id);
    }
  });
}, ['openfda/device-udi.sample.json']);
