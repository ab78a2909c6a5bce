import { describe, expect, it } from 'vitest';
import { startSyncScheduler } from '../../../src/openfda/scheduler';
import type { SyncResult } from '../../../src/openfda/sync';
import { captureLog } from '../../support/vigil';

const result = (status: SyncResult['status']): SyncResult => ({
  feed: 'recall',
  status,
  runId: 1,
  full: false,
  pages: 0,
  counts: { added: 0, updated: 0, unchanged: 0, skipped: 0 },
  seconds: 0,
});

describe('startSyncScheduler', () => {
  it('when a sync is already running, then asking again does not start a second one', async () => {
    let release: () => void = () => {};
    let runs = 0;
    const scheduler = startSyncScheduler({
      schedule: null,
      retryMinutes: 15,
      log: captureLog().log,
      run: () => {
        runs++;
        return new Promise((resolve) => (release = () => resolve([result('succeeded')])));
      },
    });
    const first = scheduler.runNow();
    expect(await scheduler.runNow()).toBeNull();
    release();
    expect(await first).toHaveLength(1);
    expect(runs).toBe(1);
    await scheduler.stop();
  });

  it('when a sync fails, then a retry is scheduled sooner than the next cron time, growing each time', async () => {
    const { log, lines } = captureLog();
    const scheduler = startSyncScheduler({
      schedule: '0 0 29 2 *', // next on a leap day: always later than the retry
      retryMinutes: 15,
      log,
      run: async () => [result('failed')],
    });
    const before = Date.now();
    await scheduler.runNow();
    const first = scheduler.nextRunAt()!.getTime() - before;
    expect(first).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
    expect(first).toBeLessThanOrEqual(15 * 60_000 + 1000);
    await scheduler.runNow();
    expect(lines.at(-1)).toMatch(/retrying in 30 min$/);
    await scheduler.stop();
  });

  it('when there is no schedule and nothing failed, then there is no next run', async () => {
    const scheduler = startSyncScheduler({
      schedule: null,
      retryMinutes: 15,
      log: captureLog().log,
      run: async () => [result('succeeded')],
    });
    await scheduler.runNow();
    expect(scheduler.nextRunAt()).toBeNull();
    await scheduler.stop();
  });
});
