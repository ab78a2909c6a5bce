import { describe, expect, it } from 'vitest';
import { parseQuery, QueryError, type QueryNode, rewriteMissing } from '../../support/fake-openfda/query';

const term = (field: string, text: string, quoted = false): QueryNode => ({
  type: 'term',
  field,
  text,
  quoted,
});
const parse = (q: string) => parseQuery(q);

/** The clauses of a boolean query as "+field:text" / "field:text" / "-field:text" strings. */
function clauses(q: string): string[] {
  const node = parse(q);
  if (node?.type !== 'bool') throw new Error(`not a boolean query: ${JSON.stringify(node)}`);
  return node.clauses.map(({ occur, query }) => {
    const prefix = occur === 'must' ? '+' : occur === 'mustNot' ? '-' : '';
    return query.type === 'term' ? `${prefix}${query.field}:${query.text}` : `${prefix}${query.type}`;
  });
}

function syntaxError(q: string): string {
  try {
    parse(q);
  } catch (error) {
    if (error instanceof QueryError) return error.details;
    throw error;
  }
  throw new Error(`parsed: ${q}`);
}

describe('parseQuery: clauses and precedence (Lucene classic, default operator OR)', () => {
  it('when one fielded term is given, then it is that term alone', () => {
    expect(parse('recall_status:Terminated')).toEqual(term('recall_status', 'Terminated'));
  });

  it('when terms are separated by spaces or OR, then every clause is optional (SHOULD)', () => {
    expect(clauses('a b')).toEqual(['*:a', '*:b']);
    expect(clauses('a OR b || c')).toEqual(['*:a', '*:b', '*:c']);
  });

  it('when AND joins two terms, then both become required', () => {
    expect(clauses('a AND b')).toEqual(['+*:a', '+*:b']);
    expect(clauses('a && b')).toEqual(['+*:a', '+*:b']);
  });

  it('when the enforcement filter is appended to A OR B, then A stays optional and is ignored', () => {
    expect(clauses('A OR B AND product_type:devices')).toEqual(['*:A', '+*:B', '+product_type:devices']);
    expect(clauses('A B AND product_type:devices')).toEqual(['*:A', '+*:B', '+product_type:devices']);
  });

  it('when the whole search is wrapped in parentheses, then the OR survives the appended filter', () => {
    const node = parse('(A OR B) AND product_type:devices');
    expect(node).toEqual({
      type: 'bool',
      clauses: [
        {
          occur: 'must',
          query: {
            type: 'bool',
            clauses: [
              { occur: 'should', query: term('*', 'A') },
              { occur: 'should', query: term('*', 'B') },
            ],
          },
        },
        { occur: 'must', query: term('product_type', 'devices') },
      ],
    });
  });

  it('when NOT, ! or - precede a clause, then it is prohibited, and AND NOT keeps the left side required', () => {
    expect(clauses('a NOT b')).toEqual(['*:a', '-*:b']);
    expect(clauses('a AND NOT b')).toEqual(['+*:a', '-*:b']);
    expect(clauses('a -b !c')).toEqual(['*:a', '-*:b', '-*:c']);
  });

  it('when + precedes a clause, then it is required', () => {
    expect(clauses('+a b')).toEqual(['+*:a', '*:b']);
  });

  it('when a query is only negative, then it is a boolean of MUST_NOT clauses', () => {
    expect(clauses('NOT a')).toEqual(['-*:a']);
  });

  it('when a field applies to a group, then the terms inside inherit it unless they name their own', () => {
    expect(clauses('product_code:(FOZ OR other:LLZ)')).toEqual(['product_code:FOZ', 'other:LLZ']);
  });

  it('when a term uses = instead of :, then it is one unfielded term (openfda-api.md §6.3)', () => {
    expect(parse('product_description=PM1240')).toEqual(term('*', 'product_description=PM1240'));
  });

  it('when a second term has no field, then it searches all fields (issue #94)', () => {
    expect(clauses('product_description:PM1240 OR PM1260')).toEqual([
      'product_description:PM1240',
      '*:PM1260',
    ]);
  });

  it('when a term analyses to nothing, then Lucene drops it before combining the rest', () => {
    const analyzesToNothing = (_field: string, text: string) => text === '-' || text === '&';
    expect(parseQuery('a OR - AND b', { analyzesToNothing })).toEqual({
      type: 'bool',
      clauses: [
        { occur: 'must', query: term('*', 'a') },
        { occur: 'must', query: term('*', 'b') },
      ],
    });
    expect(parseQuery('&', { analyzesToNothing })).toBeNull();
  });
});

