import { describe, expect, it } from 'vitest';
import { type Bucket, bucketsOf, type PeriodCount, yearOnYearOf } from '../../../src/events/trends';
import { axisMax } from '../../../views/events/event-trends';

const row = (period: string, eventType: string, count = 1): PeriodCount => ({ period, eventType, count });
const periods = (buckets: Bucket[]) => buckets.map((b) => b.period);
const totals = (buckets: Bucket[]) => buckets.map((b) => b.total);

describe('reports as bars per period', () => {
  it('when a month has no reports, then it is a zero bar, not a gap, and the bars are in order', () => {
    const { buckets } = bucketsOf([row('2024-04', 'Injury'), row('2024-01', 'Malfunction', 3)], 'month');
    expect(periods(buckets)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(totals(buckets)).toEqual([3, 0, 0, 1]);
    expect(buckets.map((b) => b.label)).toEqual(['Jan 2024', 'Feb 2024', 'Mar 2024', 'Apr 2024']);
  });

  it('when the months run over a new year, then December is followed by January', () => {
    const { buckets } = bucketsOf([row('2022-11', 'Death'), row('2023-02', 'Death')], 'month');
    expect(periods(buckets)).toEqual(['2022-11', '2022-12', '2023-01', '2023-02']);
  });

  it('when counted by quarter, then each month falls in its quarter and empty quarters are zeros', () => {
    const { buckets } = bucketsOf(
      [
        row('2023-03', 'Death'),
        row('2023-01', 'Injury'),
        row('2023-12', 'Other', 2),
        row('2024-01', 'Death'),
      ],
      'quarter',
    );
    expect(periods(buckets)).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1']);
    expect(buckets.map((b) => b.label)).toEqual(['2023 Q1', '2023 Q2', '2023 Q3', '2023 Q4', '2024 Q1']);
    expect(totals(buckets)).toEqual([2, 0, 0, 2, 1]);
    expect(buckets[0]!.counts).toEqual({ Death: 1, Injury: 1, Malfunction: 0, Other: 0 });
  });

  it('when MAUDE says "No answer provided" or nothing, then the report counts as Other', () => {
    const { buckets } = bucketsOf(
      [
        row('2024-05', 'No answer provided', 2),
        row('2024-05', ''),
        row('2024-05', 'Other'),
        row('2024-05', 'MALFUNCTION'),
      ],
      'month',
    );
    expect(buckets[0]!.counts).toEqual({ Death: 0, Injury: 0, Malfunction: 1, Other: 4 });
    expect(buckets[0]!.total).toBe(5);
  });

  it('when asked to choose, then up to 36 months go by month and longer spans by quarter', () => {
    expect(bucketsOf([row('2021-01', 'Death'), row('2023-12', 'Death')], 'auto').grain).toBe('month');
    expect(bucketsOf([row('2021-01', 'Death'), row('2024-01', 'Death')], 'auto').grain).toBe('quarter');
    const long = bucketsOf([row('2019-01', 'Death'), row('2024-10', 'Injury')], 'auto');
    expect(long.buckets[0]!.label).toBe('2019 Q1');
    expect(long.buckets.at(-1)!.label).toBe('2024 Q4');
    expect(long.buckets).toHaveLength(24);
  });

  it('when dates were asked, then the axis spans them, zeros at either end', () => {
    const { buckets, grain } = bucketsOf([row('2024-03', 'Injury')], 'auto', '2024-01-15', '2024-06-30');
    expect(grain).toBe('month');
    expect(periods(buckets)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
  });

  it('when a date asked lies far from every report, then the axis stops a year past the reports', () => {
    const { buckets } = bucketsOf([row('2024-03', 'Injury')], 'month', '1900-01-01', '2999-12-31');
    expect(buckets[0]!.period).toBe('2023-03');
    expect(buckets.at(-1)!.period).toBe('2025-03');
  });

  it('when a report has no date received, then it is counted apart and not charted', () => {
    const result = bucketsOf([row('', 'Death', 2), row('2024-01', 'Death')], 'month');
    expect(result.undated).toBe(2);
    expect(totals(result.buckets)).toEqual([1]);
    expect(bucketsOf([row('', 'Death')], 'auto')).toEqual({ grain: 'month', buckets: [], undated: 1 });
  });
});

describe('is it rising: the latest year against the one before', () => {
  const today = '2026-11-21';
  /** Every month from one to another, as Vigil would hold them after a sync of those years. */
  const monthsFrom = (from: string, to: string) => {
    const held = new Set<string>();
    for (
      let d = new Date(`${from}-01T00:00:00Z`);
      d.toISOString().slice(0, 7) <= to;
      d.setUTCMonth(d.getUTCMonth() + 1)
    )
      held.add(d.toISOString().slice(0, 7));
    return held;
  };
  const everything = monthsFrom('2015-01', '2026-11');

  it('when reports reach back two years, then the latest twelve whole months are set against the twelve before', () => {
    const year = yearOnYearOf(
      [
        row('2024-10', 'Malfunction', 5), // 24 months before October 2026: in neither year
        row('2024-12', 'Death'),
        row('2025-10', 'Injury', 2),
        row('2025-11', 'Malfunction', 3),
        row('2026-10', 'Death', 2),
        row('2026-11', 'Malfunction', 40), // this month, still under way: left out
      ],
      today,
      everything,
    );
    expect(year).toEqual({
      to: 'Oct 2026',
      recent: { Death: 2, Injury: 0, Malfunction: 3, Other: 0, total: 5 },
      before: { Death: 1, Injury: 2, Malfunction: 0, Other: 0, total: 3 },
      change: 67,
      missing: null,
    });
  });

  it('when Vigil holds the earlier year but none of the reports fall in it, then it is counted as none, not guessed', () => {
    const year = yearOnYearOf([row('2019-01', 'Injury', 4), row('2021-06', 'Injury', 2)], today, everything);
    expect(year).toMatchObject({ to: 'Jun 2021', change: null, recent: { total: 2 }, before: { total: 0 } });
  });

  it('when Vigil does not hold the earlier year, then it says which months are not stored instead of none', () => {
    const held = monthsFrom('2025-03', '2026-11');
    const year = yearOnYearOf([row('2025-12', 'Death'), row('2026-10', 'Death')], today, held);
    expect(year).toEqual({
      to: 'Oct 2026',
      recent: { Death: 2, Injury: 0, Malfunction: 0, Other: 0, total: 2 },
      before: null,
      change: null,
      missing: { from: 'Nov 2024', to: 'Feb 2025', heldRecent: 12, heldBefore: 8 },
    });
  });

  it('when the latest year itself is not held whole, then neither year is counted; with nothing dated, nothing is said', () => {
    const gappy = monthsFrom('2015-01', '2026-11');
    gappy.delete('2026-05');
    expect(yearOnYearOf([row('2024-02', 'Death'), row('2026-10', 'Death')], today, gappy)).toEqual({
      to: 'Oct 2026',
      recent: null,
      before: null,
      change: null,
      missing: { from: 'May 2026', to: 'May 2026', heldRecent: 11, heldBefore: 12 },
    });
    expect(yearOnYearOf([row('', 'Death', 9)], today, everything)).toBeNull();
  });
});

describe('the height of the chart', () => {
  it('when the tallest bar is drawn, then the axis ends at the next round number, at most a quarter above it', () => {
    expect(axisMax(2_100)).toBe(2_500);
    expect(axisMax(2_000)).toBe(2_000);
    expect(axisMax(5_100)).toBe(6_000);
    expect(axisMax(87)).toBe(100);
    expect(axisMax(3)).toBe(3);
    for (let tallest = 6; tallest < 100_000; tallest = Math.ceil(tallest * 1.07)) {
      const top = axisMax(tallest);
      expect(top).toBeGreaterThanOrEqual(tallest);
      expect(tallest / top).toBeGreaterThanOrEqual(0.75);
    }
  });
});
