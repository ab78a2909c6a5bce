import { and, desc, eq, sql } from 'drizzle-orm';
import { type Db, writeTransaction } from '../db/client';
import { maudeHistoryFetches } from '../db/schema';
import { type Decision, decide, type HistoryAsk, isAbandoned } from './history-rules';

export type HistoryFetchRow = typeof maudeHistoryFetches.$inferSelect;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const abandonedMessage =
  'Vigil stopped before this fetch finished. The reports it stored are kept; ask again to fetch the rest.';

/**
 * Opens a fetch for what was asked, unless one is running or succeeded lately (see `decide`).
 * One immediate transaction, so two people pressing the button at once start one fetch; `onOpen`
 * (the audit row) is written in it.
 */
export function openHistoryFetch(
  db: Db,
  ask: HistoryAsk,
  now: Date,
  options: { force: boolean; requestedBy: string; onOpen?: ((fetch: HistoryFetchRow) => void) | undefined },
): { decision: Decision['outcome']; fetch: HistoryFetchRow } {
  const at = now.toISOString();
  return writeTransaction(db, () => {
    const same = and(
      eq(maudeHistoryFetches.kind, ask.kind),
      sql`${maudeHistoryFetches.value} = ${ask.value} COLLATE NOCASE`,
    );
    const earlier = db
      .select()
      .from(maudeHistoryFetches)
      .where(same)
      .orderBy(desc(maudeHistoryFetches.id))
      .all();
    for (const fetch of earlier) {
      if (!isAbandoned(fetch, now, processIsAlive)) continue;
      db.update(maudeHistoryFetches)
        .set({ status: 'failed', error: abandonedMessage, finishedAt: at })
        .where(eq(maudeHistoryFetches.id, fetch.id))
        .run();
      fetch.status = 'failed';
    }
    const decision = decide(earlier, now, options.force);
    if (decision.outcome !== 'start') {
      const fetch = earlier.find((f) => f.id === decision.fetch.id)!;
      return { decision: decision.outcome, fetch };
    }
    const fetch = db
      .insert(maudeHistoryFetches)
      .values({
        kind: ask.kind,
        value: ask.value,
        status: 'running',
        requestedBy: options.requestedBy,
        startedAt: at,
        heartbeatAt: at,
        pid: process.pid,
      })
      .returning()
      .get();
    options.onOpen?.(fetch);
    return { decision: 'start' as const, fetch };
  });
}

/** A stored page's progress; called inside the page's transaction, so the two agree. */
export function noteHistoryPage(
  db: Db,
  id: number,
  page: { records: number; added: number; total: number },
  now: Date,
) {
  db.update(maudeHistoryFetches)
    .set({
      fetched: sql`${maudeHistoryFetches.fetched} + ${page.records}`,
      added: sql`${maudeHistoryFetches.added} + ${page.added}`,
      total: page.total,
      heartbeatAt: now.toISOString(),
    })
    .where(eq(maudeHistoryFetches.id, id))
    .run();
}

export function finishHistoryFetch(
  db: Db,
  id: number,
  outcome: { status: 'succeeded'; capped: boolean } | { status: 'failed'; error: string },
  now: Date,
) {
  const at = now.toISOString();
  db.update(maudeHistoryFetches)
    .set(
      outcome.status === 'succeeded'
        ? { status: 'succeeded', capped: outcome.capped, error: null, finishedAt: at, heartbeatAt: at }
        : { status: 'failed', error: outcome.error, finishedAt: at, heartbeatAt: at },
    )
    .where(eq(maudeHistoryFetches.id, id))
    .run();
}

export function historyFetchById(db: Db, id: number): HistoryFetchRow | undefined {
  return db.select().from(maudeHistoryFetches).where(eq(maudeHistoryFetches.id, id)).get();
}

export function recentHistoryFetches(db: Db, limit = 50): HistoryFetchRow[] {
  return db.select().from(maudeHistoryFetches).orderBy(desc(maudeHistoryFetches.id)).limit(limit).all();
}
