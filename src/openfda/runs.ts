import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { type Db, writeTransaction } from '../db/client';
import { explainDatabaseError, isDamage } from '../db/health';
import { syncCursors, syncRuns, syncState } from '../db/schema';
import type { Logger } from '../log';
import { heldHere, holderGone as holderGoneAfter, type LockHolder, released } from '../shared/process-lock';
import type { WriteCounts } from './store';

/** What a run loads: an openFDA feed, or an early source (src/sources/), which runs the same way. */
type FeedName = string;

/** Another process (or the scheduler) is already syncing this feed. */
export class SyncBusyError extends Error {}

/** A lock whose holder has not written a page for this long is taken to be dead. */
const staleLockMs = 15 * 60_000;

function ensureStateRow(db: Db, feed: FeedName) {
  db.insert(syncState).values({ feed }).onConflictDoNothing().run();
}

const holderGone = (state: LockHolder, now: Date) => holderGoneAfter(state, now, staleLockMs);

/**
 * Takes the feed's lock so that no two syncs of one feed ever run at once, across processes too
 * (the server's scheduler and a `vigil sync` in a terminal share the database). A lock left by a
 * killed process is taken over.
 */
export function acquireFeedLock(db: Db, feed: FeedName, now: Date): string {
  const token = randomUUID();
  return writeTransaction(db, () => {
    ensureStateRow(db, feed);
    const state = db.select().from(syncState).where(eq(syncState.feed, feed)).get()!;
    if (state.lockToken) {
      if (!holderGone(state, now)) {
        throw new SyncBusyError(
          `a sync of ${feed} is already running (process ${state.lockPid} on ${state.lockHost}, since ${state.lockHeartbeatAt}); wait for it to finish`,
        );
      }
    }
    db.update(syncState).set(heldHere(token, now)).where(eq(syncState.feed, feed)).run();
    return token;
  });
}

export function heartbeat(db: Db, feed: FeedName, token: string, now: Date) {
  db.update(syncState)
    .set({ lockHeartbeatAt: now.toISOString() })
    .where(and(eq(syncState.feed, feed), eq(syncState.lockToken, token)))
    .run();
}

export function releaseFeedLock(db: Db, feed: FeedName, token: string) {
  db.update(syncState)
    .set(released)
    .where(and(eq(syncState.feed, feed), eq(syncState.lockToken, token)))
    .run();
}

const abandoned = {
  sync: 'the process stopped before this run finished; the next sync carries on from its last saved page',
  import:
    'the process stopped before this import finished; the batches it completed are stored: import the file again to load the rest',
};

/**
 * Closes what killed processes left behind: a feed lock whose holder has gone is released, and a
 * run still marked running that no live process holds is marked interrupted, so that neither
 * `status` nor the sync page says a dead process is syncing. Runs whenever a command or the
 * server starts; cheap when there is nothing to close.
 */
export function closeAbandonedRuns(db: Db, now: Date): number {
  const running = db
    .select({ n: sql<number>`count(*)` })
    .from(syncRuns)
    .where(eq(syncRuns.status, 'running'))
    .get()!.n;
  const locked = db
    .select({ n: sql<number>`count(*)` })
    .from(syncState)
    .where(isNotNull(syncState.lockToken))
    .get()!.n;
  if (running === 0 && locked === 0) return 0;
  return writeTransaction(db, () => {
    const holders = new Map<string, number | null>();
    for (const state of db.select().from(syncState).all()) {
      if (holderGone(state, now)) {
        db.update(syncState)
          .set(released)
          .where(and(eq(syncState.feed, state.feed), eq(syncState.lockToken, state.lockToken!)))
          .run();
      } else if (state.lockToken) {
        holders.set(state.feed, state.lockPid);
      }
    }
    let closed = 0;
    for (const run of db.select().from(syncRuns).where(eq(syncRuns.status, 'running')).all()) {
      // A live holder of the feed's lock is this run's own process, or the run was left behind.
      if (holders.has(run.feed) && holders.get(run.feed) === run.pid) continue;
      db.update(syncRuns)
        .set({
          status: 'interrupted',
          finishedAt: now.toISOString(),
          error: run.mode === 'import' ? abandoned.import : abandoned.sync,
        })
        .where(eq(syncRuns.id, run.id))
        .run();
      closed++;
    }
    return closed;
  });
}

export function startRun(
  db: Db,
  feed: FeedName,
  mode: 'incremental' | 'full' | 'import',
  source: string,
  now: Date,
) {
  ensureStateRow(db, feed);
  if (mode !== 'import') {
    db.update(syncState).set({ lastAttemptAt: now.toISOString() }).where(eq(syncState.feed, feed)).run();
  }
  return db
    .insert(syncRuns)
    .values({ feed, mode, source, status: 'running', startedAt: now.toISOString(), pid: process.pid })
    .returning({ id: syncRuns.id })
    .get().id;
}

