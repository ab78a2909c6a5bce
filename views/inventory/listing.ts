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
