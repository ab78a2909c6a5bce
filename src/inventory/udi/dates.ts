/** Calendar helpers shared by the UDI issuers: every result is an ISO date (YYYY-MM-DD) or null. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO date for a year, month and day, or null when no such day exists. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || month < 1 || month > 12) return null;
  if (day < 1 || day > lastDayOfMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * A two-digit year placed by the GS1 General Specifications' sliding window (§7.12): within
 * 49 years before and 50 years after the current year, so "49" read in 2025 is 2049 and "80" is
 * 1980. HIBCC dates use the same rule: neither standard carries the century.
 */
export function fullYear(yy: number, today: Date): number {
  const current = today.getUTCFullYear();
  const century = current - (current % 100);
  const diff = yy - (current % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** GS1 YYMMDD; a day of 00 means the last day of the month (GS1 General Specifications). */
export function yymmdd(text: string, today: Date): string | null {
  if (!/^\d{6}$/.test(text)) return null;
  const year = fullYear(Number(text.slice(0, 2)), today);
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  if (day === 0) return month >= 1 && month <= 12 ? isoDate(year, month, lastDayOfMonth(year, month)) : null;
  return isoDate(year, month, day);
}

/** A year and an ordinal ("Julian") day of that year, 1 to 365 or 366. */
export function ordinalDate(year: number, dayOfYear: number): string | null {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (!Number.isInteger(dayOfYear) || dayOfYear < 1 || dayOfYear > (leap ? 366 : 365)) return null;
  const date = new Date(Date.UTC(year, 0, dayOfYear));
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** YYYYMMDD, as in the ANSI MH10.8.2 data identifiers HIBCC uses for supplemental dates. */
export function yyyymmdd(text: string): string | null {
  if (!/^\d{8}$/.test(text)) return null;
  return isoDate(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
}
