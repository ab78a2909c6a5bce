import { isCalendarDay } from '../shared/days';
import { ftsQuery } from '../shared/fts';
import { type EventType, eventTypes } from './event-types';

export { type EventType, eventTypes, noTypeGiven, storedEventType } from './event-types';

/** What a person asks of MAUDE: every field optional, all of them together narrowing. */
export type EventFilters = {
  manufacturer?: string;
  brand?: string;
  model?: string;
  catalog?: string;
  productCode?: string;
  udiDi?: string;
  /** Date received, inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  eventType?: EventType;
  /** Words of the narratives. */
  text?: string;
};

export type EventQuery = EventFilters & { page: number; pageSize: number };

/** Every filter, in the order the form and the query string list them. */
export const filterFields = [
  'manufacturer',
  'brand',
  'model',
  'catalog',
  'productCode',
  'udiDi',
  'from',
  'to',
  'eventType',
  'text',
] as const;

/**
 * Reads and checks what was asked (from a page's query string or the command line): trimmed,
 * bounded, dates real days in order, the event type one MAUDE uses. Returns the problems in
 * words, or the filters.
 */
export function readEventFilters(
  raw: Partial<Record<string, string | undefined>>,
): { ok: true; filters: EventFilters } | { ok: false; problems: string[] } {
  const filters: EventFilters = {};
  const problems: string[] = [];
  for (const name of filterFields) {
    const value = raw[name]?.trim().slice(0, 200);
    if (!value) continue;
    if (name === 'eventType') {
      const type = eventTypes.find((t) => t.toLowerCase() === value.toLowerCase());
      if (type) filters.eventType = type;
      else problems.push(`the event type is one of ${eventTypes.join(', ')}`);
    } else if (name === 'from' || name === 'to') {
      if (isCalendarDay(value)) filters[name] = value;
      else problems.push(`"${value}" is not a date: write it as YYYY-MM-DD, such as 2024-01-31`);
    } else if (name === 'productCode') {
      if (/^[A-Za-z]{3}$/.test(value)) filters.productCode = value.toUpperCase();
      else problems.push('a product code is three letters, such as FRN');
    } else filters[name] = value;
  }
  if (filters.from && filters.to && filters.from > filters.to)
    problems.push('the start of the range is after its end');
  if (filters.text && !ftsQuery(filters.text)) problems.push('the narrative search has no word to look for');
  return problems.length ? { ok: false, problems } : { ok: true, filters };
}

export const hasAnyFilter = (f: EventFilters) => filterFields.some((name) => Boolean(f[name]));

/** The filters as a query string, for links, pages and the CSV of the same result. */
export function eventQueryString(f: EventFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of filterFields) if (f[name]) params.set(name, f[name]!);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
