/**
 * Sorting and paging as openFDA does it on Elasticsearch: `sort=field:asc|desc` with `_id` as the
 * tie-breaker, `search_after` cursors (`0=<v0>;1=<_id>`, qs-encoded) and the `Link: rel="next"` URL
 * of traversal.js.
 */
import { parseDate } from './analysis';
import type { FdaRecord } from './dataset';
import { type Endpoint, type IndexedField, resolveField } from './fields';
import { valuesAt } from './match';
import { badRequest, escapeHtml, serverError } from './responses';

export type Order = 'asc' | 'desc';
export type SortValue = number | string | null;

export interface SortField {
  field: IndexedField;
  order: Order;
}

/** A record with its sort values, in the order ES returns them. */
export interface SortedEntry {
  id: string;
  record: FdaRecord;
  keys: SortValue[];
}

// What ES returns as the sort value of a document missing a numeric field (`missing: _last`).
const MISSING_ASC = '9223372036854775807';
const MISSING_DESC = '-9223372036854775808';

/**
 * Parses `sort` (comma-separated `field[:asc|desc]`). Only keyword, `.exact`, date and long fields
 * sort; others get openFDA's 400. A name containing "exact" passes openFDA's check and fails in ES.
 */
export function parseSort(endpoint: Endpoint, sort: string | undefined): SortField[] {
  if (!sort) return [];
  return sort.split(',').map((part) => {
    const [name = '', order = 'asc', ...rest] = part.trim().split(':');
    const field = resolveField(endpoint, name);
    if (!field || field.kind === 'text') {
      if (name.includes('exact')) {
        throw serverError(
          `[query_shard_exception] query_shard_exception: No mapping found for [${name}] in order to sort on`,
        );
      }
      throw badRequest(`Sorting allowed by non-analyzed fields only: ${escapeHtml(name)}`);
    }
    if ((order !== 'asc' && order !== 'desc') || rest.length > 0) {
      throw serverError(
        `[illegal_argument_exception] illegal_argument_exception: Unknown sort order [${part}]`,
      );
    }
    return { field, order };
  });
}

/** A record's value for one sort: ES takes the smallest of an array ascending, the largest descending. */
export function sortValue(record: FdaRecord, { field, order }: SortField): SortValue {
  const raw = valuesAt(record, field.path);
  const values: (number | string)[] =
    field.kind === 'date'
      ? raw.map(parseDate).filter((v) => v !== undefined)
      : field.kind === 'long'
        ? raw.map(Number).filter((v) => !Number.isNaN(v))
        : raw;
  if (values.length === 0) return null;
  return values.reduce((best, v) => ((order === 'asc' ? v < best : v > best) ? v : best));
}

function compareValues(a: SortValue, b: SortValue, order: Order): number {
  if (typeof a === 'number' || typeof b === 'number') {
    // A missing number is Long.MAX_VALUE ascending and Long.MIN_VALUE descending: always last.
    const edge = order === 'asc' ? Infinity : -Infinity;
    const x = a ?? edge;
    const y = b ?? edge;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return order === 'asc' ? c : -c;
  }
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const c = a < b ? -1 : a > b ? 1 : 0;
  return order === 'asc' ? c : -c;
}

/** ES order of two entries: each sort in turn, then `_id` ascending. */
export function compareEntries(
  a: Pick<SortedEntry, 'id' | 'keys'>,
  b: Pick<SortedEntry, 'id' | 'keys'>,
  sorts: SortField[],
) {
  for (let i = 0; i < sorts.length; i++) {
    const c = compareValues(a.keys[i] ?? null, b.keys[i] ?? null, sorts[i]!.order);
    if (c !== 0) return c;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorts entries in place and returns them. */
export function sortEntries(entries: SortedEntry[], sorts: SortField[]): SortedEntry[] {
  return entries.sort((a, b) => compareEntries(a, b, sorts));
}

/** Index of the first entry strictly after the cursor (binary search over sorted entries). */
export function indexAfter(
  entries: readonly SortedEntry[],
  cursor: Pick<SortedEntry, 'id' | 'keys'>,
  sorts: SortField[],
) {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEntries(entries[mid]!, cursor, sorts) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The `qs` library's RFC 3986 encoding, which traversal.js uses for the Link URL. */
export function qsEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function qsDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** `qs.stringify(hit.sort, {delimiter: ';'})`: "0=<v0>;1=<_id>" with each value encoded. */
export function encodeSearchAfter(entry: Pick<SortedEntry, 'id' | 'keys'>, sorts: SortField[]): string {
  const values = entry.keys.map((v, i) =>
    v === null ? (sorts[i]!.order === 'asc' ? MISSING_ASC : MISSING_DESC) : String(v),
  );
  return [...values, entry.id].map((v, i) => `${i}=${qsEncode(v)}`).join(';');
}

/** Reads a `search_after` value back into a cursor; ES errors become openFDA's 500. */
export function parseSearchAfter(raw: string, sorts: SortField[]): Pick<SortedEntry, 'id' | 'keys'> {
  const parsed: Record<string, string> = {};
  for (const part of raw.split(';')) {
    if (!part) continue;
    const at = part.indexOf('=');
    parsed[qsDecode(at < 0 ? part : part.slice(0, at))] = at < 0 ? '' : qsDecode(part.slice(at + 1));
  }
  const values = Object.values(parsed);
  if (values.length !== sorts.length + 1) {
    throw serverError(
      `[illegal_argument_exception] illegal_argument_exception: search_after has ${values.length} value(s) but sort has ${sorts.length + 1}.`,
    );
  }
  const keys = sorts.map(({ field, order }, i): SortValue => {
    const value = values[i]!;
    const missing = order === 'asc' ? MISSING_ASC : MISSING_DESC;
    if (field.kind === 'keyword') return value === missing ? null : value;
    if (value === MISSING_ASC) return order === 'asc' ? null : Infinity;
    if (value === MISSING_DESC) return order === 'desc' ? null : -Infinity;
    const n = /^-?\d+$/.test(value) ? Number(value) : field.kind === 'date' ? parseDate(value) : undefined;
    if (n === undefined)
      throw serverError(`[parse_exception] parse_exception: failed to parse [${value}] for search_after`);
    return n;
  });
  return { keys, id: values[sorts.length]! };
}

export interface NextLinkInput {
  /** scheme://host of the request, or https://api.fda.gov behind the gateway. */
  origin: string;
  path: string;
  linkQuery: readonly [string, string][];
  skip: number;
  limit: number;
  total: number;
  page: readonly SortedEntry[];
  sorts: SortField[];
}

/**
 * traversal.js BuildLinkRelNext: with skip>0 the next skip while results remain; otherwise a
 * search_after cursor whenever the page is full and is not the whole result, so a full last page
 * still links to an empty (404) one.
 */
export function nextLink({
  origin,
  path,
  linkQuery,
  skip,
  limit,
  total,
  page,
  sorts,
}: NextLinkInput): string | undefined {
  const query = new Map(linkQuery);
  if (skip > 0) {
    if (total <= skip + limit) return undefined;
    query.set('skip', String(skip + limit));
  } else {
    const last = page.at(-1);
    if (!last || page.length < limit || total === page.length) return undefined;
    query.set('search_after', encodeSearchAfter(last, sorts));
  }
  const qs = [...query].map(([k, v]) => `${qsEncode(k)}=${qsEncode(v)}`).join('&');
  return `${origin}${path}?${qs}`;
}
