import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { purgeExpiredSessions } from './auth/sessions';
import type { Config } from './config';
import { openContext } from './context';
import { DamagedDatabase, isDamage, watchHealth } from './db/health';
import { historyDeps } from './events/history';
import { createHistoryStarter } from './events/history-runner';
import { createEventIndexKeeper } from './events/index-keeper';
import type { Logger } from './log';
import { startDigestSchedule } from './notify/schedule';
import { feedNames } from './openfda/feeds';
import { startSyncScheduler } from './openfda/scheduler';
import { syncFeeds } from './openfda/sync';
import { afterLoad, matchWhatIsDue } from './pipeline';
import { syncSources } from './sources/sync';
import { feedStatuses } from './status/queries';

/** The parts of the configuration the web app reads. */
export const webSettings = (config: Config) => ({
  publicUrl: config.publicUrl,
  session: { idleMinutes: config.session.idleMinutes, maxHours: config.session.maxHours },
  secureCookies: config.session.secureCookies,
  evidence: config.evidence,
  dueDays: config.dueDays,
  timeZone: config.timeZone,
  trustProxy: config.trustProxy,
});

export type RunningServer = { url: string; close(): Promise<void> };

/** A feed that has never synced, or not for a day, is synced soon after start-up. */
function syncIsDue(lastSuccess: (string | null)[], now: Date): boolean {
  return lastSuccess.some((at) => !at || now.getTime() - Date.parse(at) > 24 * 3600_000);
}

/**
 * The composition root: database (migrated), web app, HTTP server, sync scheduler. The server
 * starts whether or not openFDA answers; the status page says how the feeds stand.
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const ctx = openContext(config, log);
  const syncDeps = await ctx.syncDeps();
  // 64 MB of page cache instead of 2 MB for the server: its pages sort and join thousands of rows
  // whose records are large, and reading them again from the OS on every request was most of the
  // cost. Commands that stream a bulk import keep the small default and their flat memory.
  ctx.db.$client.pragma('cache_size = -65536');
  // New MAUDE reports are indexed between requests; an import stopped before its index was built
  // left a backlog, taken up from the start.
  const eventIndex = createEventIndexKeeper(ctx.db, log);
  eventIndex.catchUp();
  // What a killed command left unmatched is matched now, not at the next sync.
  matchWhatIsDue(ctx).catch((error) => log.error(`matching at start-up failed: ${(error as Error).message}`));
  // The file was found sound as the server started (openContext); checked again every hour.
  const health = watchHealth(ctx.db, ctx.now);
  const checkHealth = () => {
    const damage = health.checkWhenDue();
    if (damage) log.error(damage);
  };
  const healthTimer = setInterval(checkHealth, 3600_000);
  healthTimer.unref();
  const scheduler = startSyncScheduler({
    schedule: config.sync.schedule,
    retryMinutes: config.sync.retryMinutes,
    run: async (signal) => {
      // Nothing is written to a damaged file: no sync until it is restored (every page says so).
      const damage = health.damage();
      if (damage) {
        log.error(`sync skipped: ${damage}`);
        return [];
      }
      try {
        // openFDA first, then the early sources: one failing never stops the others.
        const results = [
          ...(config.sources.openFda ? await syncFeeds(syncDeps, feedNames, { signal }) : []),
          ...(config.sources.early.length
            ? await syncSources(await ctx.sourceDeps(), config.sources.early, { signal })
            : []),
        ];
        try {
          await afterLoad({ ...ctx, indexEvents: () => eventIndex.catchUp() }, signal);
        } catch (error) {
          if (error instanceof DamagedDatabase || isDamage(error)) throw error;
          log.error(`matching after the sync failed: ${(error as Error).message}`);
        }
        return results;
      } catch (error) {
        if (!(error instanceof DamagedDatabase || isDamage(error))) throw error;
        log.error(`sync stopped: ${health.noteDamage(error)}`);
        return [];
      }
    },
    log,
  });
  // The email digest, when mail is set up (VIGIL_SMTP_URL, VIGIL_DIGEST_TO).
  const digest = startDigestSchedule({ config, db: ctx.db, now: ctx.now, log });
  const history = createHistoryStarter(() => ({
    ...historyDeps(syncDeps),
    indexEvents: () => eventIndex.catchUp(),
  }));
  const app = createApp({
    db: ctx.db,
    log,
    now: ctx.now,
    openFdaUrl: config.openFda.baseUrl,
    nextSyncAt: scheduler.nextRunAt,
    syncNow: () => void scheduler.runNow(),
    history,
    eventIndex,
    mailEnabled: Boolean(config.mail.smtpUrl && config.mail.digestTo.length > 0),
    health,
    ...webSettings(config),
  });
  // Sessions past their end are deleted at start-up and every hour: none could sign anyone in.
  const purgeSessions = () => purgeExpiredSessions(ctx.db, ctx.now());
  purgeSessions();
  const purge = setInterval(purgeSessions, 3600_000);
  purge.unref();
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    clearInterval(purge);
    clearInterval(healthTimer);
    await scheduler.stop();
    await digest?.stop();
    await eventIndex.stop();
    await ctx.close();
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      throw new Error(
        `port ${config.port} on ${config.host} is already in use: stop the other program or set PORT`,
      );
    }
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info(`Vigil is listening on ${url} (database ${config.dbPath})`);

  let startup: NodeJS.Timeout | null = null;
  if (
    config.sync.onStart &&
    syncIsDue(
      feedStatuses(ctx.db).map((f) => f.lastSuccessAt),
      ctx.now(),
    )
  ) {
    startup = setTimeout(() => void scheduler.runNow(), 1000);
  }
  return {
    url,
    async close() {
      if (startup) clearTimeout(startup);
      clearInterval(purge);
      clearInterval(healthTimer);
      // Stop taking requests, let a sync under way stop at its request in flight, then close.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scheduler.stop();
      await history.stop();
      await digest?.stop();
      await eventIndex.stop();
      await ctx.close();
    },
  };
}
