import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One row per feed: how its last attempt went, and who (if anyone) is syncing it right now. */
export const syncState = sqliteTable('sync_state', {
  feed: text('feed').primaryKey(),
  lastAttemptAt: text('last_attempt_at'),
  lastSuccessAt: text('last_success_at'),
  lastFullAt: text('last_full_at'),
  lastError: text('last_error'),
  sourceLastUpdated: text('source_last_updated'),
  lockToken: text('lock_token'),
  lockPid: integer('lock_pid'),
  lockHost: text('lock_host'),
  lockHeartbeatAt: text('lock_heartbeat_at'),
});

/**
 * Where each feed (and, for MAUDE, each followed product code or manufacturer) has got to.
 * high_water is the newest "new since" date stored; resume_* mark a run that has not finished, so
 * the next run carries on from the last committed page instead of starting over.
 */
export const syncCursors = sqliteTable(
  'sync_cursors',
  {
    feed: text('feed').notNull(),
    scope: text('scope').notNull(),
    highWater: text('high_water'),
    resumePhase: text('resume_phase'),
    resumeFrom: text('resume_from'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.feed, t.scope] })],
);

/** A sync or bulk import, from start to finish, with what it did. */
export const syncRuns = sqliteTable(
  'sync_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    feed: text('feed').notNull(),
    mode: text('mode', { enum: ['incremental', 'full', 'import'] }).notNull(),
    source: text('source').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed', 'interrupted'] }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    pages: integer('pages').notNull().default(0),
    added: integer('added').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    error: text('error'),
    pid: integer('pid'),
  },
  (t) => [index('sync_runs_feed_started').on(t.feed, t.startedAt), index('sync_runs_status').on(t.status)],
);

/** Records that could not be stored (no key, not an object, …), kept verbatim so nothing is lost. */
export const syncRejects = sqliteTable(
  'sync_rejects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id').references(() => syncRuns.id, { onDelete: 'cascade' }),
    feed: text('feed').notNull(),
    recordKey: text('record_key'),
    reason: text('reason').notNull(),
    raw: text('raw').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('sync_rejects_run').on(t.runId)],
);
