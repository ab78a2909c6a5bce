import { Cron } from 'croner';
import type { Logger } from '../log';

/** What the scheduler reads of a run's results: which feed or source, and whether it failed. */
type SyncResult = { feed: string; status: 'succeeded' | 'failed' | 'interrupted' | 'busy' };

export type SchedulerOptions = {
  /** A cron expression, or null for no schedule (syncs only when asked). */
  schedule: string | null;
  /** First wait before retrying a failed sync; doubles on each failure, up to 8 times as long. */
  retryMinutes: number;
  /** One sync of every feed; the signal is aborted when the scheduler stops. */
  run: (signal: AbortSignal) => Promise<SyncResult[]>;
  log: Logger;
};

export type SyncScheduler = {
  /** Runs a sync now unless one is already under way; resolves when it is done. */
  runNow(): Promise<SyncResult[] | null>;
  nextRunAt(): Date | null;
  /** No more runs; a run under way stops after its request in flight, and is awaited. */
  stop(): Promise<void>;
};

/**
 * Syncs on a cron schedule, never two at once, and keeps retrying after a failure (openFDA
 * unreachable, rate limited) with a growing pause instead of waiting for the next scheduled time.
 */
export function startSyncScheduler(options: SchedulerOptions): SyncScheduler {
  let running: Promise<SyncResult[]> | null = null;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let retryAt: Date | null = null;
  let stopped = false;
  const stopping = new AbortController();

  const runNow = async () => {
    if (running || stopped) return null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    retryAt = null;
    running = options.run(stopping.signal);
    try {
      const results = await running;
      const failed = results.filter((r) => r.status === 'failed');
      if (failed.length === 0) {
        failures = 0;
      } else {
        failures++;
        const minutes = options.retryMinutes * Math.min(2 ** (failures - 1), 8);
        options.log.warn(
          `sync of ${failed.map((r) => r.feed).join(', ')} failed; retrying in ${minutes} min`,
        );
        if (!stopped) {
          retryAt = new Date(Date.now() + minutes * 60_000);
          retryTimer = setTimeout(() => void runNow(), minutes * 60_000);
          retryTimer.unref();
        }
      }
      return results;
    } finally {
      running = null;
    }
  };

  const job = options.schedule ? new Cron(options.schedule, { protect: true }, () => void runNow()) : null;
  return {
    runNow,
    nextRunAt: () => {
      const cron = job?.nextRun() ?? null;
      if (retryAt && (!cron || retryAt < cron)) return retryAt;
      return cron;
    },
    async stop() {
      stopped = true;
      job?.stop();
      if (retryTimer) clearTimeout(retryTimer);
      stopping.abort(new Error('Vigil is shutting down'));
      await running?.catch(() => {});
    },
  };
}
