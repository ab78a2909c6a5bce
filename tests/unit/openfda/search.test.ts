import { describe, expect, it } from 'vitest';
import { allOf, anyOf, missing, phrase, range, sanitizeValue, wrapSearch } from '../../../src/openfda/search';

describe('sanitizeValue', () => {
  it('when a firm name has characters openFDA refuses, then they become spaces', () => {
    expect(sanitizeValue('Smith & Nephew; Inc. #2')).toBe('Smith & Nephew Inc. 2');
    expect(sanitizeValue('Dräger Medical GmbH®')).toBe('Drager Medical GmbH');
    expect(sanitizeValue('A+B "Quoted" \\ Corp!?')).toBe('A B Quoted Corp');
  });

  it('when the result is sent, then only characters in openFDA SUPPORTED_QUERY_RE remain', () => {
    const supported = /^[0-9a-zA-Z@%/',._:()"[\]{}\-+><= &*]*$/;
    expect(sanitizeValue('Société Générale ~^|$ € 中文 (Ltd.)')).toMatch(supported);
  });
});

describe('building searches', () => {
  it('when combining clauses, then each is grouped and the whole is wrapped', () => {
    const search = wrapSearch(
      allOf([anyOf([phrase('a.exact', 'X'), phrase('a.exact', 'Y')]), range('d', '20200101')]),
    );
    expect(search).toBe('(((a.exact:"X" OR a.exact:"Y")) AND (d:[20200101 TO *]))');
  });

  it('when asking for records without a field, then it is a negated _exists_', () => {
    expect(missing('event_date_posted')).toBe('NOT _exists_:event_date_posted');
  });

  it('when a value has nothing searchable left, then building the phrase fails loudly', () => {
    expect(() => phrase('recalling_firm', '® § ¶')).toThrow(/nothing searchable/);
  });
});
