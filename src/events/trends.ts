import {
  type Bucket,
  type Buckets,
  type EventTrendsView,
  type Grain,
  type Tally,
  type TrendType,
  trendTypes,
  type YearOnYear,
} from '../../views/events/event-trends';
import type { Db } from '../db/client';
import { facilityDay } from '../shared/clock';
import type { EventFilters } from './filters';
import type { ManufacturerName } from './manufacturers';
import { countEvents, heldMonths } from './queries';
import type { GroupCount } from './selection';
import { asOne, tally } from './tally';

export type { Bucket, Buckets, EventTrendsView, Grain, Tally, TrendType, YearOnYear };

/** Reports received in a month (YYYY-MM; anything else counts as undated) of one event type. */
export type PeriodCount = { period: string; eventType: string; count: number };
export { trendTypes };

/** Beyond three years of months the bars get too thin to read, so longer spans go by quarter. */
const monthsAtMost = 36;
/** How far an edge asked may stretch the axis past the reports, so from=1900-01-01 stays sane. */
const reachBeyondReports = 12;

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const isMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
/** Months since year 0, so that spans and steps are plain arithmetic. */
const monthIndex = (yyyyMm: string) => Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;

function period(index: number, grain: Grain): { period: string; label: string } {
  const year = String(Math.floor(index / 12)).padStart(4, '0');
  const month = index % 12;
  if (grain === 'month')
    return { period: `${year}-${String(month + 1).padStart(2, '0')}`, label: `${monthNames[month]} ${year}` };
  const quarter = Math.floor(month / 3) + 1;
  return { period: `${year}-Q${quarter}`, label: `${year} Q${quarter}` };
}

const typeByName = new Map(trendTypes.filter((t) => t !== 'Other').map((t) => [t.toLowerCase(), t]));
const trendType = (eventType: string): TrendType => typeByName.get(eventType.trim().toLowerCase()) ?? 'Other';

/**
 * Monthly counts as bars for a chart: every period between the first and the last present (an
 * empty month is a zero, not a gap), in order, event types folded into the four of `trendTypes`.
 * The axis runs from `from` to `to` (YYYY-MM-DD) when asked, but at most a year past the reports
 * themselves. 'auto' picks months for spans of up to three years, else quarters.
 */
export function bucketsOf(rows: PeriodCount[], grain: Grain | 'auto', from?: string, to?: string): Buckets {
  const dated = rows.filter((r) => isMonth(r.period));
  const undated = rows.filter((r) => !isMonth(r.period)).reduce((n, r) => n + r.count, 0);
  if (dated.length === 0) return { grain: grain === 'auto' ? 'month' : grain, buckets: [], undated };
  const months = dated.map((r) => monthIndex(r.period));
  const first = months.reduce((a, b) => Math.min(a, b));
  const last = months.reduce((a, b) => Math.max(a, b));
  const asked = (day: string | undefined) => (day && isMonth(day.slice(0, 7)) ? monthIndex(day) : null);
  const fromMonth = asked(from);
  const toMonth = asked(to);
  const start = fromMonth === null ? first : Math.min(first, Math.max(fromMonth, first - reachBeyondReports));
  const end = toMonth === null ? last : Math.max(last, Math.min(toMonth, last + reachBeyondReports));
  const chosen: Grain = grain !== 'auto' ? grain : end - start + 1 <= monthsAtMost ? 'month' : 'quarter';
  const step = chosen === 'month' ? 1 : 3;
  const slot = (index: number) => Math.floor(index / step) - Math.floor(start / step);
  const buckets: Bucket[] = [];
  for (let i = Math.floor(start / step); i <= Math.floor(end / step); i++)
    buckets.push({
      ...period(i * step, chosen),
      counts: { Death: 0, Injury: 0, Malfunction: 0, Other: 0 },
      total: 0,
    });
  dated.forEach((row, i) => {
    const bucket = buckets[slot(months[i]!)]!;
    bucket.counts[trendType(row.eventType)] += row.count;
    bucket.total += row.count;
  });
  return { grain: chosen, buckets, undated };
}

