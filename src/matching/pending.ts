import { lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { matchPending } from '../db/schema';

/** What is marked as not yet matched (see match_pending in the schema), up to the newest mark. */
export type PendingWork = { upToSeq: number; assets: string[]; recalls: string[] };

export function pendingWork(db: Db): PendingWork {
  // One statement: the marks and the newest of them are read together.
  const marks = db.select().from(matchPending).all();
  const work: PendingWork = { upToSeq: 0, assets: [], recalls: [] };
  for (const mark of marks) {
    work.upToSeq = Math.max(work.upToSeq, mark.seq);
    (mark.kind === 'asset' ? work.assets : work.recalls).push(mark.key);
  }
  return work;
}

/** Clears the marks a run read; those made since stay for the next run. */
export function clearPending(db: Db, upToSeq: number): void {
  db.delete(matchPending).where(lte(matchPending.seq, upToSeq)).run();
}

/**
 * Whether a matching run has work: there is an inventory to match against, and something is
 * marked or matching has never run. Cheap: asked after every sync and import, whatever that run
 * changed, so that work a killed process left is taken up by the next one.
 */
export function matchingDue(db: Db): boolean {
  const row = db.get<{ due: number }>(sql`SELECT EXISTS (SELECT 1 FROM assets)
    AND (EXISTS (SELECT 1 FROM match_pending)
      OR NOT EXISTS (SELECT 1 FROM match_state WHERE keys_version IS NOT NULL)) AS due`);
  return row.due === 1;
}

/** How many assets and recalls wait to be matched, for `vigil status` and the status page. */
export function pendingCounts(db: Db): { assets: number; recalls: number } {
  const rows = db.all<{ kind: 'asset' | 'recall'; n: number }>(
    sql`SELECT kind, count(*) AS n FROM match_pending GROUP BY kind`,
  );
  const n = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0;
  return { assets: n('asset'), recalls: n('recall') };
}

/** Whether recalls wait for an inventory to be matched against. */
export function waitsForInventory(db: Db): boolean {
  const row = db.get<{ waits: number }>(sql`SELECT NOT EXISTS (SELECT 1 FROM assets)
    AND EXISTS (SELECT 1 FROM match_pending WHERE kind = 'recall') AS waits`);
  return row.waits === 1;
}
