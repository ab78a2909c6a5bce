import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { Logger } from '../log';
import type { OpenFdaClient } from './client';
import { isoDay, shiftDays, toIsoDate } from './dates';
import { type FeedName, feeds } from './feeds';
import { keyBatches, maudeScopes, planSync, type Unit } from './plan';
import {
  acquireFeedLock,
  advanceCursors,
  closeAbandonedRuns,
  countPage,
  cursorsOf,
  feedState,
  finishRun,
  heartbeat,
  noteFailure,
  releaseFeedLock,
  SyncBusyError,
  startRun,
} from './runs';
import { addCounts, createRecordStore, noWrites, prepareAll, type WriteCounts } from './store';

export type SyncSettings = {
  pageSize: number;
  repullDays: number;
  fullReconcileDays: number;
  maude: { scope: 'followed' | 'all'; years: number; productCodes: string[]; manufacturers: string[] };
};

export type SyncDeps = {
  db: Db;
  client: OpenFdaClient;
  now: () => Date;
  settings: SyncSettings;
  log: Logger;
  /** Product codes and manufacturers the hospital owns, once an inventory exists. */
  followed?: () => { productCodes: string[]; manufacturers: string[] };
};

export type SyncProgress = {
  feed: FeedName;
  phase: Unit['phase'];
  pages: number;
  records: number;
  total: number;
};

export type SyncOptions = {
  full?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
};

export type SyncResult = {
  feed: FeedName;
  status: 'succeeded' | 'failed' | 'interrupted' | 'busy';
  runId: number | null;
  full: boolean;
  pages: number;
  counts: WriteCounts;
  seconds: number;
  error?: string;
  note?: string;
};

class Stopped extends Error {}

/** The newest date among a page's records, ignoring dates in the future (data-entry errors). */
function newestDate(records: unknown[], field: string, today: string): string | null {
  let newest: string | null = null;
  for (const record of records) {
    const day = toIsoDate((record as Record<string, unknown> | null)?.[field]);
    if (day && day <= today && (!newest || day > newest)) newest = day;
  }
  return newest;
}

