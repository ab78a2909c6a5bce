import type { UdiResult } from '../udi';
import { fullYear, isoDate, lastDayOfMonth, ordinalDate, yymmdd, yyyymmdd } from './dates';

/** The HIBC character set in value order: the modulo-43 check sums these values. */
const charset = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';

/** The HIBC LIC modulo-43 check character of everything before it, leading "+" included. */
export function mod43(data: string): string {
  let sum = 0;
  for (const ch of data) sum += charset.indexOf(ch);
  return charset[sum % 43]!;
}

type Production = {
  lot: string | null;
  serial: string | null;
  expiry: string | null;
  manufactured: string | null;
};
type Secondary = Production & { other: Record<string, string> };

/**
 * The expiry date that follows "$$" or "$$+": MMYY when it starts with 0 or 1, otherwise a
 * format digit (2 MMDDYY, 3 YYMMDD, 4 YYMMDDHH, 5 YYJJJ, 6 YYJJJHH, 7 none). Returns the date
 * and how many characters it took.
 */
function expiryField(
  s: string,
  today: Date,
): { expiry: string | null; used: number; hour?: string } | string {
  const digits = (from: number, n: number) =>
    /^\d+$/.test(s.slice(from, from + n)) ? s.slice(from, from + n) : null;
  const year = (yy: string) => fullYear(Number(yy), today);
  const flag = s[0];
  if (flag === '0' || flag === '1') {
    const mmyy = digits(0, 4);
    if (!mmyy) return 'expiry MMYY is not 4 digits';
    const y = year(mmyy.slice(2));
    const m = Number(mmyy.slice(0, 2));
    const expiry = m >= 1 && m <= 12 ? isoDate(y, m, lastDayOfMonth(y, m)) : null;
    return expiry ? { expiry, used: 4 } : `expiry ${mmyy} (MMYY) is not a date`;
  }
  const width: Record<string, number> = { '2': 6, '3': 6, '4': 8, '5': 5, '6': 7, '7': 0 };
  const n = flag === undefined ? undefined : width[flag];
  if (n === undefined) return `"${flag ?? ''}" is not an HIBCC expiry date format (0-7)`;
  if (n === 0) return { expiry: null, used: 1 };
  const d = digits(1, n);
  if (!d) return `expiry date of format ${flag} needs ${n} digits`;
  let expiry: string | null;
  if (flag === '2') expiry = yymmdd(`${d.slice(4, 6)}${d.slice(0, 4)}`, today);
  else if (flag === '3' || flag === '4') expiry = yymmdd(d.slice(0, 6), today);
  else expiry = ordinalDate(year(d.slice(0, 2)), Number(d.slice(2, 5)));
  if (!expiry) return `expiry ${d} (format ${flag}) is not a date`;
  const hour = flag === '4' ? d.slice(6, 8) : flag === '6' ? d.slice(5, 7) : undefined;
  return { expiry, used: 1 + n, ...(hour ? { hour } : {}) };
}

