/**
 * US federal holidays and work days, for the 21 CFR 803 reporting clock: "work days" exclude
 * weekends and federal holidays (5 U.S.C. 6103). Computed for any year from the rules, not read
 * from a table that runs out. Days are plain `YYYY-MM-DD` strings; all arithmetic is in UTC so a
 * server's time zone cannot move a deadline.
 */

const dayMs = 86_400_000;
const toDay = (d: Date) => d.toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

/** The `n`th given weekday (0 Sunday … 6 Saturday) of a month; `n` = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  if (n > 0) {
    const first = utc(year, month, 1);
    const offset = (weekday - first.getUTCDay() + 7) % 7;
    return utc(year, month, 1 + offset + (n - 1) * 7);
  }
  const last = utc(year, month + 1, 0);
  const back = (last.getUTCDay() - weekday + 7) % 7;
  return utc(year, month, last.getUTCDate() - back);
}

/**
 * A holiday on a Saturday is observed the Friday before, on a Sunday the Monday after (OPM's
 * rule for federal employees). New Year's Day on a Saturday is thus observed on December 31.
 */
function observed(d: Date): Date {
  const weekday = d.getUTCDay();
  if (weekday === 6) return new Date(d.getTime() - dayMs);
  if (weekday === 0) return new Date(d.getTime() + dayMs);
  return d;
}

export type Holiday = { name: string; date: string; observed: string };

/** The federal holidays of a year, each with the day it falls on and the day it is observed. */
export function federalHolidays(year: number): Holiday[] {
  const fixed = (name: string, month: number, day: number) => {
    const date = utc(year, month, day);
    return { name, date: toDay(date), observed: toDay(observed(date)) };
  };
  const floating = (name: string, date: Date) => ({ name, date: toDay(date), observed: toDay(date) });
  const days: Holiday[] = [fixed("New Year's Day", 1, 1)];
  // Observed from 1986.
  if (year >= 1986) days.push(floating('Birthday of Martin Luther King, Jr.', nthWeekday(year, 1, 1, 3)));
  days.push(
    floating("Washington's Birthday", nthWeekday(year, 2, 1, 3)),
    floating('Memorial Day', nthWeekday(year, 5, 1, -1)),
  );
  // Made a federal holiday in June 2021.
  if (year >= 2021) days.push(fixed('Juneteenth National Independence Day', 6, 19));
  days.push(
    fixed('Independence Day', 7, 4),
    floating('Labor Day', nthWeekday(year, 9, 1, 1)),
    floating('Columbus Day', nthWeekday(year, 10, 1, 2)),
    fixed('Veterans Day', 11, 11),
    floating('Thanksgiving Day', nthWeekday(year, 11, 4, 4)),
    fixed('Christmas Day', 12, 25),
  );
  return days;
}

const observedCache = new Map<number, Set<string>>();

/** The days off in a calendar year, including a December 31 that observes the next New Year's Day. */
function daysOff(year: number): Set<string> {
  let set = observedCache.get(year);
  if (!set) {
    set = new Set(
      [...federalHolidays(year), ...federalHolidays(year + 1)]
        .map((h) => h.observed)
        .filter((d) => d.startsWith(`${year}-`)),
    );
    observedCache.set(year, set);
  }
  return set;
}

export function isWorkDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !daysOff(d.getUTCFullYear()).has(day);
}

/**
 * The day that is `n` work days after `from` (which itself does not count): the 803 deadline
 * for a report is `addWorkDays(awareOn, 10)`.
 */
export function addWorkDays(from: string, n: number): string {
  let d = new Date(`${from}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() + dayMs);
    if (isWorkDay(toDay(d))) left--;
  }
  return toDay(d);
}

/** Work days from `from` (exclusive) up to `to` (inclusive); negative when `to` is earlier. */
export function workDaysBetween(from: string, to: string): number {
  if (to < from) return -workDaysBetween(to, from);
  let count = 0;
  for (let d = new Date(`${from}T00:00:00Z`); toDay(d) < to; ) {
    d = new Date(d.getTime() + dayMs);
    if (isWorkDay(toDay(d))) count++;
  }
  return count;
}
