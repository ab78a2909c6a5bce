import { describe, expect, it } from 'vitest';
import { durationText, runDuration } from '../../../src/shared/duration';
import { pollSeconds } from '../../../src/status/history';

describe('sync run durations', () => {
  it('when a run takes seconds, minutes or hours, then it reads as a person would say it', () => {
    expect(durationText(0)).toBe('0 s');
    expect(durationText(42_400)).toBe('42 s');
    expect(durationText(60_000)).toBe('1 min');
    expect(durationText(185_000)).toBe('3 min 5 s');
    expect(durationText(3_720_000)).toBe('1 h 2 min');
    expect(durationText(7_200_000)).toBe('2 h');
  });

  it('when a run is still going, then its duration runs to now', () => {
    const now = new Date('2025-06-01T10:02:30Z');
    expect(runDuration('2025-06-01T10:00:00Z', null, now)).toBe('2 min 30 s');
    expect(runDuration('2025-06-01T10:00:00Z', '2025-06-01T10:00:09Z', now)).toBe('9 s');
  });

  it('when something runs, then progress is asked for every 2 s, and every 30 s otherwise', () => {
    expect(pollSeconds(true)).toBe(2);
    expect(pollSeconds(false)).toBe(30);
  });
});
