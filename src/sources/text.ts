/**
 * Cleaning shared by the early-source readers. The sources hand over text that has passed through
 * CMSs and exports: HTML entities left in plain fields (`&amp;`, `&nbsp;`), zero-width spaces,
 * padded titles, and dates in four or five spellings. Everything here is pure.
 */
import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  reg: '®',
  trade: '™',
  copy: '©',
  deg: '°',
  micro: 'µ',
  middot: '·',
  bull: '•',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
};

/** Decodes the entities these sources actually leave in text; unknown names stay as written. */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[name.toLowerCase()] ?? whole;
  });
}

// Zero-width space, non-joiner, joiner, word joiner and the byte-order mark: invisible, but they
// break equality and search on otherwise identical titles.
const invisible = /[\u200b-\u200d\u2060\ufeff]/g;

/** Entities decoded, invisible characters removed, runs of whitespace (incl. no-break) made one space. */
export function cleanText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return decodeEntities(String(value)).replace(invisible, '').replace(/\s+/g, ' ').trim();
}

/** cleanText, with an empty result as null (for optional fields). */
export function cleanOrNull(value: string | null | undefined): string | null {
  const text = cleanText(value);
  return text === '' ? null : text;
}

/** Values in first-seen order, each once, empty ones dropped. */
export function distinct(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const value of values) if (value !== '') seen.add(value);
  return [...seen];
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(name: string): number | null {
  const index = months.indexOf(name.slice(0, 3).toLowerCase());
  return index < 0 ? null : index + 1;
}

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/**
 * The calendar day a source wrote, as YYYY-MM-DD, or null. Accepts "2026-07-03", ISO timestamps
 * ("2015-07-06T13:38:42+00:00"), "April 6, 2018", "August 07, 2013", "6 April 2018", RFC 822
 * ("Tue, 02 Dec 2025 15:04:05 EST") and US "07/02/2026". The day is the one written, never shifted
 * into UTC: an FDA item posted on the evening of 2 December Eastern time was posted on 2 December.
 */
export function parseDay(value: string | null | undefined): string | null {
  const text = cleanText(value);
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})\b/i.exec(text);
  if (m) {
    const month = monthNumber(m[2]!);
    return month ? isoDay(Number(m[3]), month, Number(m[1])) : null;
  }
  m = /^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/i.exec(text);
  if (m) {
    const month = monthNumber(m[1]!);
    return month ? isoDay(Number(m[3]), month, Number(m[2])) : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return isoDay(Number(m[3]), Number(m[1]), Number(m[2]));
  return null;
}

/** A lower-case ASCII slug for keys: "Impella CP® Sets" → "impella-cp-sets". */
export function slug(value: string): string {
  return cleanText(value)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The last non-empty segment of a URL's or a bare path's path ("" when there is none). */
export function lastPathSegment(address: string): string {
  let path = address.trim();
  try {
    path = new URL(path).pathname;
  } catch {
    path = path.split(/[?#]/)[0] ?? '';
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  return segments.at(-1) ?? '';
}

// Elements after which a reader sees a new line. Table cells and definition terms count, so a
// label and its value are separate lines whether a page uses <dl>, a table or paragraphs.
const blockTags = new Set(
  (
    'address article aside blockquote br caption dd details div dl dt figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);
const skippedTags = new Set(['script', 'style', 'noscript', 'template', 'head']);

function collectText(node: Node, out: string[], skipTables: boolean): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    out.push(node.text);
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return;
  const tag = (node as HTMLElement).rawTagName?.toLowerCase() ?? '';
  if (skippedTags.has(tag) || (skipTables && tag === 'table')) return;
  const block = blockTags.has(tag);
  if (block) out.push('\n');
  for (const child of node.childNodes) collectText(child, out, skipTables);
  if (block) out.push('\n');
}

function linesOf(node: Node, skipTables: boolean): string[] {
  const parts: string[] = [];
  collectText(node, parts, skipTables);
  return parts
    .join('')
    .split('\n')
    .map((line) => cleanText(line))
    .filter((line) => line !== '');
}

/**
 * An HTML fragment or page as the lines a reader would see: block elements, <br>, list items,
 * table cells and <dt>/<dd> end a line; entities decoded; blank lines dropped. With skipTables,
 * tables are left out (for readers that take them through htmlTables instead).
 */
export function htmlLines(html: string, options: { skipTables?: boolean } = {}): string[] {
  return linesOf(parse(html), options.skipTables ?? false);
}

/** Each table of a page as rows of cells; a cell's own lines are joined with "\n". */
export function htmlTables(html: string): string[][][] {
  return parse(html)
    .querySelectorAll('table')
    .map((table) =>
      table
        .querySelectorAll('tr')
        .filter((row) => row.closest('table') === table)
        .map((row) =>
          row.childNodes
            .filter((cell): cell is HTMLElement => /^t[dh]$/i.test((cell as HTMLElement).rawTagName ?? ''))
            .map((cell) => linesOf(cell, false).join('\n')),
        )
        .filter((cells) => cells.length > 0),
    );
}
