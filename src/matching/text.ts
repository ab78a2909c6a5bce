/**
 * Recall texts and CMMS fields write one model many ways: "CSM-1901", "CSM 1901", "CSM1901";
 * "Article number 64 87 800"; "TJF-Q180V"; "HeartStart XL+". Text is read as a list of tokens
 * (upper case letters and digits; "+" is the word PLUS) and also as one compact string of those
 * tokens run together, so that a code can be found however it was spaced, but only where it
 * starts and ends on token boundaries: "8015" is never found inside "18015".
 */

export type TextIndex = {
  tokens: string[];
  /** The tokens run together. */
  compact: string;
  /** Offset in `compact` where each token starts, and one past the last. */
  offsets: number[];
  /** Token number starting at a compact offset (only offsets that start a token). */
  tokenAt: Map<number, number>;
  /** Every offset where a token starts or ends. */
  boundaries: Set<number>;
  /** The distinct tokens, for quick membership tests. */
  words: Set<string>;
  /** Offsets in `compact` where a list separator (, ; /) stood: "8004/8010" is two numbers. */
  breaks: Set<number>;
  /** Tokens a hyphen joins to the token after them: the X of "X-Ray", the C of "C-Arm". */
  hyphenedToNext: Set<number>;
  /** Occurrences already looked up: one recall text is searched for many models' parts. */
  found: Map<string, Occurrence[]>;
  /**
   * Words that say what kind of device the text is about, beyond the generic ones: the FDA name of
   * the recall's product code ("System, X-Ray, Angiographic"). Set by the recall's reading.
   */
  noise?: ReadonlySet<string>;
};

/** Whether a word of a text names a kind of device or is filler, rather than a model. */
export function isGenericIn(text: TextIndex, token: string): boolean {
  if (genericWords.has(token) || text.noise?.has(token) === true) return true;
  // Plurals: "Dialog+ Hemodialysis machines", "Prime Series Stretchers".
  const singular = token.endsWith('S') && token.length > 3 ? token.slice(0, -1) : null;
  return singular !== null && (genericWords.has(singular) || text.noise?.has(singular) === true);
}

import { genericWords } from './vocabulary';

// A dot between digits stays inside the token: 3.0T, 9.12, 2.0.7 are one thing each; "No.1010"
// is two.
const tokenPattern = /[A-Z0-9]+(?:(?<=\d)\.\d[A-Z0-9]*)*|\+/g;

/** Trademark signs, and what FDA text made of them: "¿" and its mojibake "Âż" for a lost ®. */
const marks = /Â[ż¿®©]|[®™©¿]|\((?:R|TM|r|tm)\)/g;

function upperWords(text: string): string {
  // Most text is plain printable ASCII, with no accents or marks to take off.
  if (ascii.test(text)) return text.replace(asciiMarks, ' ').toUpperCase();
  return text
    .replace(marks, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

const ascii = /^[ -~\t\n\r]*$/;
const asciiMarks = /\((?:R|TM|r|tm)\)/g;

export function tokenize(text: string | null | undefined): string[] {
  if (!text) return [];
  return (upperWords(text).match(tokenPattern) ?? []).map((t) => (t === '+' ? 'PLUS' : t));
}

export type GluedToken = { token: string; glued: boolean };

/**
 * Tokens, each marked when a hyphen joins it to the one before ("Servo-i", "V-PRO", "CSM-1901"):
 * such parts belong together when a model is read.
 */
export function tokenizeGlued(text: string | null | undefined): GluedToken[] {
  if (!text) return [];
  const upper = upperWords(text);
  const out: GluedToken[] = [];
  let end = -1;
  for (const m of upper.matchAll(tokenPattern)) {
    const glued = end >= 0 && m.index === end + 1 && upper[end] === '-';
    out.push({ token: m[0] === '+' ? 'PLUS' : m[0], glued });
    end = m.index + m[0].length;
  }
  return out;
}

/** Where a list separator stands between tokens (see indexText). */
const separatedBy = (between: string, next: string) =>
  /[,;:()[\]]|\.\s/.test(between) || (between.includes('/') && next.length >= 3);

/**
 * A text's tokens and, for each, whether a list separator stands before it: what indexText reads,
 * without the index, for counting words over the whole corpus.
 */
export function tokensOf(text: string | null | undefined): { tokens: string[]; brokenBefore: boolean[] } {
  const tokens: string[] = [];
  const brokenBefore: boolean[] = [];
  if (!text) return { tokens, brokenBefore };
  const upper = upperWords(text);
  let end = 0;
  for (const m of upper.matchAll(tokenPattern)) {
    brokenBefore.push(tokens.length > 0 && separatedBy(upper.slice(end, m.index), m[0]));
    tokens.push(m[0] === '+' ? 'PLUS' : m[0]);
    end = m.index + m[0].length;
  }
  return { tokens, brokenBefore };
}

export function indexText(text: string | null | undefined): TextIndex {
  const tokens: string[] = [];
  const offsets: number[] = [];
  const tokenAt = new Map<number, number>();
  const breaks = new Set<number>();
  const hyphenedToNext = new Set<number>();
  let compact = '';
  if (text) {
    const upper = upperWords(text);
    let end = 0;
    for (const m of upper.matchAll(tokenPattern)) {
      // Punctuation separates names and numbers ("8004/8010" is two; "tract. ED-530XT" starts
      // afresh), but not a model's own parts: "A/2" in PCA-9000A/2 and "PET/CT" stay joined.
      if (tokens.length > 0 && separatedBy(upper.slice(end, m.index), m[0])) breaks.add(compact.length);
      if (tokens.length > 0 && m.index === end + 1 && upper[end] === '-')
        hyphenedToNext.add(tokens.length - 1);
      offsets.push(compact.length);
      tokenAt.set(compact.length, tokens.length);
      const token = m[0] === '+' ? 'PLUS' : m[0];
      tokens.push(token);
      compact += token;
      end = m.index + m[0].length;
    }
  }
  offsets.push(compact.length);
  return {
    tokens,
    compact,
    offsets,
    tokenAt,
    boundaries: new Set(offsets),
    words: new Set(tokens),
    breaks,
    hyphenedToNext,
    found: new Map(),
  };
}

/** Joins tokens the way `compact` does, for a needle: "CSM-1901" → "CSM1901". */
export function compactOf(text: string | null | undefined): string {
  return tokenize(text).join('');
}

export type Occurrence = { first: number; last: number };

/**
 * Where a compact needle occurs on token boundaries: the first and last token it spans. A needle
 * of several tokens matches across any spacing of them.
 */
export function occurrences(index: TextIndex, needle: string): Occurrence[] {
  if (!needle) return [];
  const known = index.found.get(needle);
  if (known) return known;
  const found = scan(index, needle);
  index.found.set(needle, found);
  return found;
}

function scan(index: TextIndex, needle: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (let at = index.compact.indexOf(needle); at !== -1; at = index.compact.indexOf(needle, at + 1)) {
    const first = index.tokenAt.get(at);
    const end = at + needle.length;
    if (first === undefined || !index.boundaries.has(end)) continue;
    let last = first;
    let broken = false;
    while (index.offsets[last + 1]! < end) {
      last++;
      if (index.breaks.has(index.offsets[last]!)) broken = true;
    }
    if (!broken) found.push({ first, last });
  }
  return found;
}
