import { isoDate } from './udi/dates';

export type DateReading = { ok: true; date: string } | { ok: false; reason: string };

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

const forms: Form[] = [
  {
    pattern: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  { pattern: /^(\d{4})(\d{2})(\d{2})$/, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  {
    pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/,
    read: (m, today) => [expandYear(m[3]!, today), Number(m[1]), Number(m[2])],
  },
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
 * YYYYMMDD, M/D/YYYY (US order), D-Mon-YYYY, Mon D, YYYY and Excel serial numbers (five digits),
 * with or without a time of day. An impossible date (2019-02-30) is an error, never rolled over.
 */
export function parseAcquiredOn(raw: string, today: Date): DateReading {
  const text = raw
    .trim()
    .replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AP]M)?\s*(Z|[+-]\d{2}:?\d{2})?$/i, '')
    .trim();
  for (const { pattern, read } of forms) {
    const match = pattern.exec(text);
    if (!match) continue;
    const parts = read(match, today);
    if (!parts) break;
    const date = isoDate(...parts);
    return date ? { ok: true, date } : { ok: false, reason: `"${raw}" is not a real date` };
  }
  return {
    ok: false,
    reason: `"${raw}" is not a date Vigil can read; write it as YYYY-MM-DD (or M/D/YYYY, D-Mon-YYYY)`,
  };
}
