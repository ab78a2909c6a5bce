/**
 * Lucene classic query syntax, as Elasticsearch's `query_string` parses openFDA's `search` parameter:
 * default operator OR, Lucene's addClause rules, ES's `_exists_`, `field:*` and `field:>x` additions.
 * Pure: text in, a small query tree out. Field types are applied later, by match.ts.
 */
import { QueryError, type Token, type TokenKind, tokenize } from './query-lexer';

export { QueryError } from './query-lexer';

export type Occur = 'must' | 'should' | 'mustNot';

/** A parsed query. `field` is '*' for "every field" (an unfielded term). */
export type QueryNode =
  | { type: 'term'; field: string; text: string; quoted: boolean }
  | { type: 'wildcard'; field: string; pattern: string }
  | { type: 'regexp'; field: string; pattern: string }
  | {
      type: 'range';
      field: string;
      lower?: string;
      upper?: string;
      includeLower: boolean;
      includeUpper: boolean;
    }
  | { type: 'exists'; field: string }
  | { type: 'matchAll' }
  | { type: 'bool'; clauses: BoolClause[] };

export interface BoolClause {
  occur: Occur;
  query: QueryNode;
}

export interface ParseOptions {
  /**
   * True when the analyzer would leave nothing of an unquoted or quoted term on this field (e.g. "-" on
   * a text field). Lucene drops such clauses before the rest of addClause runs, which changes how the
   * remaining AND/OR combine; match.ts supplies the real test.
   */
  analyzesToNothing?: (field: string, text: string) => boolean;
}

type Conj = 'none' | 'and' | 'or';
type Mod = 'none' | 'req' | 'not';

/**
 * openFDA's own rewrite of the ES 1.x `_missing_` syntax (elasticsearch_query.js
 * HandleDeprecatedClauses), applied to the search text before it reaches the parser.
 */
export function rewriteMissing(search: string): string {
  return search.replace(/_missing_:("?[\w.]+"?)/g, '(NOT (_exists_:$1))');
}

/**
 * Parses a search (after rewriteMissing). Returns null when nothing is left to match (every clause
 * analysed away): ES then matches no document. Throws QueryError like Lucene would.
 */
export function parseQuery(search: string, options: ParseOptions = {}): QueryNode | null {
  return new Parser(search, tokenize(search), options).topLevel();
}

// The tokens that can begin another clause of a Query (JavaCC's lookahead set).
const CLAUSE_START = new Set<TokenKind>(
  (
    'AND OR NOT PLUS MINUS BAREOPER LPAREN STAR QUOTED TERM PREFIXTERM WILDTERM REGEXPTERM RANGEIN_START ' +
    'RANGEEX_START NUMBER'
  ).split(' ') as TokenKind[],
);

/** Lucene's escape removal: a backslash makes the next character literal. */
export function discardEscapes(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}

function escapeWildcardLiteral(text: string): string {
  return text.replace(/[\\*?]/g, '\\$&');
}

