import { queryWords } from './search-index';

/** What the inventory list shows: a search, filters and a page, as read from the page's address. */
export type AssetListing = {
  /** The search as typed (trimmed), shown back in the box. */
  q: string;
  /** The words of the search: each must begin a word of one of the searched fields. */
  terms: string[];
  department: string;
  manufacturer: string;
  status: string;
  page: number;
};

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

/** The address of a page of this listing, leaving out what is empty or the default. */
export function listingHref(listing: AssetListing, page = listing.page): string {
  const params = new URLSearchParams();
  if (listing.q) params.set('q', listing.q);
  if (listing.department) params.set('department', listing.department);
  if (listing.manufacturer) params.set('manufacturer', listing.manufacturer);
  if (listing.status) params.set('status', listing.status);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/inventory?${search}` : '/inventory';
}

/** The link to an asset's page: tags hold spaces, slashes and # as CMMS exports write them. */
export const assetHref = (assetTag: string) => `/inventory/${encodeURIComponent(assetTag)}`;

export type PageSpan = { from: number; to: number; total: number; pages: number };

/** Where this page sits among `total` assets found: rows `from`–`to`, page of `pages`. */
export function pageSpan(page: number, total: number): PageSpan {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  if (from > total) return { from: 0, to: 0, total, pages };
  return { from, to: Math.min(total, page * pageSize), total, pages };
}
