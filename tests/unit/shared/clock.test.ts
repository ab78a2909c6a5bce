import { describe, expect, it } from 'vitest';
import { dayStart, facilityDay, facilityMinute, isTimeZone, stampText } from '../../../src/shared/clock';

// 00:30 UTC on 21 November is 19:30 on the 20th in New York (EST, UTC-5).
const evening = new Date('2026-11-21T00:30:00.000Z');

describe("the facility's clock", () => {
  it('when it is evening in New York, then the facility day is still today there, not the UTC day', () => {
    expect(facilityDay(evening, 'America/New_York')).toBe('2026-11-20');
    expect(facilityDay(evening, 'UTC')).toBe('2026-11-21');
    expect(facilityDay(evening, 'Asia/Tokyo')).toBe('2026-11-21');
    expect(facilityMinute(evening, 'America/New_York')).toBe('2026-11-20T19:30');
  });

  it('when a stamped time is shown, then it is in the facility zone and says which', () => {
    expect(stampText('2026-11-21T00:30:00.000Z', 'America/New_York')).toBe('2026-11-20 19:30 EST');
    expect(stampText('2026-07-01T12:00:00.000Z', 'America/New_York')).toBe('2026-07-01 08:00 EDT');
    expect(stampText('2026-07-01T12:00:00.000Z', 'UTC')).toBe('2026-07-01 12:00 UTC');
    expect(stampText(null)).toBe('—');
  });

  it('when a day begins, then its start is local midnight, across a change to or from daylight saving', () => {
    expect(dayStart('2026-11-20', 'America/New_York')).toBe('2026-11-20T05:00:00.000Z');
    expect(dayStart('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(dayStart('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    expect(dayStart('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(dayStart('2026-11-20', 'UTC')).toBe('2026-11-20T00:00:00.000Z');
    expect(dayStart('2026-11-20', 'Asia/Kolkata')).toBe('2026-11-19T18:30:00.000Z');
  });

  it('when a zone is named, then only real zones are taken', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