const emptyTally = (): Tally => ({ Death: 0, Injury: 0, Malfunction: 0, Other: 0, total: 0 });

/**
 * The latest twelve whole months with reports against the twelve before: up to the last month
 * of the result, or up to last month when the result runs into this one (a month still under way
 * would make any year look like a fall). `held` are the months (YYYY-MM) Vigil stores any MAUDE
 * report for: a year it does not hold whole is not counted, and a month it holds without a
 * report of the result's counts as none.
 */
export function yearOnYearOf(
  rows: PeriodCount[],
  today: string,
  held: ReadonlySet<string>,
): YearOnYear | null {
  const dated = rows.filter((r) => isMonth(r.period));
  if (dated.length === 0) return null;
  const months = dated.map((r) => monthIndex(r.period));
  const last = Math.min(
    months.reduce((a, b) => Math.max(a, b)),
    monthIndex(today) - 1,
  );
  const unheld = (from: number, to: number) => {
    const gap: number[] = [];
    for (let m = from; m <= to; m++) if (!held.has(period(m, 'month').period)) gap.push(m);
    return gap;
  };
  const recent = emptyTally();
  const before = emptyTally();
  dated.forEach((row, i) => {
    const age = last - months[i]!;
    const into = age < 0 ? null : age < 12 ? recent : age < 24 ? before : null;
    if (!into) return;
    into[trendType(row.eventType)] += row.count;
    into.total += row.count;
  });
  const to = period(last, 'month').label;
  const gap = unheld(last - 23, last);
  const gapRecent = gap.filter((m) => m > last - 12).length;
  const missing =
    gap.length === 0
      ? null
      : {
          from: period(gap[0]!, 'month').label,
          to: period(gap.at(-1)!, 'month').label,
          heldRecent: 12 - gapRecent,
          heldBefore: 12 - (gap.length - gapRecent),
        };
  if (gapRecent > 0) return { to, recent: null, before: null, change: null, missing };
  if (missing) return { to, recent, before: null, change: null, missing };
  const change = before.total > 0 ? Math.round(((recent.total - before.total) / before.total) * 100) : null;
  return { to, recent, before, change, missing: null };
}

/**
 * Reports per period by event type, and the brands, models and generic names most reported, from
 * the counts of a search: the same reports it finds.
 */
export function trendsOf(
  counts: GroupCount[],
  {
    grain,
    from,
    to,
    today,
    held,
  }: { grain: Grain | 'auto'; from?: string; to?: string; today: string; held: ReadonlySet<string> },
): EventTrendsView {
  // A large maker's result runs to thousands of groups but a few hundred months and types.
  const byPeriod = new Map<string, PeriodCount>();
  for (const c of counts) {
    const key = `${c.month}|${c.eventType}`;
    const row = byPeriod.get(key);
    if (row) row.count += c.reports;
    else byPeriod.set(key, { period: c.month, eventType: c.eventType, count: c.reports });
  }
  const rows = [...byPeriod.values()];
  return {
    ...bucketsOf(rows, grain, from, to),
    total: rows.reduce((n, r) => n + r.count, 0),
    yearOnYear: yearOnYearOf(rows, today, held),
    tops: {
      brand: tally(counts, (c) => c.brand, 10, asOne),
      model: tally(counts, (c) => c.model, 10, asOne),
      generic: tally(counts, (c) => c.generic, 10, asOne),
    },
  };
}

/** The trends of what the filters find in the MAUDE search; `today` is YYYY-MM-DD. */
export function eventTrends(
  db: Db,
  names: () => ManufacturerName[],
  f: EventFilters,
  grain: Grain | 'auto',
  today = facilityDay(new Date()),
): EventTrendsView {
  return trendsOf(countEvents(db, names, f).counts, {
    grain,
    from: f.from,
    to: f.to,
    today,
    held: heldMonths(db),
  });
}
