import { describe, expect, it } from 'vitest';
import { type IdentifierSet, identifierMatches } from '../../../../src/matching/extract';

const set = (values: string[], ranges: [string, string][] = [], complete = true): IdentifierSet => ({
  values,
  ranges: ranges.map(([from, to]) => ({ from, to })),
  complete,
  wildcards: [],
  doubts: [],
  quote: null,
});

describe('identifierMatches', () => {
  it('when a value is listed, then it is in, whatever its case or dashes', () => {
    expect(identifierMatches(set(['13F18C0374', '239006-B']), '13f18c0374')).toBe('in');
    expect(identifierMatches(set(['13F18C0374', '239006-B']), '239006B')).toBe('in');
  });

  it('when a complete list does not hold a value, then it is out; when the list is partial, unknown', () => {
    expect(identifierMatches(set(['AP0447', 'AP0463']), 'AP0450')).toBe('out');
    expect(identifierMatches(set(['AP0447', 'AP0463'], [], false), 'AP0450')).toBe('unknown');
  });

  it('when nothing is listed, then no asset is ruled out', () => {
    expect(identifierMatches(set([], [], true), '1234')).toBe('unknown');
    expect(identifierMatches(set([]), '')).toBe('unknown');
  });

  it('when numbers of one width bound a range, then values compare as numbers, leading zeros and all', () => {
    const s = set([], [['0400000501', '0700032917']]);
    expect(identifierMatches(s, '0500000000')).toBe('in');
    expect(identifierMatches(s, '0700032918')).toBe('out');
    expect(identifierMatches(s, '0400000501')).toBe('in');
    // a value of another width cannot be placed when the ends carry leading zeros
    expect(identifierMatches(s, '500000000')).toBe('unknown');
  });

  it('when numbers without leading zeros bound a range, then widths may differ', () => {
    const s = set([], [['9501', '10300']]);
    expect(identifierMatches(s, '9999')).toBe('in');
    expect(identifierMatches(s, '10301')).toBe('out');
  });

  it('when the ends share a prefix and differ in a numeric tail, then the tail decides', () => {
    const s = set([], [['DB100527', 'DB101305']]);
    expect(identifierMatches(s, 'DB100600')).toBe('in');
    expect(identifierMatches(s, 'db-101305')).toBe('in');
    expect(identifierMatches(s, 'DB101306')).toBe('out');
    expect(identifierMatches(s, 'DC100600')).toBe('out'); // every serial in the range starts DB
  });

  it('when the ends share a letter suffix, then the numbers between prefix and suffix decide', () => {
    const s = set([], [['02053SN', '02099SN']]);
    expect(identifierMatches(s, '02060SN')).toBe('in');
    expect(identifierMatches(s, '02100SN')).toBe('out');
  });

  it('when a range was written high to low, then it is read low to high', () => {
    expect(identifierMatches(set([], [['033250701', '031581115']]), '032000000')).toBe('in');
  });

  it('when the ends change a code as well as a number, then there is no confident answer', () => {
    const s = set([], [['08A00035000', '10A0070753']]);
    expect(identifierMatches(s, '09A00050000')).toBe('unknown');
    expect(identifierMatches(s, '08A00035000')).toBe('in'); // an end itself is listed
    expect(identifierMatches(set([], [['994-1350001', '104-1356894']]), '994-1350500')).toBe('unknown');
  });

  it('when one range cannot be judged, then a value outside the others is unknown, not out', () => {
    const s = set(
      [],
      [
        ['0400000501', '0700032917'],
        ['08A00035000', '10A0070753'],
        ['10C00200000', '10C00210106'],
      ],
    );
    expect(identifierMatches(s, '10C00205000')).toBe('in');
    expect(identifierMatches(s, '0800000000')).toBe('unknown');
  });
});
