/**
 * The token manager of Lucene's classic QueryParser (QueryParser.jj), which Elasticsearch's
 * `query_string` uses: DEFAULT, Range and Boost lexical states, longest match, JavaCC error texts.
 */

export type TokenKind =
  | 'EOF'
  | 'AND'
  | 'OR'
  | 'NOT'
  | 'PLUS'
  | 'MINUS'
  | 'BAREOPER'
  | 'LPAREN'
  | 'RPAREN'
  | 'COLON'
  | 'STAR'
  | 'CARAT'
  | 'QUOTED'
  | 'TERM'
  | 'FUZZY_SLOP'
  | 'PREFIXTERM'
  | 'WILDTERM'
  | 'REGEXPTERM'
  | 'RANGEIN_START'
  | 'RANGEEX_START'
  | 'NUMBER'
  | 'RANGE_TO'
  | 'RANGEIN_END'
  | 'RANGEEX_END'
  | 'RANGE_QUOTED'
  | 'RANGE_GOOP';

export interface Token {
  kind: TokenKind;
  image: string;
  /** 1-based column of the first character, as JavaCC reports it. */
  column: number;
}

/**
 * A search Elasticsearch rejects (unparseable, or a value its field cannot hold); openFDA answers 500
 * SERVER_ERROR and passes `details` through.
 */
export class QueryError extends Error {
  constructor(readonly details: string) {
    super(details);
    this.name = 'QueryError';
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\u3000']);
// Characters that cannot start (or, but for - and +, continue) a term unless escaped.
const NOT_TERM_START = new Set([
  ...WHITESPACE,
  '+',
  '-',
  '!',
  '(',
  ')',
  ':',
  '^',
  '[',
  ']',
  '"',
  '{',
  '}',
  '~',
  '*',
  '?',
  '\\',
  '/',
]);

function escapeForMessage(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

function lexicalError(column: number, encountered: string | undefined, after: string): QueryError {
  const what =
    encountered === undefined
      ? '<EOF> '
      : `"${escapeForMessage(encountered)}" (${encountered.charCodeAt(0)}), `;
  return new QueryError(
    `[token_mgr_error] token_mgr_error: Lexical error at line 1, column ${column}.  Encountered: ${what}after : "${escapeForMessage(after)}"`,
  );
}

/**
 * Splits a query into tokens; throws QueryError for a lexical error (an unterminated quote or
 * regexp, a dangling backslash, a character no token can start with).
 */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let state: 'default' | 'range' | 'boost' = 'default';
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number) => {
    tokens.push({ kind, image: query.slice(start, end), column: start + 1 });
    i = end;
  };

  while (i < query.length) {
    const ch = query[i]!;
    if (WHITESPACE.has(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (state === 'range') {
      if (ch === ']' || ch === '}') {
        push(ch === ']' ? 'RANGEIN_END' : 'RANGEEX_END', start, start + 1);
        state = 'default';
        continue;
      }
      let end = start;
      while (end < query.length && query[end] !== ' ' && query[end] !== ']' && query[end] !== '}') end++;
      const quotedEnd = ch === '"' ? scanQuoted(query, start, true) : undefined;
      if (quotedEnd !== undefined && quotedEnd - start > 2 && quotedEnd >= end)
        push('RANGE_QUOTED', start, quotedEnd);
      else push(query.slice(start, end) === 'TO' ? 'RANGE_TO' : 'RANGE_GOOP', start, end);
      continue;
    }
    if (state === 'boost') {
      const m = /^\d+(\.\d+)?/.exec(query.slice(start));
      if (!m) throw lexicalError(start + 1, ch, '');
      push('NUMBER', start, start + m[0].length);
      state = 'default';
      continue;
    }
    const next = query[i + 1];
    if ((ch === '+' || ch === '-' || ch === '!') && next !== undefined && WHITESPACE.has(next)) {
      push('BAREOPER', start, start + 2);
    } else if (ch === '+') push('PLUS', start, start + 1);
    else if (ch === '-') push('MINUS', start, start + 1);
    else if (ch === '!') push('NOT', start, start + 1);
    else if (ch === '(') push('LPAREN', start, start + 1);
    else if (ch === ')') push('RPAREN', start, start + 1);
    else if (ch === ':') push('COLON', start, start + 1);
    else if (ch === '^') {
      push('CARAT', start, start + 1);
      state = 'boost';
    } else if (ch === '[' || ch === '{') {
      push(ch === '[' ? 'RANGEIN_START' : 'RANGEEX_START', start, start + 1);
      state = 'range';
    } else if (ch === '"') {
      const end = scanQuoted(query, start, false);
      if (end === undefined) throw lexicalError(query.length + 1, undefined, query.slice(start));
      push('QUOTED', start, end);
    } else if (ch === '/') {
      const end = scanRegexp(query, start);
      if (end === undefined) throw lexicalError(query.length + 1, undefined, query.slice(start));
      push('REGEXPTERM', start, end);
    } else if (ch === '~') {
      const m = /^~(\d+(\.\d+)?)?/.exec(query.slice(start))!;
      push('FUZZY_SLOP', start, start + m[0].length);
    } else if (!NOT_TERM_START.has(ch) || ch === '\\' || ch === '*' || ch === '?') {
      const { end, kind } = scanTerm(query, start);
      push(kind, start, end);
    } else {
      throw lexicalError(start + 1, ch, '');
    }
  }
  tokens.push({ kind: 'EOF', image: '', column: query.length + 1 });
  return tokens;
}

function scanQuoted(query: string, start: number, inRange: boolean): number | undefined {
  for (let i = start + 1; i < query.length; i++) {
    if (query[i] === '\\') {
      if (inRange && query[i + 1] !== '"') continue;
      i++;
    } else if (query[i] === '"') return i + 1;
  }
  return undefined;
}

function scanRegexp(query: string, start: number): number | undefined {
  for (let i = start + 1; i < query.length; i++) {
    if (query[i] === '\\' && query[i + 1] === '/') i++;
    else if (query[i] === '/') return i + 1;
  }
  return undefined;
}

const KEYWORDS = new Map<string, TokenKind>([
  ['AND', 'AND'],
  ['&&', 'AND'],
  ['OR', 'OR'],
  ['||', 'OR'],
  ['NOT', 'NOT'],
]);

// Maximal munch over term characters and wildcards, then the JavaCC rule order decides the kind:
// TERM before PREFIXTERM before WILDTERM, STAR for a lone `*`, AND/OR/NOT for the bare keywords.
function scanTerm(query: string, start: number): { end: number; kind: TokenKind } {
  let i = start;
  let wildcards = 0;
  let lastIsStar = false;
  while (i < query.length) {
    const ch = query[i]!;
    if (ch === '\\') {
      if (i + 1 >= query.length) throw lexicalError(query.length + 1, undefined, '\\');
      i += 2;
      lastIsStar = false;
      continue;
    }
    const isWildcard = ch === '*' || ch === '?';
    if (!isWildcard && NOT_TERM_START.has(ch) && !(i > start && (ch === '-' || ch === '+'))) break;
    if (isWildcard) wildcards++;
    lastIsStar = ch === '*';
    i++;
  }
  const image = query.slice(start, i);
  if (wildcards === 0) {
    return { end: i, kind: KEYWORDS.get(image) ?? 'TERM' };
  }
  if (image === '*') return { end: i, kind: 'STAR' };
  const firstIsWildcard = image[0] === '*' || image[0] === '?';
  if (wildcards === 1 && lastIsStar && !firstIsWildcard) return { end: i, kind: 'PREFIXTERM' };
  return { end: i, kind: 'WILDTERM' };
}
