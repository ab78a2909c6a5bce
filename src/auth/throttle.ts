/**
 * Slows password guessing. Every try is counted before its password is checked (checking takes
 * a moment, and tries sent together all passed a count kept only afterwards). Failures are
 * counted per name, from wherever they come, and per address, for whatever names: past a few,
 * each further try must wait a while after the last failure, a wait that doubles with each one.
 * A wait rather than a lock: anyone can fail for any name, and the person whose name it is must
 * still get in soon. Kept in memory: one server process answers every sign-in, and a restart
 * forgetting the count is harmless.
 */
export type ThrottleRules = {
  /** Failures for one name before tries must wait. */
  freePerName: number;
  /** Failures from one address, over all names, before tries must wait (one password sprayed). */
  freePerAddress: number;
  /** The first wait, in seconds; each further failure doubles it. */
  firstWaitSeconds: number;
  /** The longest wait between tries, in seconds. */
  maxWaitSeconds: number;
  /** How long a failure counts. */
  windowMinutes: number;
};

export const defaultThrottleRules: ThrottleRules = {
  freePerName: 5,
  freePerAddress: 20,
  firstWaitSeconds: 5,
  maxWaitSeconds: 300,
  windowMinutes: 60,
};

/**
 * Seconds a try must wait after the last failure, once `failures` are counted and `free` allowed:
 * 5, 10, 20, 40 … up to 5 minutes with the default rules.
 */
export function waitAfter(failures: number, free: number, rules: ThrottleRules): number {
  if (failures < free) return 0;
  return Math.min(rules.maxWaitSeconds, rules.firstWaitSeconds * 2 ** Math.min(failures - free, 30));
}

/** "45 seconds" or "4 minutes", for the sign-in page. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

export function createLoginThrottle(rules: ThrottleRules = defaultThrottleRules) {
  const failures = new Map<string, number[]>();
  const windowMs = rules.windowMinutes * 60_000;
  const recent = (key: string, now: Date) =>
    (failures.get(key) ?? []).filter((at) => now.getTime() - at < windowMs);
  const nameKey = (name: string) => `name\u0000${name.trim().toLowerCase()}`;
  const addressKey = (address: string) => `address\u0000${address}`;
  const waitFor = (key: string, free: number, now: Date) => {
    const times = recent(key, now);
    const last = times.at(-1);
    if (last === undefined) return 0;
    const until = last + waitAfter(times.length, free, rules) * 1000;
    return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
  };
  return {
    /**
     * Call before checking a password. Returns the seconds to wait when this try must not be
     * checked now; otherwise 0, and the try is counted as failed until `succeeded` is called.
     */
    attempt(name: string, address: string, now: Date): number {
      const wait = Math.max(
        waitFor(nameKey(name), rules.freePerName, now),
        waitFor(addressKey(address), rules.freePerAddress, now),
      );
      if (wait > 0) return wait;
      for (const key of [nameKey(name), addressKey(address)])
        failures.set(key, [...recent(key, now), now.getTime()]);
      if (failures.size > 10_000) {
        for (const [k] of failures) if (recent(k, now).length === 0) failures.delete(k);
      }
      return 0;
    },
    /** The try was right: the name's failures are forgotten, and this try no longer counts. */
    succeeded(name: string, address: string): void {
      failures.delete(nameKey(name));
      failures.get(addressKey(address))?.pop();
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
