import { desc, eq, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
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
import { type FeedName, feedNames, feeds } from '../openfda/feeds';

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
  feed: FeedName;
  title: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  sourceLastUpdated: string | null;
  running: boolean;
  lastRun: typeof syncRuns.$inferSelect | null;
};

/** When each feed was last synced, how its last attempt ended, and whether one is running now. */
export function feedStatuses(db: Db): FeedStatus[] {
  return feedNames.map((feed) => {
    const state = db.select().from(syncState).where(eq(syncState.feed, feed)).get();
    const lastRun =
      db.select().from(syncRuns).where(eq(syncRuns.feed, feed)).orderBy(desc(syncRuns.id)).limit(1).get() ??
      null;
    return {
      feed,
      title: feeds[feed].title,
      lastAttemptAt: state?.lastAttemptAt ?? null,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      lastError: state?.lastError ?? null,
      sourceLastUpdated: state?.sourceLastUpdated ?? null,
      running: Boolean(state?.lockToken),
      lastRun,
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

export type GlanceFeed = { title: string; lastSuccessAt: string | null; failing: boolean; running: boolean };

/** Each feed's state in a word, for the inbox. */
export const glanceOf = (statuses: FeedStatus[]): GlanceFeed[] =>
  statuses.map((f) => ({
    title: f.title,
    lastSuccessAt: f.lastSuccessAt,
    failing: Boolean(f.lastError) && !f.running,
    running: f.running,
  }));
