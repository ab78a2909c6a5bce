import { describe, expect, it } from 'vitest';
import { parseUdi, type UdiResult } from '../../../src/inventory/udi';
import { mod37x2 } from '../../../src/inventory/udi/iccbba';

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

describe('ICCBBA (ISBT 128) UDIs', () => {
  it('when the ST-017 compound message is read, then DI, serial, lot, dates and the DIN come out', () => {
    expect(
      ok('=+06000=/A9999XYZ100T0476=,000025=A99971712345600=>019032=}017032&,1000000000000XYZ123'),
    ).toEqual({
      ok: true,
      issuer: 'ICCBBA',
      di: 'A9999XYZ100T0476',
      serial: '000025',
      lot: '000000000000XYZ123',
      expiry: '2019-02-01',
      manufactured: '2017-02-01',
      other: { DIN: 'A99971712345600' },
    });
  });

  it('when the structures are written one after another without a header, then they read the same', () => {
    expect(ok('=/A9997XYZ100T0479 =A99991712345600 =,000012 =>019031')).toMatchObject({
      di: 'A9997XYZ100T0479',
      serial: '000012',
      expiry: '2019-01-31',
    });
  });

  it('when the mod 37-2 check is computed, then it matches the ST-017 worked example', () => {
    expect(mod37x2('A9990ABC123T0480')).toBe(8);
  });

  it('when the DIN carries check flags, then they are verified', () => {
    const flags = 60 + mod37x2('A999917123456');
    expect(ok(`=/A9997XYZ100T0479=A999917123456${flags}`).other.DIN).toBe(`A999917123456${flags}`);
    const wrong = flags === 96 ? 60 : flags + 1;
    expect(reason(`=/A9997XYZ100T0479=A999917123456${wrong}`)).toMatch(/check flags are \d+, expected \d+/);
  });

  it('when the DI is missing, short or the count is wrong, then the reason says so', () => {
    expect(reason('=,000025=>019032')).toMatch(/no device identifier/);
    expect(reason('=/A9997XYZ100')).toMatch(/=\/ needs 16 characters/);
    expect(reason('=+03000=/A9997XYZ100T0479=,000012')).toMatch(/declares 3 data structures but holds 2/);
    expect(reason('=/A9997XYZ100T0479=>019400')).toMatch(/not a valid cyyjjj date/);
    expect(reason('=/A9997XYZ100T0479=~12')).toMatch(/not an ISBT 128 data identifier/);
  });
});
