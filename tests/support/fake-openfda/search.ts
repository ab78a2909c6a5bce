/**
 * One openFDA device endpoint answering a request: parameter checks, the enforcement filter, the
 * search, sort, paging and count, as api.js does them. No HTTP here: the server turns the answer into
 * a response.
 */
import { countField } from './count';
import type { Dataset } from './dataset';
import type { Endpoint } from './fields';
import { compileSearch } from './match';
import {
  indexAfter,
  nextLink,
  parseSearchAfter,
  parseSort,
  type SortedEntry,
  type SortField,
  sortEntries,
  sortValue,
} from './paging';
import { checkParams } from './params';
import { QueryError } from './query';
import { ApiError, badRequest, escapeHtml, meta, noMatches, nothingToCount, serverError } from './responses';

// elasticsearch_query.js SUPPORTED_QUERY_RE, as documented (openfda-api.md §2); a URL `+` is a space.
const SUPPORTED_QUERY = /^[0-9a-zA-Z&@%/\\',._:()"[\]{}\-+><=* ]+$/;
const CACHED_RESULTS = 16;

export interface ApiRequest {
  endpoint: Endpoint;
  /** Query parameters in request order, api_key already removed. */
  params: readonly [string, string][];
  /** scheme://host the next-page Link points at. */
  origin: string;
  path: string;
  /** Overrides meta.last_updated (the `stale` fault). */
  lastUpdated?: string;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
  /** The `Link: <…>; rel="next"` target, on a search page that has a successor. */
  next?: string;
}

/** Answers requests against a dataset; call invalidate() after changing its records. */
export function createSearcher(dataset: Dataset) {
  // Paging the whole recall set takes ~33 requests with the same search and sort: keep the filtered,
  // sorted list and find each page's start by binary search.
  const cache = new Map<string, SortedEntry[]>();

  function matching(endpoint: Endpoint, search: string | undefined, sorts: SortField[]): SortedEntry[] {
    const key = [endpoint, search ?? '', ...sorts.map((s) => `${s.field.name}:${s.order}`)].join('\u0000');
    const cached = cache.get(key);
    if (cached) {
      cache.delete(key);
      cache.set(key, cached);
      return cached;
    }
    const predicate = compileSearch(endpoint, search);
    const entries: SortedEntry[] = [];
    for (const [id, record] of dataset[endpoint].records) {
      if (predicate(record)) entries.push({ id, record, keys: sorts.map((s) => sortValue(record, s)) });
    }
    sortEntries(entries, sorts);
    cache.set(key, entries);
    if (cache.size > CACHED_RESULTS) cache.delete(cache.keys().next().value!);
    return entries;
  }

  function respond(request: ApiRequest): ApiAnswer {
    const { endpoint } = request;
    const { params, linkQuery } = checkParams(request.params);
    let search = params.search;
    if (endpoint === 'enforcement') {
      // api.js EnforcementEndpoint, verbatim: `A OR B` becomes `A OR B AND product_type:devices`.
      search = search ? `${search} AND product_type:devices` : 'product_type:devices';
    }
    if (search && !SUPPORTED_QUERY.test(search))
      throw badRequest(`Search not supported: ${escapeHtml(search)}`);
    if (params.sort && !SUPPORTED_QUERY.test(params.sort))
      throw badRequest(`Sort not supported: ${escapeHtml(params.sort)}`);
    const sorts = parseSort(endpoint, params.sort);
    const lastUpdated = request.lastUpdated ?? dataset[endpoint].lastUpdated;

    if (params.count) {
      const rows = countField(
        endpoint,
        matching(endpoint, search, []).map((e) => e.record),
        params.count,
        params.limit,
      );
      if (!rows) throw nothingToCount();
      return { status: 200, body: { meta: meta(lastUpdated), results: rows } };
    }

    const entries = matching(endpoint, search, sorts);
    const start = params.searchAfter
      ? indexAfter(entries, parseSearchAfter(params.searchAfter, sorts), sorts)
      : params.skip;
    const page = entries.slice(start, start + params.limit);
    if (page.length === 0 && !(params.limit === 0 && entries.length > 0)) throw noMatches();
    const { skip, limit } = params;
    const total = entries.length;
    const next = nextLink({
      origin: request.origin,
      path: request.path,
      linkQuery,
      skip,
      limit,
      total,
      page,
      sorts,
    });
    const body = { meta: meta(lastUpdated, { skip, limit, total }), results: page.map((e) => e.record) };
    return next ? { status: 200, body, next } : { status: 200, body };
  }

  return {
    /** The status, body and next-page link openFDA would give this request. */
    answer(request: ApiRequest): ApiAnswer {
      try {
        return respond(request);
      } catch (error) {
        const failure = error instanceof QueryError ? serverError(error.details) : error;
        if (failure instanceof ApiError) return { status: failure.status, body: failure.body };
        throw error;
      }
    },
    /** Forgets cached results (after records changed). */
    invalidate(): void {
      cache.clear();
    },
  };
}

export type Searcher = ReturnType<typeof createSearcher>;