function keyOf(record: unknown, field: string): string | null {
  const value = (record as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value.trim() : null;
}

/**
 * Brings one feed up to date from openFDA: new records since its cursor (with a trailing re-pull),
 * then the records still open, upserting on natural keys. Each page is committed together with the
 * cursor, so a run that is killed carries on where it stopped the next time.
 */
export async function syncFeed(
  deps: SyncDeps,
  name: FeedName,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const { db, client, now, settings, log } = deps;
  const feed = feeds[name];
  const counts = noWrites();
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  let token: string;
  try {
    token = acquireFeedLock(db, name, now());
  } catch (error) {
    if (error instanceof SyncBusyError) {
      return {
        feed: name,
        status: 'busy',
        runId: null,
        full: false,
        pages: 0,
        counts,
        seconds: 0,
        error: error.message,
      };
    }
    throw error;
  }
  const store = createRecordStore(db, now);
  let runId: number | null = null;
  let pages = 0;
  let full = false;
  try {
    closeAbandonedRuns(db, name, now());
    const state = feedState(db, name);
    const today = isoDay(now());
    const followed = deps.followed?.() ?? { productCodes: [], manufacturers: [] };
    const plan = planSync({
      feed,
      cursors: cursorsOf(db, name),
      today,
      full: options.full ?? false,
      repullDays: settings.repullDays,
      lastFullAt: state?.lastFullAt ?? null,
      fullReconcileDays: settings.fullReconcileDays,
      ...(name === 'event'
        ? {
            maude: {
              scopes: maudeScopes(
                settings.maude.scope,
                [...settings.maude.productCodes, ...followed.productCodes],
                [...settings.maude.manufacturers, ...followed.manufacturers],
              ),
              windowStart: shiftDays(today, Math.round(settings.maude.years * 365.25)),
            },
          }
        : {}),
    });
    full = plan.full;
    runId = startRun(db, name, full ? 'full' : 'incremental', client.baseUrl, now());
    if (plan.note) log.info(`${name}: ${plan.note}`);
    let lastUpdated: string | null = null;
    const touched = new Set<string>();
    const stillOpen = new Set<string>();
    const id = runId;

    const runUnit = async (unit: Unit) => {
      let records = 0;
      for await (const page of client.pages(feed.endpoint, {
        search: unit.search,
        sort: unit.sort,
        limit: settings.pageSize,
      })) {
        if (options.signal?.aborted) throw new Stopped('stopped on request before the run finished');
        lastUpdated = page.lastUpdated ?? lastUpdated;
        const seen =
          unit.phase === 'new' && feed.dateField ? newestDate(page.results, feed.dateField, today) : null;
        const written = store.writePage(name, prepareAll(name, page.results), id, (pageCounts) => {
          countPage(db, id, pageCounts);
          if (unit.phase === 'new' && seen) {
            advanceCursors(
              db,
              name,
              unit.scopes,
              { resumePhase: full ? 'full' : 'new', resumeFrom: seen, seen },
              now(),
            );
          }
          heartbeat(db, name, token, now());
        });
        for (const reject of written.rejects) {
          log.warn(`${name}: skipped record ${reject.key ?? '(no key)'}: ${reject.reason}`);
        }
        addCounts(counts, written.counts);
        if (unit.phase === 'open' && feed.localOpen) {
          for (const record of page.results) {
            const key = keyOf(record, feed.localOpen.key);
            if (key) stillOpen.add(key);
          }
        }
        for (const scope of unit.scopes) touched.add(scope);
        pages++;
        records += page.results.length;
        options.onProgress?.({ feed: name, phase: unit.phase, pages, records, total: page.total });
      }
    };

    for (const unit of plan.units) await runUnit(unit);
    if (!full && feed.localOpen && feed.exactKey) {
      // Records we hold as open that openFDA no longer lists as open have changed (closed,
      // terminated, completed): fetch them by key so the change is not missed.
      const { table, key, where } = feed.localOpen;
      const local = db.all<{ key: string }>(sql.raw(`SELECT ${key} AS key FROM ${table} WHERE ${where}`));
      const changed = local.map((r) => r.key).filter((k) => !stillOpen.has(k));
      for (const search of keyBatches(feed.exactKey, changed)) {
        await runUnit({ phase: 'open', scopes: [''], search, sort: undefined });
      }
    }
    db.$client.transaction(() => {
      advanceCursors(db, name, [...touched], { resumePhase: null, resumeFrom: null, seen: null }, now());
      finishRun(db, name, id, { status: 'succeeded', full, sourceLastUpdated: lastUpdated }, now());
    })();
    return {
      feed: name,
      status: 'succeeded',
      runId,
      full,
      pages,
      counts,
      seconds: seconds(),
      ...(plan.note ? { note: plan.note } : {}),
    };
  } catch (error) {
    const stopped = error instanceof Stopped;
    const message = error instanceof Error ? error.message : String(error);
    if (runId !== null)
      finishRun(db, name, runId, { status: stopped ? 'interrupted' : 'failed', error: message }, now());
    else noteFailure(db, name, message, now());
    if (!stopped) log.error(`${name}: sync failed: ${message}`);
    return {
      feed: name,
      status: stopped ? 'interrupted' : 'failed',
      runId,
      full,
      pages,
      counts,
      seconds: seconds(),
      error: message,
    };
  } finally {
    releaseFeedLock(db, name, token);
  }
}

/** Syncs several feeds one after another; a failure of one does not stop the others. */
export async function syncFeeds(deps: SyncDeps, names: FeedName[], options: SyncOptions = {}) {
  const results: SyncResult[] = [];
  for (const name of names) {
    if (options.signal?.aborted) break;
    results.push(await syncFeed(deps, name, options));
  }
  return results;
}
