/**
 * The "All recalls" search: what a person typed into the filters, checked, and turned into an
 * FTS5 query that no input can break. Pure functions; the queries live in queries.ts.
 */

import type { RecallFilterInput } from '../../../views/recalls/all-recalls';
import { isCalendarDay } from '../../shared/days';

export type { RecallFilterInput };

export const recallClasses = ['I', 'II', 'III'] as const;
export type ClassFilter = (typeof recallClasses)[number];

export const pageSize = 50;

/** Checked filters: empty strings mean "any". */
export type RecallFilters = Omit<RecallFilterInput, 'recallClass'> & { recallClass: ClassFilter | '' };

/** Reads the form's fields (query string) as typed, trimmed. */
export function filterInput(query: Record<string, string | undefined>): RecallFilterInput {
  const text = (name: string) => (query[name] ?? '').trim().slice(0, 200);
  const page = Number.parseInt(query.page ?? '', 10);
  return {
    // Not trimmed: a space after the last word says the word is finished (see ftsQuery).
    q: (query.q ?? '').slice(0, 200),
    recallClass: text('class'),
    status: text('status'),
    firm: text('firm'),
    productCode: text('product_code').toUpperCase(),
    postedFrom: text('from'),
    postedTo: text('to'),
    matchedOnly: query.matched === '1' || query.matched === 'on',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export type FilterCheck = { ok: true; filters: RecallFilters } | { ok: false; errors: string[] };

/** What is wrong with the filters, each error saying how to put it right. */
export function checkFilters(input: RecallFilterInput): FilterCheck {
  const errors: string[] = [];
  if (input.recallClass && !recallClasses.includes(input.recallClass as ClassFilter))
    errors.push('Choose a class from the list: Class I, II or III, or any class.');
  if (input.productCode && !/^[A-Z]{3}$/.test(input.productCode))
    errors.push('An FDA product code is three letters, such as FRN.');
  for (const [label, value] of [
    ['Posted from', input.postedFrom],
    ['Posted to', input.postedTo],
  ] as const) {
    if (value && !isCalendarDay(value))
      errors.push(`${label}: write the date as YYYY-MM-DD, such as 2024-03-31.`);
  }
  if (isCalendarDay(input.postedFrom) && isCalendarDay(input.postedTo) && input.postedFrom > input.postedTo)
    errors.push('"Posted from" is after "Posted to": swap the two dates.');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, filters: { ...input, recallClass: input.recallClass as ClassFilter | '' } };
}

/** The query string of a filtered list, page included: for links and for the address bar. */
export function filterQueryString(input: RecallFilterInput, page = input.page): string {
  const params = new URLSearchParams();
  const add = (name: string, value: string) => {
    if (value) params.set(name, value);
  };
  add('q', input.q);
  add('class', input.recallClass);
  add('status', input.status);
  add('firm', input.firm);
  add('product_code', input.productCode);
  add('from', input.postedFrom);
  add('to', input.postedTo);
  if (input.matchedOnly) params.set('matched', '1');
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}
