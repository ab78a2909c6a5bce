import { describe, expect, it } from 'vitest';
import { parseUdi, type UdiResult } from '../../../src/inventory/udi';
import { mod43 } from '../../../src/inventory/udi/hibcc';

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

describe('HIBCC UDIs', () => {
  it('when the mod-43 check is computed by hand, then it matches the published examples', () => {
    // + 41, A 10, 1, 2, 3, B 11, J 19, C 12, 5, D 13, 6, E 14, 7, 1: 145, and 145 mod 43 = 16 = "G".
    expect(mod43('+A123BJC5D6E71')).toBe('G');
    expect(mod43('+H373VBJR060202A3')).toBe('A');
  });

  it('when a primary with its check character is read, then the DI is labeler + product + unit of measure', () => {
    expect(ok('+H373VBJR060202A3A')).toEqual({
      ok: true,
      issuer: 'HIBCC',
      di: 'H373VBJR060202A3',
      lot: null,
      serial: null,
      expiry: null,
      manufactured: null,
      other: {},
    });
    expect(ok('*+H373VBJR060202A3A*').di).toBe('H373VBJR060202A3');
  });

  it('when primary and secondary are concatenated, then lot, serial and dates come out of every format', () => {
    expect(ok('+X999123ABC0/$$05191234AB/S5678EDFG/16D20151001A')).toMatchObject({
      di: 'X999123ABC0',
      lot: '1234AB',
      serial: '5678EDFG',
      expiry: '2019-05-31',
      manufactured: '2015-10-01',
    });
    expect(ok('+X999123ABC0/$$20515191234AB/S5678EDFG/16D20151001I').expiry).toBe('2019-05-15');
    expect(ok('+X999123ABC0/$$31905151234AB/S5678EDFG/16D20151001J').expiry).toBe('2019-05-15');
    expect(ok('+X999123ABC0/$$4190515211234AB/S5678EDFG/16D20151001N')).toMatchObject({
      expiry: '2019-05-15',
      lot: '1234AB',
      other: { expiryHour: '21' },
    });
    expect(ok('+X999123ABC0/$$5191351234AB/S5678EDFG/16D20151001J').expiry).toBe('2019-05-15');
    expect(ok('+X999123ABC0/$$619135211234AB/S5678EDFG/16D20151001N').expiry).toBe('2019-05-15');
    expect(ok('+X999123ABC0/$1234AB/S5678EDFG/16D20151001/14D20190515.')).toMatchObject({
      lot: '1234AB',
      expiry: '2019-05-15',
    });
    expect(ok('+A123BJC5D6E71/$$52001510X3C')).toMatchObject({
      di: 'A123BJC5D6E71',
      lot: '10X3',
      expiry: '2020-01-15',
    });
  });

  it('when the secondary holds a serial, quantity or no date, then each lands in its place', () => {
    const withCheck = (data: string) => data + mod43(data);
    expect(ok(withCheck('+A123BJC5D6E71/$+SER123')).serial).toBe('SER123');
    expect(ok(withCheck('+A123BJC5D6E71/$$+3250101SER9'))).toMatchObject({
      serial: 'SER9',
      expiry: '2025-01-01',
    });
    expect(ok(withCheck('+A123BJC5D6E71/$$7LOT5'))).toMatchObject({ lot: 'LOT5', expiry: null });
    expect(ok(withCheck('+A123BJC5D6E71/$$8203250101LOT5'))).toMatchObject({
      lot: 'LOT5',
      expiry: '2025-01-01',
      other: { Q: '20' },
    });
    expect(ok(withCheck('+A123BJC5D6E71/25001LOT7'))).toMatchObject({ lot: 'LOT7', expiry: '2025-01-01' });
  });

  it('when the secondary is a separate symbol, then its link character must be the primary check character', () => {
    expect(ok('+H373VBJR060202A3A +$$3230131LOT123A7')).toMatchObject({
      lot: 'LOT123',
      expiry: '2023-01-31',
    });
    expect(reason('+H373VBJR060202A3A +$$3230131LOT123BX'.replace(/X$/, mod43('+$$3230131LOT123B')))).toMatch(
      /link character B does not match the primary check character A/,
    );
  });

  it('when the check character is wrong or the structure is broken, then the reason says so', () => {
    expect(reason('+H373VBJR060202A3B')).toBe(
      'HIBCC: check character of +H373VBJR060202A3B is B, but the data before it gives A',
    );
    expect(reason(`+$$3230131LOT123${mod43('+$$3230131LOT123')}`)).toMatch(/secondary data alone/);
    expect(reason(`+1234ABC${mod43('+1234ABC')}`)).toMatch(/secondary data|not labeler code/);
    expect(reason(`+A123BJC5D6E7X${mod43('+A123BJC5D6E7X')}`)).toMatch(/unit of measure digit/);
    expect(reason('+A123#1')).toMatch(/"#" is not an HIBC character/);
  });
});
