import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';

/** Reports the index has still to take in: revised or removed ones, and new ones. */
export function eventIndexBacklog(db: Db): { pending: number; missing: number } {
  return db.get<{ pending: number; missing: number }>(sql`
    SELECT (SELECT count(*) FROM maude_search_pending) AS pending,
           (SELECT count(*) FROM maude_reports) - (SELECT count(*) FROM maude_search_ids) AS missing`)!;
}

const batchSize = 25_000;

/**
 * Brings the MAUDE narrative index up to date (see migration 0008_maude_search): first the
 * reports revised or removed, as the triggers noted them, then every report without an index id,
 * a batch at a time, each batch its own transaction so a long first build neither holds the
 * write lock for minutes nor loses what it did if stopped. Cheap when nothing changed. Returns
 * how many reports were (re)indexed.
 */
export function refreshEventSearch(db: Db, progress?: (done: number, total: number) => void): number {
  const backlog = eventIndexBacklog(db);
  if (backlog.pending === 0 && backlog.missing === 0) return 0;
  const total = backlog.pending + Math.max(backlog.missing, 0);
  let done = 0;
  if (backlog.pending > 0)
    db.$client
      .transaction(() => {
        db.run(sql`
          DELETE FROM maude_search WHERE rowid IN (
            SELECT i.id FROM maude_search_ids i JOIN maude_search_pending p ON p.report_key = i.report_key)`);
        db.run(
          sql`DELETE FROM maude_search_ids WHERE report_key IN (SELECT report_key FROM maude_search_pending)`,
        );
        db.run(sql`DELETE FROM maude_search_pending`);
      })
      .immediate();
  if (eventIndexBacklog(db).missing <= 0) return done;
  // Walks the reports in rowid order, so each batch starts where the last one stopped.
  let after = 0;
  for (;;) {
    const { indexed, last } = db.$client
      .transaction(() => {
        const before = db.get<{ id: number }>(
          sql`SELECT coalesce(max(id), 0) AS id FROM maude_search_ids`,
        )!.id;
        const batch = db.get<{ last: number | null }>(sql`
          SELECT max(rowid) AS last FROM (
            SELECT rowid FROM maude_reports WHERE rowid > ${after} ORDER BY rowid LIMIT ${batchSize})`)!;
        if (batch.last === null) return { indexed: 0, last: null };
        db.run(sql`
          INSERT INTO maude_search_ids (report_key)
          SELECT r.report_key FROM maude_reports r
          WHERE r.rowid > ${after} AND r.rowid <= ${batch.last}
            AND NOT EXISTS (SELECT 1 FROM maude_search_ids i WHERE i.report_key = r.report_key)
          ORDER BY r.rowid`);
        const added = db.run(sql`
          INSERT INTO maude_search (rowid, narrative)
          SELECT i.id, (SELECT group_concat(t.text, char(10)) FROM maude_texts t WHERE t.report_key = i.report_key)
          FROM maude_search_ids i WHERE i.id > ${before}`).changes;
        return { indexed: added, last: batch.last };
      })
      .immediate();
    if (last === null) break;
    after = last;
    if (indexed > 0) {
      done += indexed;
      progress?.(Math.min(done, total), total);
    }
  }
  return done;
}
