import { describe, expect, it } from 'vitest';
import { analyze, formatBasicDate, parseDate, parseQueryDate } from '../../support/fake-openfda/analysis';

describe('analyze (standard analyzer)', () => {
  it('when a recall number is analysed, then it splits at hyphens into lower-case tokens', () => {
    expect(analyze('Z-0053-2020')).toEqual(['z', '0053', '2020']);
  });

  it('when numbers have inner dots or commas, then they stay one token', () => {
    expect(analyze('regulation 868.5110, quantity 3,143')).toEqual([
      'regulation',
      '868.5110',
      'quantity',
      '3,143',
    ]);
  });

  it('when words have inner apostrophes, dots or underscores, then they stay whole but edge punctuation goes', () => {
    expect(analyze("O'Brien's U.S.A. foo_bar (b)(4)")).toEqual(["o'brien's", 'u.s.a', 'foo_bar', 'b', '4']);
  });

  it('when letters and digits touch, then they form one token, case folded', () => {
    expect(analyze('REF AK-25502 K900263')).toEqual(['ref', 'ak', '25502', 'k900263']);
  });

  it('when text is only punctuation, then there are no tokens', () => {
    expect(analyze(' - & / ')).toEqual([]);
  });

  it('when text has accents, then letters are kept and folded to lower case', () => {
    expect(analyze('Dräger Médical')).toEqual(['dräger', 'médical']);
  });
});

describe('dates', () => {
  it('when a date is YYYYMMDD or YYYY-MM-DD, then both give the same UTC day', () => {
    expect(parseDate('20200131')).toBe(Date.UTC(2020, 0, 31));
    expect(parseDate('2020-01-31')).toBe(Date.UTC(2020, 0, 31));
  });

  it('when a date does not exist, then it is not a date', () => {
    expect(parseDate('20200231')).toBeUndefined();
    expect(parseDate('2020/01/31')).toBeUndefined();
  });

  it('when a query date is another number, then it is epoch millis (basic_date||date||epoch_millis)', () => {
    expect(parseQueryDate('1580428800000')).toBe(Date.UTC(2020, 0, 31));
    expect(parseQueryDate('last week')).toBeUndefined();
  });

  it('when a day is formatted for the count histogram, then it is YYYYMMDD', () => {
    expect(formatBasicDate(Date.UTC(2003, 5, 1))).toBe('20030601');
  });
});
