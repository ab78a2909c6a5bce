/** What a person types into a search box, made into an SQLite FTS5 query that no input can break. */

/** At most this many words are searched for; the rest of a pasted paragraph is ignored. */
const maxTerms = 12;

/**
 * Turns what a person typed into an FTS5 query: every word must appear (in any searched field),
 * and the last one may be the start of a word, since the list updates as they type. Each word is
 * quoted, so quotes, brackets, `*`, `:`, `-`, AND/OR/NOT and the like are searched for as text,
 * never read as query syntax. Returns null when nothing searchable was typed.
 */
export function ftsQuery(text: string): string | null {
  // SQLite reads a query string only up to a NUL: control characters are no part of a word.
  const terms = text
    .replace(/\p{Cc}/gu, ' ')
    .split(/\s+/u)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, maxTerms);
  if (terms.length === 0) return null;
  // A word followed by a space is finished; without one, the person may still be typing it.
  const typing = !/\s$/u.test(text);
  return terms
    .map((term, i) => {
      const quoted = `"${term.replaceAll('"', '""')}"`;
      // A lone letter or digit would stand for most words of the corpus: it is taken as a word.
      const prefix = typing && i === terms.length - 1 && term.replace(/[^\p{L}\p{N}]/gu, '').length > 1;
      return prefix ? `${quoted}*` : quoted;
    })
    .join(' ');
}
