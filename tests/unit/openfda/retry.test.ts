import { describe, expect, it } from 'vitest';
import { RequestWindow } from '../../../src/openfda/rate-limit';
import { isRetryableStatus, parseRetryAfter, retryDelayMs } from '../../../src/openfda/retry';

const policy = { maxRetries: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('retry rules', () => {
  it('when openFDA throttles or fails on its side, then the request is retried; a bad request is not', () => {
    expect([429, 500, 502, 503, 504, 408].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404].some(isRetryableStatus)).toBe(false);
  });

  it('when Retry-After is given in seconds or as a date, then it is honoured', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(retryDelayMs(policy, 1, 7000)).toBe(7000);
  });

  it('when the server asks for a very long wait, then the wait is capped', () => {
    expect(retryDelayMs(policy, 1, 3_600_000)).toBe(60_000);
  });

  it('when there is no Retry-After, then the backoff doubles with jitter, up to the cap', () => {
    expect(retryDelayMs(policy, 1, null, () => 1)).toBe(1000);
    expect(retryDelayMs(policy, 3, null, () => 1)).toBe(4000);
    expect(retryDelayMs(policy, 3, null, () => 0)).toBe(2000);
    expect(retryDelayMs(policy, 20, null, () => 1)).toBe(60_000);
  });
});

describe('RequestWindow', () => {
  it('when the minute is full, then the next request waits until the oldest leaves the window', async () => {
    let clock = 0;
    const waits: number[] = [];
    const window = new RequestWindow(
      3,
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    );
    for (let i = 0; i < 3; i++) {
      await window.take();
      clock += 100;
    }
    expect(waits).toEqual([]);
    await window.take();
    expect(waits).toEqual([59_701]);
    expect(clock).toBe(60_001);
  });
});