/** One secondary data structure (lot, serial, dates), without its flag, link or check characters. */
function secondary(data: string, today: Date): Secondary | string {
  const [main = '', ...supplements] = data.split('/');
  const out: Secondary = { lot: null, serial: null, expiry: null, manufactured: null, other: {} };
  const orNull = (s: string) => (s === '' ? null : s);
  if (/^\d{5}/.test(main)) {
    // The oldest format: a YYJJJ expiry date, then the lot.
    out.expiry = ordinalDate(fullYear(Number(main.slice(0, 2)), today), Number(main.slice(2, 5)));
    if (!out.expiry) return `expiry ${main.slice(0, 5)} (YYJJJ) is not a date`;
    out.lot = orNull(main.slice(5));
  } else if (main.startsWith('$$')) {
    const serial = main[2] === '+';
    let rest = main.slice(serial ? 3 : 2);
    if (!serial && (rest[0] === '8' || rest[0] === '9')) {
      const width = rest[0] === '8' ? 2 : 5;
      const quantity = rest.slice(1, 1 + width);
      if (!/^\d+$/.test(quantity) || quantity.length !== width) return `quantity needs ${width} digits`;
      out.other.Q = quantity;
      rest = rest.slice(1 + width);
    }
    const field = expiryField(rest, today);
    if (typeof field === 'string') return field;
    out.expiry = field.expiry;
    if (field.hour) out.other.expiryHour = field.hour;
    const value = orNull(rest.slice(field.used));
    if (serial) out.serial = value;
    else out.lot = value;
  } else if (main.startsWith('$+')) {
    out.serial = orNull(main.slice(2));
  } else if (main.startsWith('$')) {
    out.lot = orNull(main.slice(1));
  } else {
    return `secondary data "${main}" does not start with $, $$, $+, $$+ or a YYJJJ date`;
  }
  for (const part of supplements) {
    const [, id = '', value = ''] = /^(\d*[A-Z])(.*)$/.exec(part) ?? [];
    if (id === 'S') out.serial = value;
    else if (id === '16D' || id === '14D') {
      const date = yyyymmdd(value);
      if (!date) return `/${id}${value} is not a YYYYMMDD date`;
      if (id === '16D') out.manufactured = date;
      else out.expiry = date;
    } else if (id) out.other[id] = value;
    else return `supplemental data "/${part}" has no data identifier`;
  }
  return out;
}

/**
 * An HIBC LIC UDI: "+" labeler code (4, first alphabetic), product or catalog number (1-18),
 * unit of measure (a digit) and the mod-43 check character; or that primary and a secondary
 * joined by "/" under one check character; or the primary and a separate secondary symbol
 * (whose link character is the primary's check character) written one after the other.
 * The DI is labeler + product + unit of measure, without "+" and the check character.
 */
export function parseHibcc(text: string, today: Date): UdiResult {
  const fail = (reason: string): UdiResult => ({ ok: false, reason: `HIBCC: ${reason}` });
  const symbols = text.toUpperCase().trim().split(/\s+/);
  if (symbols.length > 2 || !symbols.every((s) => s.startsWith('+'))) {
    return fail('expected one "+…" symbol, or a primary and a secondary "+…" symbol');
  }
  for (const symbol of symbols) {
    const bad = [...symbol].find((ch) => !charset.includes(ch));
    if (bad) return fail(`"${bad}" is not an HIBC character`);
    if (symbol.length < 3) return fail(`"${symbol}" is too short`);
    const expected = mod43(symbol.slice(0, -1));
    if (symbol.at(-1) !== expected) {
      return fail(
        `check character of ${symbol} is ${symbol.at(-1)}, but the data before it gives ${expected}`,
      );
    }
  }
  const first = symbols[0]!;
  const body = first.slice(1, -1);
  if (!/^[A-Z]/.test(body)) {
    return fail('secondary data alone has no device identifier; the primary (+labeler, product) is needed');
  }
  const slash = body.indexOf('/');
  const primary = slash < 0 ? body : body.slice(0, slash);
  const match = /^([A-Z][A-Z0-9]{3})([A-Z0-9]{1,18})(\d)$/.exec(primary);
  if (!match) {
    return fail(
      `primary "${primary}" is not labeler code (4) + product number (1-18) + unit of measure digit`,
    );
  }
  let data = slash < 0 ? null : body.slice(slash + 1);
  if (symbols.length === 2) {
    if (data !== null) return fail('a concatenated symbol cannot be followed by another secondary');
    const second = symbols[1]!;
    if (second.at(-2) !== first.at(-1)) {
      return fail(
        `secondary link character ${second.at(-2)} does not match the primary check character ${first.at(-1)}`,
      );
    }
    data = second.slice(1, -2);
  }
  const production = data === null ? null : secondary(data, today);
  if (typeof production === 'string') return fail(production);
  return {
    ok: true,
    issuer: 'HIBCC',
    di: primary,
    lot: production?.lot ?? null,
    serial: production?.serial ?? null,
    expiry: production?.expiry ?? null,
    manufactured: production?.manufactured ?? null,
    other: production?.other ?? {},
  };
}
