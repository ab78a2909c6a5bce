/**
 * Building openFDA `search` expressions. Values are sanitised to the characters the API accepts
 * (elasticsearch_query.js SUPPORTED_QUERY_RE); anything else makes it answer 400.
 */

/** Characters the API accepts inside a quoted value; `"` and `\` would end or escape the phrase. */
const unsupported = /[^0-9A-Za-z@%/',._:()[\]{}\-<>=&* ]/g;

/**
 * Makes a free-text value (a firm name, a model) safe to quote: accents folded (Société → Societe),
 * symbols such as ® # ; ~ and a literal `+` (which Lucene reads as an operator) turned into spaces.
 */
export function sanitizeValue(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[+"\\]/g, ' ')
    .replace(unsupported, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `field:"value"`: a phrase on a text field, or the whole value on an .exact or keyword field. */
export function phrase(field: string, value: string): string {
  const clean = sanitizeValue(value);
  if (!clean) throw new Error(`nothing searchable is left of ${JSON.stringify(value)} for ${field}`);
  return `${field}:"${clean}"`;
}

/** An inclusive range; a missing bound is open. Dates must already be in the feed's style. */
export function range(field: string, from: string | null, to: string | null = null): string {
  return `${field}:[${from ?? '*'} TO ${to ?? '*'}]`;
}

export function exists(field: string): string {
  return `_exists_:${field}`;
}

export function missing(field: string): string {
  return `NOT _exists_:${field}`;
}

export function anyOf(clauses: string[]): string {
  if (clauses.length === 0) throw new Error('anyOf needs at least one clause');
  return clauses.length === 1 ? clauses[0]! : `(${clauses.join(' OR ')})`;
}

export function allOf(clauses: string[]): string {
  return clauses.map((c) => `(${c})`).join(' AND ');
}

/**
 * The whole search goes in parentheses: device/enforcement appends ` AND product_type:devices`,
 * and without them the first term of `A OR B` is silently dropped (openfda-api.md §6.1).
 */
export function wrapSearch(search: string): string {
  return `(${search})`;
}
