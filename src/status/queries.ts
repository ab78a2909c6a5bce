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
