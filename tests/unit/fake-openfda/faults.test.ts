import { describe, expect, it } from 'vitest';
import { createFaults } from '../../support/fake-openfda/faults';

function firing(
  faults: ReturnType<typeof createFaults>,
  requests: number,
  endpoint: 'recall' | 'event' = 'recall',
) {
  return Array.from({ length: requests }, () => faults.next(endpoint).failure?.kind ?? '-').join(' ');
}

describe('faults', () => {
  it('when a fault has times, then it fires on the next N requests and retires', () => {
    const faults = createFaults();
    faults.inject({ kind: 429, times: 2 });
    expect(firing(faults, 4)).toBe('429 429 - -');
    expect(faults.list()).toEqual([]);
  });

  it('when a fault has every, then it fires on every Nth matching request', () => {
    const faults = createFaults();
    faults.inject({ kind: '500', every: 3 });
    expect(firing(faults, 7)).toBe('- - 500 - - 500 -');
  });

  it('when a fault has an endpoint, then only requests to that endpoint count', () => {
    const faults = createFaults();
    faults.inject({ kind: 'drop', endpoint: 'event', times: 1 });
    expect(firing(faults, 2, 'recall')).toBe('- -');
    expect(firing(faults, 2, 'event')).toBe('drop -');
  });

  it('when a fault has a probability, then the same seed gives the same sequence', () => {
    const run = () => {
      const faults = createFaults();
      faults.inject({ kind: 'truncate', probability: 0.3, seed: 7 });
      return firing(faults, 40);
    };
    const first = run();
    expect(run()).toBe(first);
    const fired = first.split(' ').filter((k) => k === 'truncate').length;
    expect(fired).toBeGreaterThan(3);
    expect(fired).toBeLessThan(25);
  });

  it('when slow and stale faults fire, then they add a delay and an old date without blocking the answer', () => {
    const faults = createFaults();
    faults.inject([
      { kind: 'slow', delayMs: 50 },
      { kind: 'slow', delayMs: 25, times: 1 },
      { kind: 'stale', lastUpdated: '2020-01-01' },
    ]);
    expect(faults.next('recall')).toEqual({
      delayMs: 75,
      stale: expect.objectContaining({ lastUpdated: '2020-01-01' }),
    });
    expect(faults.next('recall').delayMs).toBe(50);
  });

  it('when a spec is invalid, then inject throws and nothing is added', () => {
    const faults = createFaults();
    expect(() => faults.inject({ kind: 'explode' } as never)).toThrow();
    expect(() => faults.inject({ kind: '429', probability: 2 })).toThrow();
    expect(faults.list()).toEqual([]);
  });

  it('when faults are cleared, then requests pass again', () => {
    const faults = createFaults();
    faults.inject({ kind: '500' });
    expect(firing(faults, 1)).toBe('500');
    faults.clear();
    expect(firing(faults, 1)).toBe('-');
  });
});
