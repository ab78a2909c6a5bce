/**
 * openFDA writes dates two ways: recall and udi as YYYY-MM-DD, enforcement and event as YYYYMMDD
 * (openfda-api.md §6.4). Vigil stores every date as YYYY-MM-DD.
 */
export type DateStyle = 'dashed' | 'basic';

const dashed = /^(\d{4})-(\d{2})-(\d{2})$/;
const basic = /^(\d{4})(\d{2})(\d{2})$/;

/** A real calendar date as YYYY-MM-DD, or null for anything else ("", "0013-05-01", "20211399"). */
export function toIsoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = dashed.exec(value.trim()) ?? basic.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const year = Number(y);
  if (year < 1900 || year > 2999) return null;
  const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}

/** An ISO date written the way a feed's search expects it. */
export function toFeedDate(iso: string, style: DateStyle): string {
  return style === 'basic' ? iso.replaceAll('-', '') : iso;
}

/** The calendar date `days` before (or after, if negative) an ISO date. */
export function shiftDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