describe('parseQuery: term forms', () => {
  it('when a phrase is quoted, then it is one quoted term with escapes removed', () => {
    expect(parse('recalling_firm:"Becton \\"BD\\" Dickinson"')).toEqual(
      term('recalling_firm', 'Becton "BD" Dickinson', true),
    );
  });

  it('when a range uses [ ] or { }, then the bounds are inclusive or exclusive, * is open', () => {
    expect(parse('report_date:[20120101 TO 20121231]')).toEqual({
      type: 'range',
      field: 'report_date',
      lower: '20120101',
      upper: '20121231',
      includeLower: true,
      includeUpper: true,
    });
    expect(parse('event_date_posted:{2019-01-01 TO *]')).toEqual({
      type: 'range',
      field: 'event_date_posted',
      lower: '2019-01-01',
      includeLower: false,
      includeUpper: true,
    });
  });

  it('when a term starts with > or <, then it is an open range (ES query_string)', () => {
    expect(parse('date_received:>=20210101')).toMatchObject({
      type: 'range',
      lower: '20210101',
      includeLower: true,
    });
    expect(parse('date_received:<20210101')).toMatchObject({
      type: 'range',
      upper: '20210101',
      includeUpper: false,
    });
  });

  it('when a term has * or ?, leading or not, then it is a wildcard; a trailing * alone is a prefix', () => {
    expect(parse('device.brand_name:*ELIS*')).toEqual({
      type: 'wildcard',
      field: 'device.brand_name',
      pattern: '*ELIS*',
    });
    expect(parse('product_code:F?Z')).toEqual({ type: 'wildcard', field: 'product_code', pattern: 'F?Z' });
    expect(parse('recalling_firm:abb*')).toEqual({
      type: 'wildcard',
      field: 'recalling_firm',
      pattern: 'abb*',
    });
  });

  it('when a field is matched by * alone, then it is an exists query; *:* matches all', () => {
    expect(parse('k_numbers:*')).toEqual({ type: 'exists', field: 'k_numbers' });
    expect(parse('*:*')).toEqual({ type: 'matchAll' });
  });

  it('when _exists_ or _missing_ is used, then _missing_ becomes NOT _exists_', () => {
    expect(parse('_exists_:termination_date')).toEqual({ type: 'exists', field: 'termination_date' });
    expect(rewriteMissing('_missing_:termination_date')).toBe('(NOT (_exists_:termination_date))');
    expect(parse(rewriteMissing('_missing_:termination_date'))).toEqual({
      type: 'bool',
      clauses: [{ occur: 'mustNot', query: { type: 'exists', field: 'termination_date' } }],
    });
  });

  it('when special characters are escaped, then they are literal', () => {
    expect(parse('code_info:AB\\:12')).toEqual(term('code_info', 'AB:12'));
  });
});

describe('parseQuery: syntax errors (openFDA answers 500 with these details)', () => {
  it('when a quote is not closed, then it is a lexical error at the end of the query', () => {
    expect(syntaxError('recalling_firm:"Abbott')).toBe(
      '[token_mgr_error] token_mgr_error: Lexical error at line 1, column 23.  Encountered: <EOF> after : "\\"Abbott"',
    );
  });

  it('when a stray } appears, then it is the lexical error of issue #192', () => {
    expect(syntaxError('report_date:20120101}')).toBe(
      '[token_mgr_error] token_mgr_error: Lexical error at line 1, column 21.  Encountered: "}" (125), after : ""',
    );
  });

  it('when a parenthesis or bracket is not closed, then it is a parse error', () => {
    expect(syntaxError('(a OR b')).toMatch(
      /^\[parse_exception\] .*Encountered "<EOF>" at line 1, column 8\.$/,
    );
    expect(syntaxError('report_date:[20120101 TO 20121231')).toMatch(/Encountered "<EOF>"/);
    expect(syntaxError('a OR b)')).toMatch(/Encountered " <RPAREN> "\) "" at line 1, column 7/);
  });

  it('when an operator has nothing after it, then it is a parse error', () => {
    expect(syntaxError('a AND')).toMatch(/Encountered "<EOF>"/);
  });

  it('when a slash opens a regexp that never closes, then it is a lexical error', () => {
    expect(syntaxError('code_info:12/34')).toMatch(
      /^\[token_mgr_error\].*Encountered: <EOF> after : "\/34"$/,
    );
  });
});
