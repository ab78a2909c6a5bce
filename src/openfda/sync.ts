import { type Db, writeTransaction } from '../db/client';
import { isDamage } from '../db/health';
import type { Logger } from '../log';
import type { OpenFdaClient } from './client';
import { isoDay, shiftDays } from './dates';
import { type Feed, type FeedName, feeds } from './feeds';
import { keyBatches, maudeScopes, type Plan, planSync, type Unit } from './plan';
import { createPuller, type PullProgress } from './pull';
import {
  acquireFeedLock,
  advanceCursors,
  closeAbandonedRuns,
  cursorsOf,
  endRunAfterError,
  feedState,
  finishRun,
  releaseFeedLock,
  SyncBusyError,
  startRun,
} from './runs';
import { noWrites, type WriteCounts } from './store';

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

export type SyncProgress = PullProgress;

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

/** What a sync of one feed will ask, from where its cursors stand. */
function planFor(deps: SyncDeps, feed: Feed, full: boolean): Plan {
  const { db, settings } = deps;
  const today = isoDay(deps.now());
  const followed = deps.followed?.() ?? { productCodes: [], manufacturers: [] };
  return planSync({
    feed,
    cursors: cursorsOf(db, feed.name),
    today,
    full,
    repullDays: settings.repullDays,
    lastFullAt: feedState(db, feed.name)?.lastFullAt ?? null,
    fullReconcileDays: settings.fullReconcileDays,
    ...(feed.name === 'event'
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
}

/**
 * Records we hold as open that openFDA no longer lists as open have changed (closed, terminated,
 * completed): they are fetched again by key so the change is not missed.
 */
function recheckUnits(db: Db, feed: Feed, stillOpen: Set<string>): Unit[] {
  if (!feed.localOpen || !feed.exactKey) return [];
  const { column, where } = feed.localOpen;
  const held = db.select({ key: column }).from(column.table).where(where).all() as { key: string }[];
  const changed = held.map((r) => r.key).filter((key) => !stillOpen.has(key));
  return keyBatches(feed.exactKey, changed).map((search) => ({
    phase: 'open',
    scopes: [''],
    search,
    sort: undefined,
  }));
}

/**
 * Brings one feed up to date from openFDA: new records since its cursor (with a trailing re-pull),
 * then the records still open, upserting on natural keys. A run that is killed carries on where
 * it stopped the next time; two runs of one feed never overlap.
 */
export async function syncFeed(
  deps: SyncDeps,
  name: FeedName,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const { db, now, log } = deps;
  const feed = feeds[name];
  const started = Date.now();
  const result = { feed: name, runId: null as number | null, full: false, pages: 0, counts: noWrites() };
  let pulled: ReturnType<typeof createPuller>['state'] | null = null;
  const finish = (
    status: SyncResult['status'],
    extra: { error?: string; note?: string } = {},
  ): SyncResult => ({
    ...result,
    ...(pulled ? { pages: pulled.pages, counts: pulled.counts } : {}),
    status,
    seconds: (Date.now() - started) / 1000,
    ...extra,
  });
  let lockToken: string;
  let damaged = false;
  try {
    lockToken = acquireFeedLock(db, name, now());
  } catch (error) {
    if (error instanceof SyncBusyError) return finish('busy', { error: error.message });
    throw error;
  }
  try {
    closeAbandonedRuns(db, now());
    const plan = planFor(deps, feed, options.full ?? false);
    result.full = plan.full;
    const runId = startRun(db, name, plan.full ? 'full' : 'incremental', deps.client.baseUrl, now());
    result.runId = runId;
    if (plan.note) log.info(`${name}: ${plan.note}`);
    const puller = createPuller({
      ...deps,
      feed: name,
      runId,
      lockToken,
      full: plan.full,
      pageSize: deps.settings.pageSize,
      today: isoDay(now()),
      signal: options.signal,
      onProgress: options.onProgress,
    });
    const { state } = puller;
    pulled = state;
    for (const unit of plan.units) await puller.pull(unit);
    if (!plan.full) for (const unit of recheckUnits(db, feed, state.stillOpen)) await puller.pull(unit);
    writeTransaction(db, () => {
      advanceCursors(
        db,
        name,
        [...state.touched],
        { resumePhase: null, resumeFrom: null, seen: null },
        now(),
      );
      finishRun(
        db,
        name,
        runId,
        { status: 'succeeded', full: plan.full, sourceLastUpdated: state.lastUpdated },
        now(),
      );
    });
    return finish('succeeded', plan.note ? { note: plan.note } : {});
  } catch (error) {
    // A damaged file stops everything, with nothing more written to it (not even the lock's release).
    damaged = isDamage(error);
    const ended = endRunAfterError({ db, log, now: now() }, name, result.runId, error, options.signal);
    return finish(ended.status, { error: ended.error });
  } finally {
    if (!damaged) releaseFeedLock(db, name, lockToken);
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
