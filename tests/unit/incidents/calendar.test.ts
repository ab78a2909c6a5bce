import { describe, expect, it } from 'vitest';
import { addWorkDays, federalHolidays, isWorkDay, workDaysBetween } from '../../../src/incidents/calendar';

const observedIn = (year: number) =>
  Object.fromEntries(federalHolidays(year).map((h) => [h.name, h.observed]));

describe('US federal holidays', () => {
  it.each([
    // year, holiday, observed on
    [2021, 'Juneteenth National Independence Day', '2021-06-18'], // Saturday: the Friday before
    [2021, 'Independence Day', '2021-07-05'], // Sunday: the Monday after
    [2021, 'Christmas Day', '2021-12-24'],
    [2023, "New Year's Day", '2023-01-02'],
    [2023, 'Veterans Day', '2023-11-10'],
    [2024, 'Birthday of Martin Luther King, Jr.', '2024-01-15'],
    [2024, "Washington's Birthday", '2024-02-19'],
    [2024, 'Memorial Day', '2024-05-27'],
    [2024, 'Labor Day', '2024-09-02'],
    [2024, 'Columbus Day', '2024-10-14'],
    [2024, 'Thanksgiving Day', '2024-11-28'],
    [2026, 'Independence Day', '2026-07-03'],
    [2026, 'Thanksgiving Day', '2026-11-26'],
    [2027, 'Christmas Day', '2027-12-24'],
    [2032, 'Memorial Day', '2032-05-31'],
    [2100, 'Thanksgiving Day', '2100-11-25'],
  ])('when it is %i, then %s is observed on %s', (year, name, day) => {
    expect(observedIn(year)[name]).toBe(day);
  });

  it('when a holiday did not exist yet, then it is not one', () => {
    expect(observedIn(2020)['Juneteenth National Independence Day']).toBeUndefined();
    expect(observedIn(1985)['Birthday of Martin Luther King, Jr.']).toBeUndefined();
    expect(federalHolidays(2024)).toHaveLength(11);
  });

  it("when next New Year's Day falls on a Saturday, then December 31 is the day off", () => {
    expect(isWorkDay('2021-12-31')).toBe(false); // for 2022-01-01
    expect(isWorkDay('2027-12-31')).toBe(false); // for 2028-01-01
    expect(isWorkDay('2022-12-30')).toBe(true); // 2023-01-01 is a Sunday: observed on the Monday
    expect(isWorkDay('2023-01-02')).toBe(false);
  });

  it('when a day is a weekend, a holiday or neither, then only the last is a work day', () => {
    expect(isWorkDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkDay('2026-11-22')).toBe(false); // Sunday
    expect(isWorkDay('2026-11-26')).toBe(false); // Thanksgiving
    expect(isWorkDay('2026-11-27')).toBe(true); // the Friday after is not a federal holiday
    expect(isWorkDay('2024-02-29')).toBe(true); // a leap day
  });
});

describe('the 10-work-day reporting clock', () => {
  it.each([
    ['aware on a Friday before Thanksgiving', '2026-11-20', '2026-12-07'],
    ['aware on the Saturday after', '2026-11-21', '2026-12-07'],
    ['aware across Christmas and New Year', '2021-12-20', '2022-01-05'],
    ['aware across a leap day', '2024-02-26', '2024-03-11'],
    ['aware on a holiday', '2024-07-04', '2024-07-18'],
    ['aware across the year end, holidays on weekdays', '2024-12-20', '2025-01-07'],
  ])('when %s (%s), then the report is due %s', (_, aware, due) => {
    expect(addWorkDays(aware, 10)).toBe(due);
    expect(workDaysBetween(aware, due)).toBe(10);
  });

  it('when counting back, then the work days come out negative', () => {
    expect(workDaysBetween('2026-12-07', '2026-11-20')).toBe(-10);
    expect(workDaysBetween('2026-11-20', '2026-11-20')).toBe(0);
  });
});
