/**
 * Parameter checks of api_request.js CheckParams, with the same order and messages, plus the query
 * that the next-page Link is built from (request.query as CheckParams leaves it).
 */
import { badRequest, escapeHtml } from './responses';

const EXPECTED = ['search', 'count', 'limit', 'skip', 'sort', 'search_after'];
const MAX_SKIP = 25000;
const MAX_LIMIT = 1000;

export interface ApiParams {
  search?: string;
  count?: string;
  sort?: string;
  searchAfter?: string;
  limit: number;
  skip: number;
}

export interface CheckedParams {
  params: ApiParams;
  /** The request's parameters, in order, with limit and skip normalised and defaulted. */
  linkQuery: [string, string][];
}

/** The trim middleware of api.js: surrounding spaces and a trailing literal `%20` go. */
export function trimValue(value: string): string {
  return value.trim().replace(/%20$/, '');
}

/**
 * Validates query parameters (api_key already removed, as the gateway does). Throws a 400 ApiError
 * with openFDA's message for the first problem found.
 */
export function checkParams(pairs: readonly [string, string][]): CheckedParams {
  const query = new Map<string, string>();
  for (const [key, value] of pairs) if (!query.has(key)) query.set(key, trimValue(value));

  for (const key of query.keys()) {
    if (!EXPECTED.includes(key)) throw badRequest(`Invalid parameter: ${escapeHtml(key)}`);
  }
  // Empty values count as absent, as the JavaScript truthiness checks in api_request.js make them.
  const given = (key: string) => query.get(key) || undefined;
  const count = given('count');

  let limit: number | undefined;
  const rawLimit = given('limit');
  if (rawLimit !== undefined) {
    if (!/^\d+$/.test(rawLimit)) throw badRequest('Invalid limit parameter value.');
    limit = Number.parseInt(rawLimit, 10);
  }
  let skip = 0;
  const rawSkip = given('skip');
  if (rawSkip !== undefined) {
    if (!/^\d+$/.test(rawSkip)) throw badRequest('Invalid skip parameter value.');
    skip = Number.parseInt(rawSkip, 10);
    if (skip > MAX_SKIP) throw badRequest(`Skip value must ${MAX_SKIP} or less.`);
  }
  if (!count && limit !== undefined && limit > MAX_LIMIT) {
    throw badRequest(
      'Limit cannot exceed 1000 results for search requests. Use the skip or search_after param to get additional results.',
    );
  }
  if (count && limit !== undefined && limit > MAX_LIMIT) {
    throw badRequest('Limit cannot exceed 1000 results for count requests.');
  }
  if (count && skip) throw badRequest('Should not use skip param when using count.');
  if (given('search_after') && skip)
    throw badRequest('The skip parameter is not supported when using search_after.');

  limit ??= count ? 100 : 1;
  // CheckParams mutates request.query: skip is (re)set first, then a missing limit is appended.
  query.set('skip', String(skip));
  query.set('limit', String(limit));

  const params: ApiParams = { limit, skip };
  const search = given('search');
  const sort = given('sort');
  const searchAfter = given('search_after');
  if (search) params.search = search;
  if (count) params.count = count;
  if (sort) params.sort = sort;
  if (searchAfter) params.searchAfter = searchAfter;
  return { params, linkQuery: [...query] };
}
