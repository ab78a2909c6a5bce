/**
 * Turns a parsed query into a predicate over records, applying each endpoint's field types the way
 * Elasticsearch does: text is analysed, keyword and `.exact` compare whole values case-sensitively,
 * dates accept both openFDA formats. Arrays are not "nested": a clause matches if any element does.
 */
import { analyze, parseDate, parseQueryDate } from './analysis';
import type { FdaRecord } from './dataset';
import { allFields, type Endpoint, type IndexedField, resolveField } from './fields';
import { type BoolClause, parseQuery, QueryError, type QueryNode, rewriteMissing } from './query';

export type Predicate = (record: FdaRecord) => boolean;

const ALWAYS: Predicate = () => true;
const NEVER: Predicate = () => false;

/** Every scalar at a dotted path, descending through nested objects and arrays, as strings. */
export function valuesAt(record: unknown, path: readonly string[]): string[] {
  const out: string[] = [];
  collectValues(record, path, 0, out);
  return out;
}

// Hot path (every record, every clause): plain recursion, no closures.
function collectValues(node: unknown, path: readonly string[], depth: number, out: string[]): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const item of node) collectValues(item, path, depth, out);
  } else if (depth === path.length) {
    if (typeof node !== 'object') out.push(String(node));
  } else if (typeof node === 'object') {
    collectValues((node as FdaRecord)[path[depth]!], path, depth + 1, out);
  }
}

function hasValueUnder(node: unknown): boolean {
  if (node === null || node === undefined) return false;
  if (Array.isArray(node)) return node.some(hasValueUnder);
  if (typeof node === 'object') return Object.values(node).some(hasValueUnder);
  return true;
}

// Field values repeat a lot (firm names, device names), and a query may test the same text for
// several terms: remember the analysis, within a bound.
const tokenCache = new Map<string, string[]>();
function tokensOf(value: string): string[] {
  let tokens = tokenCache.get(value);
  if (!tokens) {
    if (tokenCache.size > 200_000) tokenCache.clear();
    tokens = analyze(value);
    tokenCache.set(value, tokens);
  }
  return tokens;
}

// Tokenising long texts is the expensive part: a value that does not even contain a query token as
// a substring cannot match, so most values are ruled out cheaply.
function mayContain(value: string, tokens: string[], every: boolean): boolean {
  const lower = value.toLowerCase();
  for (const token of tokens) {
    if (lower.includes(token) !== every) return !every;
  }
  return every;
}

function containsAny(tokens: string[], wanted: string[]): boolean {
  for (const token of tokens) if (wanted.includes(token)) return true;
  return false;
}

