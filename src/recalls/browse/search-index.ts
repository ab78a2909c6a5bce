import { sql } from 'drizzle-orm';
import { type Db, writeTransaction } from '../../db/client';

/**
 * Whether recalls were added, changed or removed since the index last took them in. Deletions
 * are always noted as pending, so with none pending the index is whole exactly when it holds as
 * many recalls as the table: two counts, a millisecond or two on the full corpus.
 */
function outOfDate(db: Db): boolean {
  const row = db.get<{ pending: number; gap: number }>(sql`
    SELECT (SELECT count(*) FROM recall_search_pending) AS pending,
           (SELECT count(*) FROM recalls) - (SELECT count(*) FROM recall_search_ids) AS gap`);
  return Boolean(row && (row.pending > 0 || row.gap !== 0));
}

/**
 * Brings the recall search index up to date (see migration 0004_recall_search): recalls changed
 * or removed, as the triggers noted them, and recalls added, found as those without an index id.
 * Each step is one statement over all of them, so a full import of the corpus is indexed in
 * about a second; row by row it cost several. Cheap when nothing changed, so every search calls
 * it first. Returns how many recalls were (re)indexed.
 */
export function refreshRecallSearch(db: Db): number {
  if (!outOfDate(db)) return 0;
  return writeTransaction(db, () => {
    // Looked at again inside the write lock: another process may have refreshed meanwhile.
    if (!outOfDate(db)) return 0;
    db.run(sql`
        DELETE FROM recall_search WHERE rowid IN (
          SELECT i.id FROM recall_search_ids i
          JOIN recall_search_pending p ON p.product_res_number = i.product_res_number)`);
    db.run(sql`
        DELETE FROM recall_search_ids
        WHERE product_res_number IN (SELECT product_res_number FROM recall_search_pending)`);
    db.run(sql`DELETE FROM recall_search_pending`);
    // Ids only grow from here, so the recalls to index are those given an id above this one.
    const before = db.get<{ id: number }>(sql`SELECT coalesce(max(id), 0) AS id FROM recall_search_ids`)!.id;
    db.run(sql`
        INSERT INTO recall_search_ids (product_res_number)
        SELECT product_res_number FROM recalls
        WHERE product_res_number NOT IN (SELECT product_res_number FROM recall_search_ids)`);
    return db.run(sql`
        INSERT INTO recall_search
          (rowid, product_res_number, recalling_firm, product_description, reason_for_recall, code_info)
        SELECT i.id, r.product_res_number, r.recalling_firm, r.product_description, r.reason_for_recall, r.code_info
        FROM recall_search_ids i JOIN recalls r ON r.product_res_number = i.product_res_number
        WHERE i.id > ${before}`).changes;
  });
}
