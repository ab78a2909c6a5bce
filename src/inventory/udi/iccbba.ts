import type { UdiResult } from '../udi';
import { ordinalDate } from './dates';

/** ISO/IEC 7064 mod 37-2 over the values 0-9, A-Z (10-35); 36 is written "*". */
export function mod37x2(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const value = Number.parseInt(data[i]!, 36);
    sum += value * 2 ** (data.length - i);
  }
  return (38 - (sum % 37)) % 37;
}

/**
 * Data structures of ISBT 128 (ST-001) by data identifier, with the length of their content.
 * The UDI ones (ST-017) are named; the rest are kept under their data identifier.
 */
const structures: Record<string, { length: number; name?: string }> = {
  '=/': { length: 16, name: 'Processor Product Identification Code' },
  '=,': { length: 6, name: 'Product Divisions (serial)' },
  '=>': { length: 6, name: 'Expiration Date' },
  '=}': { length: 6, name: 'Production Date' },
  '&,1': { length: 18, name: 'MPHO Lot Number' },
  '&,2': { length: 18 },
  '=+': { length: 5 },
  '=%': { length: 4 },
  '=<': { length: 8 },
  '&>': { length: 10 },
  '=*': { length: 6 },
  '&*': { length: 10 },
  '&}': { length: 10 },
  '&(': { length: 5 },
  '=)': { length: 10 },
  '&)': { length: 10 },
  '=;': { length: 21 },
  '=-': { length: 10 },
  '&-': { length: 10 },
  '=]': { length: 6 },
  '=$': { length: 16 },
  '=(': { length: 16 },
  '&+': { length: 11 },
  '&:': { length: 19 },
  '&/': { length: 15 },
};

/** The Donation Identification Number's own data identifier: "=" then its first FIN character. */
const dinStart = /^=[A-NP-Z1-9]/;

/** cyyjjj: year 2000 + cyy (ST-017's example =>019031 is 31 January 2019), then the day of year. */
function cyyjjj(content: string): string | null {
  if (!/^\d{6}$/.test(content)) return null;
  return ordinalDate(2000 + Number(content.slice(0, 3)), Number(content.slice(3)));
}

function checkDin(content: string): string | null {
  if (!/^[A-NP-Z1-9][A-NP-Z0-9]{2}\d{2}\d{2}\d{6}[0-9A-Z]{2}$/.test(content)) {
    return `donation identification number ${content} is not FIN (5) + year (2) + sequence (6) + flags (2)`;
  }
  // Flags 60-96 carry the DIN's mod 37-2 check (ST-001 "type 3" flags); 00 is what devices use.
  const flags = Number(content.slice(13));
  if (/^\d{2}$/.test(content.slice(13)) && flags >= 60 && flags <= 96) {
    const expected = 60 + mod37x2(content.slice(0, 13));
    if (flags !== expected)
      return `donation identification number check flags are ${flags}, expected ${expected}`;
  }
  return null;
}

/**
 * An ISBT 128 UDI for a medical device containing MPHO (ICCBBA ST-017): data structures each
 * led by its data identifier, in any order, optionally inside a compound message ("=+aabbb").
 * The DI is the 16-character Processor Product Identification Code ("=/"), which carries no check
 * character of its own; the DIN's check flags are verified when present.
 */
export function parseIccbba(text: string): UdiResult {
  const fail = (reason: string): UdiResult => ({ ok: false, reason: `ICCBBA: ${reason}` });
  const s = text.replace(/\s+/g, '');
  const found = new Map<string, string>();
  let declared: number | null = null;
  let at = 0;
  while (at < s.length) {
    const rest = s.slice(at);
    const isDin = dinStart.test(rest);
    const id = isDin ? '=' : [rest.slice(0, 3), rest.slice(0, 2)].find((k) => k in structures);
    if (id === undefined) return fail(`"${rest.slice(0, 3)}" is not an ISBT 128 data identifier`);
    const length = isDin ? 15 : structures[id]!.length;
    const start = isDin ? at + 1 : at + id.length;
    const content = s.slice(start, start + length);
    if (content.length < length) return fail(`${id} needs ${length} characters, found ${content.length}`);
    at = start + length;
    if (id === '=+') {
      if (found.size > 0 || !/^\d{5}$/.test(content))
        return fail('a compound message header must come first');
      declared = Number(content.slice(0, 2));
      continue;
    }
    const key = isDin ? 'DIN' : id;
    if (found.has(key)) return fail(`${key} appears twice`);
    found.set(key, content);
  }
  if (declared !== null && declared !== found.size) {
    return fail(`the compound message declares ${declared} data structures but holds ${found.size}`);
  }
  const di = found.get('=/');
  if (di === undefined) return fail('no device identifier (=/ Processor Product Identification Code)');
  if (!/^[A-NP-Z0-9]{5}[A-Z0-9]{6}[A-Z0-9]{5}$/.test(di)) {
    return fail(`device identifier ${di} is not FIN(P) (5) + product code (6) + description code (5)`);
  }
  const din = found.get('DIN');
  const dinProblem = din === undefined ? null : checkDin(din);
  if (dinProblem) return fail(dinProblem);
  const serial = found.get('=,') ?? null;
  if (serial !== null && !/^[A-Z0-9]{6}$/.test(serial))
    return fail(`serial (=,) ${serial} is not 6 letters or digits`);
  const lot = found.get('&,1') ?? null;
  if (lot !== null && !/^[A-Z0-9]{18}$/.test(lot))
    return fail(`lot (&,1) ${lot} is not 18 letters or digits`);
  const dates: Record<string, string | null> = {};
  for (const id of ['=>', '=}']) {
    const content = found.get(id);
    if (content === undefined) continue;
    dates[id] = cyyjjj(content);
    if (!dates[id]) return fail(`${structures[id]!.name} ${content} is not a valid cyyjjj date`);
  }
  const other: Record<string, string> = {};
  for (const [key, value] of found) if (!['=/', '=,', '=>', '=}', '&,1'].includes(key)) other[key] = value;
  return {
    ok: true,
    issuer: 'ICCBBA',
    di,
    lot,
    serial,
    expiry: dates['=>'] ?? null,
    manufactured: dates['=}'] ?? null,
    other,
  };
}
