import { describe, expect, it } from 'vitest';
import { shiftDays, toFeedDate, toIsoDate } from '../../../src/openfda/dates';

describe('toIsoDate', () => {
  it('when given either openFDA style, then returns YYYY-MM-DD', () => {
    expect(toIsoDate('2019-05-17')).toBe('2019-05-17');
    expect(toIsoDate('20260610')).toBe('2026-06-10');
  });

  it('when the date is not a real calendar date, then returns null rather than guessing', () => {
    for (const bad of ['', '0013-05-01', '20211399', '2021-02-30', '2021-2-3', 'N/A', undefined, 20210101]) {
      expect(toIsoDate(bad)).toBeNull();
    }
  });

  it('when the year is a leap year, then 29 February is accepted', () => {
    expect(toIsoDate('20240229')).toBe('2024-02-29');
    expect(toIsoDate('20230229')).toBeNull();
  });
});

describe('toFeedDate and shiftDays', () => {
  it('when a feed uses basic dates, then the dashes go', () => {
    expect(toFeedDate('2026-06-10', 'basic')).toBe('20260610');
    expect(toFeedDate('2026-06-10', 'dashed')).toBe('2026-06-10');
  });

  it('when shifting across a year end and a leap day, then the calendar is respected', () => {
    expect(shiftDays('2025-01-10', 90)).toBe('2024-10-12');
    expect(shiftDays('2024-03-01', 1)).toBe('2024-02-29');
  });
});
