import type { AssetListing, PageSpan } from '../../views/inventory/listing';
import { queryWords } from './search-index';

export const pageSize = 50;
const maxTerms = 8;
const maxLength = 200;

const one = (value: string | undefined) => (value ?? '').trim().slice(0, maxLength);

/** Reads the list's query string; anything odd (a negative page, a huge search) is made sane. */
export function listingOf(query: Record<string, string | undefined>): AssetListing {
  const q = one(query.q).replace(/\s+/g, ' ');
  const page = Number.parseInt(query.page ?? '', 10);
  return {
    q,
    terms: queryWords(q).slice(0, maxTerms),
    department: one(query.department),
    manufacturer: one(query.manufacturer),
    status: one(query.status),
    page: Number.isFinite(page) && page > 1 ? Math.min(page, 100_000) : 1,
  };
}

/** Where this page sits among `total` assets found: rows `from`–`to`, page of `pages`. */
export function pageSpan(page: number, total: number): PageSpan {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  if (from > total) return { from: 0, to: 0, total, pages };
  return { from, to: Math.min(total, page * pageSize), total, pages };
}
