import { and, desc, eq, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { GlanceFeed } from '../../views/shared/sync-glance';
import type { Db } from '../db/client';
import {
  enforcementReports,
  maudeDevices,
  maudeReports,
  maudeTexts,
  productClasses,
  recalls,
  syncRejects,
  syncRuns,
  syncState,
} from '../db/schema';
import { feedNames, feeds } from '../openfda/feeds';
import { type SourceName, sourceNames, sourceTitles } from '../sources/notice';

export type TableCount = { table: string; rows: number };

/** Rows per table, for `vigil status` and the home page. */
export function tableCounts(db: Db): TableCount[] {
  const count = (table: SQLiteTable) => db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;
  return [
    { table: 'recalls', rows: count(recalls) },
    { table: 'enforcement_reports', rows: count(enforcementReports) },
    { table: 'maude_reports', rows: count(maudeReports) },
    { table: 'maude_devices', rows: count(maudeDevices) },
    { table: 'maude_texts', rows: count(maudeTexts) },
    { table: 'product_classes', rows: count(productClasses) },
    { table: 'sync_runs', rows: count(syncRuns) },
    { table: 'sync_rejects', rows: count(syncRejects) },
  ];
}

export type FeedStatus = {
  /** An openFDA feed, or an early source. */
  feed: string;
  title: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  sourceLastUpdated: string | null;
  running: boolean;
  lastRun: typeof syncRuns.$inferSelect | null;
  /** When a bulk file of the feed last loaded (`vigil import`): a load like a sync. */
  lastImportAt: string | null;
};

/**
 * When each feed was last synced, how its last attempt ended, and whether one is running now:
 * openFDA's feeds, then each early source that has been read at least once.
 */
export function feedStatuses(db: Db): FeedStatus[] {
  const read = new Set(
    db
      .select({ feed: syncState.feed })
      .from(syncState)
      .all()
      .map((r) => r.feed),
  );
  const early = sourceNames.filter((s) => read.has(s));
  const title = (feed: string) =>
    feed in feeds ? feeds[feed as keyof typeof feeds].title : sourceTitles[feed as SourceName];
  return [...feedNames, ...early].map((feed) => {
    const state = db.select().from(syncState).where(eq(syncState.feed, feed)).get();
    const lastRun =
      db.select().from(syncRuns).where(eq(syncRuns.feed, feed)).orderBy(desc(syncRuns.id)).limit(1).get() ??
      null;
    const lastImport = db
      .select({ at: syncRuns.finishedAt })
      .from(syncRuns)
      .where(and(eq(syncRuns.feed, feed), eq(syncRuns.mode, 'import'), eq(syncRuns.status, 'succeeded')))
      .orderBy(desc(syncRuns.id))
      .limit(1)
      .get();
    return {
      feed,
      title: title(feed),
      lastAttemptAt: state?.lastAttemptAt ?? null,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      lastError: state?.lastError ?? null,
      sourceLastUpdated: state?.sourceLastUpdated ?? null,
      running: Boolean(state?.lockToken),
      lastRun,
      lastImportAt: lastImport?.at ?? null,
    };
  });
}

export type SyncRun = typeof syncRuns.$inferSelect;

/** The latest sync runs and bulk imports, newest first. */
export function syncHistory(db: Db, limit = 50): SyncRun[] {
  return db.select().from(syncRuns).orderBy(desc(syncRuns.id)).limit(limit).all();
}

/** Runs under way, with what they have committed so far (updated after every page). */
export function runsInProgress(db: Db): SyncRun[] {
  return db.select().from(syncRuns).where(eq(syncRuns.status, 'running')).orderBy(syncRuns.id).all();
}

/** The latest load of a feed, whether openFDA synced it or a bulk file brought it. */
export function lastLoadOf(f: FeedStatus): GlanceFeed['lastLoad'] {
  if (f.lastImportAt && (!f.lastSuccessAt || f.lastImportAt > f.lastSuccessAt))
    return { at: f.lastImportAt, by: 'import' };
  return f.lastSuccessAt ? { at: f.lastSuccessAt, by: 'sync' } : null;
}

/** Each feed's state in a word, for the inbox. */
export const glanceOf = (statuses: FeedStatus[]): GlanceFeed[] =>
  statuses.map((f) => ({
    title: f.title,
    lastLoad: lastLoadOf(f),
    failing: Boolean(f.lastError) && !f.running,
    running: f.running,
  }));