class Parser {
  private pos = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly options: ParseOptions,
  ) {}

  topLevel(): QueryNode | null {
    const q = this.query('*');
    this.expect('EOF');
    return q;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    this.pos++;
    return token;
  }

  private expect(kind: TokenKind): Token {
    return this.accept(kind) ?? this.fail();
  }

  /** Consumes the next token if it is one of these kinds. */
  private accept(...kinds: TokenKind[]): Token | undefined {
    return kinds.includes(this.peek().kind) ? this.next() : undefined;
  }

  private fail(): never {
    const token = this.peek();
    const found = token.kind === 'EOF' ? '"<EOF>"' : `" <${token.kind}> "${token.image} ""`;
    throw new QueryError(
      `[parse_exception] parse_exception: Cannot parse '${this.source}': Encountered ${found} at line 1, column ${token.column}.`,
    );
  }

  // Query ::= Modifiers Clause ( Conjunction Modifiers Clause )*
  private query(field: string): QueryNode | null {
    const clauses: BoolClause[] = [];
    let mods = this.modifiers();
    let q = this.clause(field);
    addClause(clauses, 'none', mods, q);
    const firstQuery = mods === 'none' ? q : null;
    while (CLAUSE_START.has(this.peek().kind)) {
      const conj = this.conjunction();
      mods = this.modifiers();
      q = this.clause(field);
      addClause(clauses, conj, mods, q);
    }
    if (clauses.length === 1 && firstQuery) return firstQuery;
    return clauses.length === 0 ? null : { type: 'bool', clauses };
  }

  private conjunction(): Conj {
    const token = this.accept('AND', 'OR');
    return token ? (token.kind === 'AND' ? 'and' : 'or') : 'none';
  }

  private modifiers(): Mod {
    const token = this.accept('PLUS', 'MINUS', 'NOT');
    return token ? (token.kind === 'PLUS' ? 'req' : 'not') : 'none';
  }

  // Clause ::= [ (TERM | STAR) COLON ] ( Term | LPAREN Query RPAREN [ CARAT NUMBER ] )
  private clause(field: string): QueryNode | null {
    const first = this.peek();
    if ((first.kind === 'TERM' || first.kind === 'STAR') && this.peek(1).kind === 'COLON') {
      field = first.kind === 'STAR' ? '*' : discardEscapes(first.image);
      this.pos += 2;
    }
    if (this.accept('LPAREN')) {
      const q = this.query(field);
      this.expect('RPAREN');
      this.boost();
      return q;
    }
    return this.term(field);
  }

  // Boost (^) only changes scoring; fuzziness (~) is not emulated: the term is matched as written.
  private boost(): void {
    if (this.accept('CARAT')) this.expect('NUMBER');
  }

  private term(field: string): QueryNode | null {
    const token = this.next();
    switch (token.kind) {
      case 'TERM':
      case 'NUMBER':
      case 'BAREOPER':
      case 'STAR':
      case 'PREFIXTERM':
      case 'WILDTERM':
      case 'REGEXPTERM': {
        this.accept('FUZZY_SLOP');
        this.boost();
        this.accept('FUZZY_SLOP');
        return this.bareToken(field, token);
      }
      case 'QUOTED': {
        this.accept('FUZZY_SLOP');
        this.boost();
        return this.fieldQuery(field, discardEscapes(token.image.slice(1, -1)), true);
      }
      case 'RANGEIN_START':
      case 'RANGEEX_START':
        return this.range(field, token.kind === 'RANGEIN_START');
      default:
        this.pos--;
        return this.fail();
    }
  }

  private bareToken(field: string, token: Token): QueryNode | null {
    switch (token.kind) {
      case 'STAR':
      case 'WILDTERM':
        return wildcardQuery(field, token.image);
      case 'PREFIXTERM':
        return wildcardQuery(field, `${escapeWildcardLiteral(discardEscapes(token.image.slice(0, -1)))}*`);
      case 'REGEXPTERM':
        return { type: 'regexp', field, pattern: token.image.slice(1, -1) };
      case 'BAREOPER':
        return this.fieldQuery(field, token.image[0]!, false);
      default:
        return this.fieldQuery(field, discardEscapes(token.image), false);
    }
  }

  private range(field: string, includeLower: boolean): QueryNode {
    const bound = (): string => {
      const token = this.accept('RANGE_GOOP', 'RANGE_QUOTED', 'RANGE_TO') ?? this.fail();
      return token.kind === 'RANGE_QUOTED' ? discardEscapes(token.image.slice(1, -1)) : token.image;
    };
    const lower = bound();
    this.accept('RANGE_TO');
    const upper = bound();
    const end = (this.accept('RANGEIN_END', 'RANGEEX_END') ?? this.fail()).kind;
    this.boost();
    return rangeQuery(field, lower === '*' ? undefined : lower, upper === '*' ? undefined : upper, {
      includeLower,
      includeUpper: end === 'RANGEIN_END',
    });
  }

  // ES QueryStringQueryParser.getFieldQuery: `_exists_:f`, `f:>x` style ranges, then a plain term.
  private fieldQuery(field: string, text: string, quoted: boolean): QueryNode | null {
    if (field === '_exists_') return { type: 'exists', field: text };
    if (!quoted) {
      const m = /^(>=|<=|>|<)(.*)$/s.exec(text);
      if (m) {
        const [, op, value] = m as unknown as [string, string, string];
        return op[0] === '>'
          ? rangeQuery(field, value, undefined, { includeLower: op === '>=', includeUpper: true })
          : rangeQuery(field, undefined, value, { includeLower: true, includeUpper: op === '<=' });
      }
    }
    if (this.options.analyzesToNothing?.(field, text)) return null;
    return { type: 'term', field, text, quoted };
  }
}

function wildcardQuery(field: string, pattern: string): QueryNode {
  if (pattern === '*') return field === '*' ? { type: 'matchAll' } : { type: 'exists', field };
  return { type: 'wildcard', field, pattern };
}

function rangeQuery(
  field: string,
  lower: string | undefined,
  upper: string | undefined,
  bounds: { includeLower: boolean; includeUpper: boolean },
): QueryNode {
  return {
    type: 'range',
    field,
    ...(lower === undefined ? {} : { lower }),
    ...(upper === undefined ? {} : { upper }),
    ...bounds,
  };
}

// QueryParserBase.addClause with the default operator OR. A null query (analysed away) still lets
// its conjunction change the previous clause, but is not added itself.
function addClause(clauses: BoolClause[], conj: Conj, mods: Mod, q: QueryNode | null): void {
  const previous = clauses.at(-1);
  if (previous && conj === 'and' && previous.occur !== 'mustNot') previous.occur = 'must';
  if (!q) return;
  const prohibited = mods === 'not';
  const required = mods === 'req' || (conj === 'and' && !prohibited);
  clauses.push({ occur: prohibited ? 'mustNot' : required ? 'must' : 'should', query: q });
}