/** Adds a committed page's counts to its run; called inside the page's transaction. */
export function countPage(db: Db, runId: number, counts: WriteCounts) {
  db.update(syncRuns)
    .set({
      pages: sql`${syncRuns.pages} + 1`,
      added: sql`${syncRuns.added} + ${counts.added}`,
      updated: sql`${syncRuns.updated} + ${counts.updated}`,
      unchanged: sql`${syncRuns.unchanged} + ${counts.unchanged}`,
      skipped: sql`${syncRuns.skipped} + ${counts.skipped}`,
    })
    .where(eq(syncRuns.id, runId))
    .run();
}

export type RunOutcome =
  | { status: 'succeeded'; full: boolean; sourceLastUpdated: string | null }
  | { status: 'failed' | 'interrupted'; error: string };

/**
 * Closes a run. A sync's outcome also becomes the feed's state (last synced, last error); a bulk
 * import's does not, since it says nothing about whether openFDA can be reached.
 */
export function finishRun(db: Db, feed: FeedName, runId: number, outcome: RunOutcome, now: Date) {
  const at = now.toISOString();
  writeTransaction(db, () => {
    const error = outcome.status === 'succeeded' ? null : outcome.error;
    const run = db
      .update(syncRuns)
      .set({ status: outcome.status, finishedAt: at, error })
      .where(eq(syncRuns.id, runId))
      .returning({ mode: syncRuns.mode })
      .get();
    if (run?.mode === 'import') return;
    if (outcome.status === 'succeeded') {
      db.update(syncState)
        .set({
          lastSuccessAt: at,
          lastError: null,
          ...(outcome.full ? { lastFullAt: at } : {}),
          ...(outcome.sourceLastUpdated ? { sourceLastUpdated: outcome.sourceLastUpdated } : {}),
        })
        .where(eq(syncState.feed, feed))
        .run();
    } else {
      db.update(syncState).set({ lastError: error }).where(eq(syncState.feed, feed)).run();
    }
  });
}

/** A run that could not even start (its plan failed) still leaves its reason on the feed. */
export function noteFailure(db: Db, feed: FeedName, error: string, now: Date) {
  ensureStateRow(db, feed);
  db.update(syncState)
    .set({ lastAttemptAt: now.toISOString(), lastError: error })
    .where(eq(syncState.feed, feed))
    .run();
}

export function feedState(db: Db, feed: FeedName) {
  return db.select().from(syncState).where(eq(syncState.feed, feed)).get();
}

export type Cursor = typeof syncCursors.$inferSelect;

export function cursorsOf(db: Db, feed: FeedName): Map<string, Cursor> {
  const rows = db.select().from(syncCursors).where(eq(syncCursors.feed, feed)).all();
  return new Map(rows.map((row) => [row.scope, row]));
}

/**
 * Records how far a page got, for each scope it served. Called inside the page's transaction:
 * the records and the advanced cursor are committed together.
 */
export function advanceCursors(
  db: Db,
  feed: FeedName,
  scopes: string[],
  change: { resumePhase: string | null; resumeFrom: string | null; seen: string | null },
  now: Date,
) {
  const at = now.toISOString();
  for (const scope of scopes) {
    db.insert(syncCursors)
      .values({
        feed,
        scope,
        highWater: change.seen,
        resumePhase: change.resumePhase,
        resumeFrom: change.resumeFrom,
        updatedAt: at,
      })
      .onConflictDoUpdate({
        target: [syncCursors.feed, syncCursors.scope],
        set: {
          resumePhase: change.resumePhase,
          resumeFrom: change.resumeFrom,
          // high_water only moves forward: a re-pull of older days must not pull it back.
          highWater: sql`CASE WHEN ${syncCursors.highWater} IS NULL OR ${change.seen} > ${syncCursors.highWater} THEN coalesce(${change.seen}, ${syncCursors.highWater}) ELSE ${syncCursors.highWater} END`,
          updatedAt: at,
        },
      })
      .run();
  }
}

/**
 * Ends a run that threw, for openFDA's feeds and the early sources alike: a stop asked for
 * (Ctrl-C, shutdown) is `interrupted`, anything else `failed`, recorded on the run, or on the feed
 * when the run never started, and logged. What was stored stays. A damaged file is not written
 * to, not even the run's end: its error is thrown, explained.
 */
export function endRunAfterError(
  deps: { db: Db; log: Logger; now: Date },
  feed: FeedName,
  runId: number | null,
  error: unknown,
  signal: AbortSignal | undefined,
): { status: 'interrupted' | 'failed'; error: string } {
  const { db, now } = deps;
  if (isDamage(error)) throw explainDatabaseError(db.$client.name, error);
  const stopped = signal?.aborted === true;
  const message = stopped
    ? 'stopped on request before the run finished; the next run carries on from here'
    : error instanceof Error
      ? error.message
      : String(error);
  const status = stopped ? 'interrupted' : 'failed';
  if (runId !== null) finishRun(db, feed, runId, { status, error: message }, now);
  else noteFailure(db, feed, message, now);
  if (!stopped) deps.log.error(`${feed}: sync failed: ${message}`);
  return { status, error: message };
}
