import type { Config } from './config';
import { closeDatabase, type Db, openDatabase } from './db/client';
import { checkWhenDue } from './db/health';
import type { Logger } from './log';
import type { OpenFdaClient } from './openfda/client';
import { closeAbandonedRuns } from './openfda/runs';
import type { SyncDeps } from './openfda/sync';
import { useFacilityZone } from './shared/clock';
import type { SourceFetcher } from './sources/fetch';
import type { SourceDeps } from './sources/sync';

export type Context = {
  config: Config;
  db: Db;
  log: Logger;
  now: () => Date;
  /** What a sync needs; loaded on first use, so commands that never call openFDA never load it. */
  syncDeps(): Promise<SyncDeps>;
  /** What reading the early sources needs (Health Canada, the FDA's feed, MHRA), loaded on first use. */
  sourceDeps(): Promise<SourceDeps>;
  close(): Promise<void>;
};

/**
 * What the server and the command line share: the migrated database, the openFDA client (made
 * on first use, so commands that never call openFDA never open a connection pool) and the clock.
 */
export function openContext(config: Config, log: Logger): Context {
  useFacilityZone(config.timeZone);
  const db = openDatabase(config.dbPath);
  const now = () => new Date();
  try {
    // Nothing is written to a damaged file: every command and the server stop here, saying so.
    checkWhenDue(db, now());
  } catch (error) {
    closeDatabase(db);
    throw error;
  }
  // A run a killed process left "running" is closed before anything reads or starts one.
  closeAbandonedRuns(db, now());
  let client: OpenFdaClient | null = null;
  let fetcher: SourceFetcher | null = null;
  const openFda = async () => {
    const { createOpenFdaClient } = await import('./openfda/client');
    client ??= createOpenFdaClient({
      ...config.openFda,
      onRetry: ({ attempt, delayMs, reason }) =>
        log.warn(
          `openFDA: ${reason}; retry ${attempt} of ${config.openFda.maxRetries} in ${Math.ceil(delayMs / 1000)} s`,
        ),
    });
    return client;
  };
  return {
    config,
    db,
    log,
    now,
    syncDeps: async () => {
      const [openFdaClient, { followedByInventory }] = await Promise.all([
        openFda(),
        import('./matching/queries'),
      ]);
      return {
        db,
        client: openFdaClient,
        now,
        log,
        followed: () => followedByInventory(db),
        settings: {
          pageSize: config.openFda.pageSize,
          repullDays: config.sync.repullDays,
          fullReconcileDays: config.sync.fullReconcileDays,
          maude: config.maude,
        },
      };
    },
    sourceDeps: async () => {
      const { createSourceFetcher } = await import('./sources/fetch');
      fetcher ??= createSourceFetcher({
        timeoutMs: config.openFda.timeoutMs,
        maxRetries: config.openFda.maxRetries,
        politeMs: 60_000 / config.sources.requestsPerMinute,
      });
      return {
        db,
        fetcher,
        now,
        log,
        settings: { urls: config.sources.urls, days: config.sources.days, pagesPerRun: 60 },
      };
    },
    async close() {
      await client?.close();
      await fetcher?.close();
      closeDatabase(db);
    },
  };
}
