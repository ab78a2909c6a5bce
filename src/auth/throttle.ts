/**
 * Slows password guessing: after `maxFailures` failed sign-ins for one name from one address
 * within the window, that pair is refused until the window has passed. Kept in memory: one
 * server process answers every sign-in, and a restart forgetting the count is harmless.
 */
export type ThrottleRules = { maxFailures: number; windowMinutes: number };

export function createLoginThrottle(rules: ThrottleRules) {
  const failures = new Map<string, number[]>();
  const windowMs = rules.windowMinutes * 60_000;
  const recent = (key: string, now: Date) =>
    (failures.get(key) ?? []).filter((at) => now.getTime() - at < windowMs);
  const keyOf = (name: string, address: string) => `${name.trim().toLowerCase()}\u0000${address}`;
  return {
    /** Minutes until this name may be tried again from this address; 0 when it may now. */
    waitMinutes(name: string, address: string, now: Date): number {
      const times = recent(keyOf(name, address), now);
      if (times.length < rules.maxFailures) return 0;
      return Math.max(1, Math.ceil((times[0]! + windowMs - now.getTime()) / 60_000));
    },
    failed(name: string, address: string, now: Date): void {
      const key = keyOf(name, address);
      failures.set(key, [...recent(key, now), now.getTime()]);
      if (failures.size > 10_000) {
        for (const [k] of failures) if (recent(k, now).length === 0) failures.delete(k);
      }
    },
    succeeded(name: string, address: string): void {
      failures.delete(keyOf(name, address));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
