import { isoDate } from './udi/dates';

export type DateReading = { ok: true; date: string } | { ok: false; reason: string };

/**
 * The order of day, month and year in a file's numeric dates: day first (31/12/2019, 31.12.2019),
 * month first (12/31/2019, the default, as US CMMS exports write), or year first.
 */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

export const dateOrders: Record<DateOrder, string> = {
  dmy: 'day first, D/M/YYYY',
  mdy: 'month first, M/D/YYYY',
  ymd: 'year first, YYYY-MM-DD',
};

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "Mar", "Sept" and "March" are months: any start of a month's name, three letters or more. */
function monthNumber(name: string): number | null {
  const n = name.toLowerCase();
  const index = monthNames.findIndex((full) => n.length >= 3 && full.startsWith(n));
  return index < 0 ? null : index + 1;
}

/** A two-digit year is the latest such year not after today: an acquisition is in the past. */
function expandYear(text: string, today: Date): number {
  if (text.length === 4) return Number(text);
  const current = today.getUTCFullYear();
  const year = current - (current % 100) + Number(text);
  return year > current ? year - 100 : year;
}

/** Excel stores dates as days since 1899-12-30 (its 1900 leap-year bug folded in). */
function excelSerial(days: number): [number, number, number] {
  const date = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

type Form = { pattern: RegExp; read: (m: string[], today: Date) => [number, number, number] | null };

/** Numbers in two-and-two-and-year order, "/" between (or "." and "-" where the order is said). */
const shortDate = (separators: string) =>
  new RegExp(`^(\\d{1,2})[${separators}](\\d{1,2})[${separators}](\\d{4}|\\d{2})$`);

/** The numeric form of each order; the written-out forms (12-Mar-2019, March 12, 2019) read alike. */
const numeric: Record<DateOrder, Form> = {
  mdy: {
    pattern: shortDate('/'),
    read: (m, today) => [expandYear(m[3]!, today), Number(m[1]), Number(m[2])],
  },
  dmy: {
    pattern: shortDate('/.\\-'),
    read: (m, today) => [expandYear(m[3]!, today), Number(m[2]), Number(m[1])],
  },
  ymd: {
    pattern: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
};

const forms: Form[] = [
  numeric.ymd,
  { pattern: /^(\d{4})(\d{2})(\d{2})$/, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  {
    pattern: /^(\d{1,2})[-\s/]([A-Za-z]{3,9})\.?[-\s/,]+(\d{4}|\d{2})$/,
    read: (m, today) => {
      const month = monthNumber(m[2]!);
      return month === null ? null : [expandYear(m[3]!, today), month, Number(m[1])];
    },
  },
  {
    pattern: /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/,
    read: (m) => {
      const month = monthNumber(m[1]!);
      return month === null ? null : [Number(m[3]), month, Number(m[2])];
    },
  },
  { pattern: /^(\d{5})(\.\d+)?$/, read: (m) => excelSerial(Number(m[1])) },
];

/**
 * Reads an acquisition date in the forms CMMS exports and spreadsheets write: YYYY-MM-DD,
 * YYYYMMDD, M/D/YYYY (US order, unless `order` says day first: D/M/YYYY, D.M.YYYY), D-Mon-YYYY,
 * Mon D, YYYY and Excel serial numbers (five digits), with or without a time of day. An
 * impossible date (2019-02-30) is an error, never rolled over.
 */
export function parseAcquiredOn(raw: string, today: Date, order: DateOrder = 'mdy'): DateReading {
  const text = raw
    .trim()
    .replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AP]M)?\s*(Z|[+-]\d{2}:?\d{2})?$/i, '')
    .trim();
  for (const form of [numeric[order], ...forms]) {
    const match = form.pattern.exec(text);
    if (!match) continue;
    const parts = form.read(match, today);
    if (!parts) break;
    const date = isoDate(...parts);
    if (date) return { ok: true, date };
    // Day and month swap places between orders: say which order the date was read in.
    const read = form === numeric[order] && order !== 'ymd' ? ` (read ${dateOrders[order]})` : '';
    return { ok: false, reason: `"${raw}" is not a real date${read}` };
  }
  return {
    ok: false,
    reason: `"${raw}" is not a date Vigil can read; write it as YYYY-MM-DD (or M/D/YYYY, D-Mon-YYYY), or say the file's order with --date-format dmy, mdy or ymd`,
  };
}

/**
 * The order a file's failing dates were most likely written in, when every one of them reads as a
 * real date in that order and not in the one used: "25/12/2019" fails month first and reads day
 * first. Null when the failures are something else.
 */
export function likelyOrder(failed: string[], used: DateOrder, today: Date): DateOrder | null {
  if (failed.length === 0) return null;
  for (const order of ['dmy', 'mdy', 'ymd'] as const) {
    if (order === used) continue;
    if (failed.every((raw) => parseAcquiredOn(raw, today, order).ok)) return order;
  }
  return null;
}