function containsPhrase(tokens: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** The parser's hook: does this term leave no tokens on this field (Lucene then drops the clause)? */
export function analyzesToNothing(endpoint: Endpoint): (field: string, text: string) => boolean {
  return (field, text) => {
    if (field === '*') return false;
    return resolveField(endpoint, field)?.kind === 'text' && analyze(text).length === 0;
  };
}

/** The predicate for an openFDA `search` value (undefined or empty: every record). */
export function compileSearch(endpoint: Endpoint, search: string | undefined): Predicate {
  if (!search) return ALWAYS;
  const node = parseQuery(rewriteMissing(search), { analyzesToNothing: analyzesToNothing(endpoint) });
  return node ? compileQuery(endpoint, node) : NEVER;
}

/** The predicate for a parsed query. Throws QueryError where ES would reject a value for its field. */
export function compileQuery(endpoint: Endpoint, node: QueryNode): Predicate {
  switch (node.type) {
    case 'matchAll':
      return ALWAYS;
    case 'bool':
      return compileBool(endpoint, node.clauses);
    case 'exists': {
      const field = resolveField(endpoint, node.field);
      const path = field ? field.path : node.field.split('.');
      return (record) => hasValueUnder(pathValue(record, path));
    }
    default:
      return onFields(endpoint, node.field, (field, lenient) => compileLeaf(node, field, lenient));
  }
}

function pathValue(record: unknown, path: readonly string[]): unknown[] {
  let nodes: unknown[] = [record];
  for (const key of path) {
    nodes = nodes
      .flatMap((n) => (Array.isArray(n) ? n : [n]))
      .flatMap((n) => (n && typeof n === 'object' ? [(n as FdaRecord)[key]] : []));
  }
  return nodes;
}

function compileBool(endpoint: Endpoint, clauses: BoolClause[]): Predicate {
  const must: Predicate[] = [];
  const should: Predicate[] = [];
  const mustNot: Predicate[] = [];
  for (const clause of clauses) {
    const p = compileQuery(endpoint, clause.query);
    (clause.occur === 'must' ? must : clause.occur === 'should' ? should : mustNot).push(p);
  }
  // Lucene would match nothing for a purely negative query; ES adds match_all (fixNegativeQueryIfNeeded).
  if (must.length === 0 && should.length === 0) return (r) => !mustNot.some((p) => p(r));
  // With required clauses, SHOULD clauses only affect scoring.
  if (must.length > 0) return (r) => must.every((p) => p(r)) && !mustNot.some((p) => p(r));
  return (r) => should.some((p) => p(r)) && !mustNot.some((p) => p(r));
}

// An unfielded term searches every field, leniently (ES skips fields the value cannot be, e.g. a date).
function onFields(
  endpoint: Endpoint,
  name: string,
  build: (field: IndexedField, lenient: boolean) => Predicate | undefined,
): Predicate {
  if (name !== '*') {
    const field = resolveField(endpoint, name);
    return (field && build(field, false)) ?? NEVER;
  }
  const parts = allFields(endpoint)
    .map((field) => build(field, true))
    .filter((p) => p !== undefined);
  return (record) => {
    for (const p of parts) if (p(record)) return true;
    return false;
  };
}

type LeafNode = Exclude<QueryNode, { type: 'matchAll' | 'bool' | 'exists' }>;

function compileLeaf(node: LeafNode, field: IndexedField, lenient: boolean): Predicate | undefined {
  const test = valueTest(node, field, lenient);
  if (!test) return undefined;
  const { path } = field;
  return (record) => {
    for (const value of valuesAt(record, path)) if (test(value)) return true;
    return false;
  };
}

// A test of one stored value. Text fields are tested token by token (a phrase on consecutive tokens).
function valueTest(
  node: LeafNode,
  field: IndexedField,
  lenient: boolean,
): ((value: string) => boolean) | undefined {
  if (node.type === 'term') return termTest(node.text, node.quoted, field, lenient);
  let test: ((unit: string) => boolean) | undefined;
  if (node.type === 'range') {
    test = rangeTest(node, field, lenient);
  } else if (field.kind === 'keyword' || field.kind === 'text') {
    // Wildcards and regexps are normalised (lower-cased) on text fields, as ES does.
    const source = field.kind === 'text' ? node.pattern.toLowerCase() : node.pattern;
    const re = node.type === 'wildcard' ? wildcardRegExp(source) : luceneRegExp(source, lenient);
    test = re && ((unit) => re.test(unit));
  }
  if (!test || field.kind !== 'text') return test;
  const tokenTest = test;
  return (value) => tokensOf(value).some(tokenTest);
}

function termTest(text: string, quoted: boolean, field: IndexedField, lenient: boolean) {
  switch (field.kind) {
    case 'text': {
      const tokens = analyze(text);
      if (tokens.length === 0) return undefined;
      // A phrase needs consecutive tokens; an unquoted multi-token term is an OR of its tokens.
      if (quoted)
        return (value: string) => mayContain(value, tokens, true) && containsPhrase(tokensOf(value), tokens);
      return (value: string) => mayContain(value, tokens, false) && containsAny(tokensOf(value), tokens);
    }
    case 'keyword':
      return (value: string) => value === text;
    case 'date': {
      const ms = toDate(text, lenient);
      return ms === undefined ? undefined : (value: string) => parseDate(value) === ms;
    }
    case 'long': {
      const n = toLong(text, lenient);
      return n === undefined ? undefined : (value: string) => Number(value) === n;
    }
  }
}

function rangeTest(node: Extract<QueryNode, { type: 'range' }>, field: IndexedField, lenient: boolean) {
  const convert = (bound: string | undefined): string | number | undefined | null => {
    if (bound === undefined) return undefined;
    if (field.kind === 'date') return toDate(bound, lenient) ?? null;
    if (field.kind === 'long') return toLong(bound, lenient) ?? null;
    return field.kind === 'text' ? bound.toLowerCase() : bound;
  };
  const lower = convert(node.lower);
  const upper = convert(node.upper);
  if (lower === null || upper === null) return undefined;
  const numeric = field.kind === 'date' || field.kind === 'long';
  return (unit: string) => {
    const v = field.kind === 'date' ? parseDate(unit) : numeric ? Number(unit) : unit;
    if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) return false;
    if (lower !== undefined && (node.includeLower ? v < lower : v <= lower)) return false;
    if (upper !== undefined && (node.includeUpper ? v > upper : v >= upper)) return false;
    return true;
  };
}

function toDate(text: string, lenient: boolean): number | undefined {
  const ms = parseQueryDate(text);
  if (ms === undefined && !lenient) {
    throw new QueryError(
      `[parse_exception] parse_exception: failed to parse date field [${text}] with format [basic_date||date||epoch_millis]`,
    );
  }
  return ms;
}

function toLong(text: string, lenient: boolean): number | undefined {
  if (/^-?\d+$/.test(text)) return Number(text);
  if (!lenient)
    throw new QueryError(`[number_format_exception] number_format_exception: For input string: "${text}"`);
  return undefined;
}

/** `*` any run, `?` one character, backslash escapes; anchored to the whole token or value. */
export function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 's');
}

function luceneRegExp(pattern: string, lenient: boolean): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern.replace(/\\\//g, '/')})$`, 's');
  } catch {
    if (lenient) return undefined;
    throw new QueryError(
      `[illegal_argument_exception] illegal_argument_exception: invalid regular expression /${pattern}/`,
    );
  }
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
