/**
 * `count=field`: a terms aggregation (values of keyword and `.exact` fields, tokens of text fields,
 * numbers of long fields), or a daily histogram for date fields.
 */
import { analyze, formatBasicDate, parseDate } from './analysis';
import type { FdaRecord } from './dataset';
import { type Endpoint, resolveField } from './fields';
import { valuesAt } from './match';

export type CountRow = { term: string | number; count: number } | { time: string; count: number };

/**
 * Buckets for `count`, each counting documents (not occurrences); undefined when there are none
 * (openFDA's 404 "Nothing to count"), which includes fields the index does not have.
 */
export function countField(
  endpoint: Endpoint,
  records: Iterable<FdaRecord>,
  name: string,
  limit: number,
): CountRow[] | undefined {
  const field = resolveField(endpoint, name);
  if (!field) return undefined;
  const counts = new Map<string | number, number>();
  for (const record of records) {
    const values = valuesAt(record, field.path);
    const keys = new Set<string | number>();
    for (const value of values) {
      if (field.kind === 'date') {
        const ms = parseDate(value);
        if (ms !== undefined) keys.add(formatBasicDate(ms));
      } else if (field.kind === 'text') {
        for (const token of analyze(value)) keys.add(token);
      } else if (field.kind === 'long') {
        if (!Number.isNaN(Number(value))) keys.add(Number(value));
      } else {
        keys.add(value);
      }
    }
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return undefined;

  if (field.kind === 'date') {
    // The histogram is never cut to `limit` (api.js returns every bucket).
    return [...counts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([time, count]) => ({ time: String(time), count }));
  }
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([term, count]) => ({ term, count }));
}
