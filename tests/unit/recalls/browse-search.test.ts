import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkFilters, filterInput, filterQueryString } from '../../../src/recalls/browse/search';
import { ftsQuery } from '../../../src/shared/fts';
import { pageLinks } from '../../../src/shared/paging';

describe('the FTS query of a recall search', () => {
  it('when words are typed, then each is quoted, all are required, and the last may be a word start', () => {
    expect(ftsQuery('infusion pum')).toBe('"infusion" "pum"*');
  });

  it('when the text ends with a space, then the last word is taken as finished', () => {
    expect(ftsQuery('infusion pump ')).toBe('"infusion" "pump"');
  });

  it('when a Z-number is typed, then it is one quoted phrase, still open at its end', () => {
    expect(ftsQuery('Z-1234-2020')).toBe('"Z-1234-2020"*');
  });

  it('when the last word is a lone letter, then it is not a word start that would match most of the corpus', () => {
    expect(ftsQuery('alaris p')).toBe('"alaris" "p"');
    expect(ftsQuery('p')).toBe('"p"');
  });

  it('when quotes and query operators are typed, then they are searched as text', () => {
    expect(ftsQuery('"Class I" OR NOT pump*')).toBe('"""Class" "I""" "OR" "NOT" "pump*"*');
    expect(ftsQuery('product_description:pump')).toBe('"product_description:pump"*');
  });

  it('when nothing searchable is typed, then there is no query', () => {
    expect(ftsQuery('')).toBeNull();
    expect(ftsQuery('   ')).toBeNull();
    expect(ftsQuery('- * " ( )')).toBeNull();
  });

  it('when a paragraph is pasted, then only its first twelve words are searched', () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    expect(ftsQuery(words)!.split(' ')).toHaveLength(12);
  });

  it('when hostile or odd text is searched in a real FTS5 index, then SQLite never rejects the query', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 remove_diacritics 2')`);
    db.prepare('INSERT INTO t (rowid, a) VALUES (1, ?)').run(
      'Alaris pump "Class I" <script>alert(1)</script>',
    );
    const search = db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?').pluck();
    const inputs = [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      'pump"',
      '"',
      'NEAR(a b)',
      'a AND',
      'OR',
      '(pump',
      '^pump',
      'a:b',
      '{a b}:pump',
      '*',
      "pump' --",
      'Dräger',
      'Z-0557-04',
      '\u0000pump',
    ];
    for (const input of inputs) {
      const query = ftsQuery(input);
      if (query) expect(() => search.get(query), input).not.toThrow();
    }
    expect(search.get(ftsQuery('<script>alert(1)</script>'))).toBe(1);
    expect(search.get(ftsQuery('"Class I"'))).toBe(1);
    db.close();
  });
});

describe('the recall filters', () => {
  it('when the form is read, then fields are trimmed but the search, the product code upper-cased and a bad page is page 1', () => {
    const input = filterInput({
      q: 'pump ',
      firm: ' acme ',
      product_code: 'frn',
      page: 'x',
      matched: '1',
      class: 'II',
    });
    expect(input).toMatchObject({
      q: 'pump ', // the space says "pump" is a whole word
      firm: 'acme',
      productCode: 'FRN',
      page: 1,
      matchedOnly: true,
      recallClass: 'II',
    });
  });

  it('when the filters are sound, then they are accepted', () => {
    const checked = checkFilters(filterInput({ class: 'I', from: '2024-01-01', to: '2024-12-31' }));
    expect(checked.ok).toBe(true);
  });

  it('when a date, the class or the product code is wrong, then each error says how to put it right', () => {
    const checked = checkFilters(
      filterInput({ class: 'IV', product_code: 'FR1', from: '2024-02-30', to: '31/12/2024' }),
    );
    expect(checked).toEqual({
      ok: false,
      errors: [
        'Choose a class from the list: Class I, II or III, or any class.',
        'An FDA product code is three letters, such as FRN.',
        'Posted from: write the date as YYYY-MM-DD, such as 2024-03-31.',
        'Posted to: write the date as YYYY-MM-DD, such as 2024-03-31.',
      ],
    });
  });

  it('when the dates are the wrong way round, then the error says to swap them', () => {
    const checked = checkFilters(filterInput({ from: '2024-12-31', to: '2024-01-01' }));
    expect(checked).toEqual({
      ok: false,
      errors: ['"Posted from" is after "Posted to": swap the two dates.'],
    });
  });

  it('when a page link is made, then it keeps every filter and leaves out the empty ones', () => {
    const input = filterInput({ q: 'a&b', class: 'I', matched: 'on', firm: '' });
    expect(filterQueryString(input, 3)).toBe('?q=a%26b&class=I&matched=1&page=3');
    expect(filterQueryString(input, 1)).toBe('?q=a%26b&class=I&matched=1');
    expect(filterQueryString(filterInput({}))).toBe('');
  });

  it('when there are many pages, then the links are the first, the last and those around the current one', () => {
    expect(pageLinks(1, 1)).toEqual([1]);
    expect(pageLinks(1, 4)).toEqual([1, 2, 3, 4]);
    expect(pageLinks(10, 640)).toEqual([1, 'gap', 8, 9, 10, 11, 12, 'gap', 640]);
    expect(pageLinks(640, 640)).toEqual([1, 'gap', 638, 639, 640]);
  });
});
