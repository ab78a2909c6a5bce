import { type SQL, sql } from 'drizzle-orm';
import { type Db, writeTransaction } from '../db/client';

type IndexState = { indexedThrough: number; version: number };

const indexState = (db: Db) =>
  db.get<IndexState>(
    sql`SELECT indexed_through AS indexedThrough, version FROM maude_search_state WHERE id = 1`,
  )!;

/**
 * A number that changes whenever the index does: what is derived from it and kept in memory
 * (the manufacturer names) is kept while this stays the same.
 */
export const eventIndexVersion = (db: Db): number => indexState(db).version;

/** Reports the index has still to take in: revised or removed ones, and new ones. */
export function eventIndexBacklog(db: Db): { pending: number; missing: number } {
  return db.get<{ pending: number; missing: number }>(sql`
    SELECT (SELECT count(*) FROM maude_search_pending) AS pending,
           (SELECT count(*) FROM maude_reports
            WHERE rowid > (SELECT indexed_through FROM maude_search_state WHERE id = 1)) AS missing`)!;
}

/** Reports indexed in one transaction by a first build or a large catch-up. */
const bulkBatch = 25_000;

/**
 * Indexes the reports `which` (a condition on maude_reports r) that are not indexed yet: their
 * names numbered, their groups counted up (see migration 0010), an id each with the day received
 * and the group, and their narratives joined into the full-text index under that id. A report's
 * device facts are its first device's. Returns how many reports were indexed.
 */
function indexReports(db: Db, which: SQL): number {
  db.run(sql`DROP TABLE IF EXISTS temp.maude_index_batch`);
  db.run(sql`DROP TABLE IF EXISTS temp.maude_index_keyed`);
  db.run(sql`
    CREATE TEMP TABLE maude_index_batch AS
    SELECT r.report_key AS report_key, r.date_received AS received,
           coalesce(d.manufacturer_d_name, '') AS maker, coalesce(d.brand_name, '') AS brand,
           coalesce(d.model_number, '') AS model, coalesce(d.generic_name, '') AS generic,
           coalesce(d.product_code, '') AS product_code,
           CASE WHEN r.date_received GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]*'
                THEN substr(r.date_received, 1, 7) ELSE '' END AS month,
           coalesce(r.event_type, '') AS event_type
    FROM maude_reports r
    LEFT JOIN maude_devices d ON d.report_key = r.report_key AND d.position = 0
    WHERE ${which} AND NOT EXISTS (SELECT 1 FROM maude_search_ids i WHERE i.report_key = r.report_key)
    ORDER BY r.rowid`);
  try {
    db.run(sql`
      INSERT OR IGNORE INTO maude_search_names (value)
      SELECT maker FROM temp.maude_index_batch WHERE maker != ''
      UNION SELECT brand FROM temp.maude_index_batch WHERE brand != ''
      UNION SELECT model FROM temp.maude_index_batch WHERE model != ''
      UNION SELECT generic FROM temp.maude_index_batch WHERE generic != ''`);
    // Each report with its group's key, read once for both uses below; no name is '', so an
    // absent one joins to nothing: 0.
    db.run(sql`
      CREATE TEMP TABLE maude_index_keyed AS
      SELECT b.rowid AS n, b.report_key, b.received,
             coalesce(m.id, 0) AS maker, coalesce(br.id, 0) AS brand, coalesce(mo.id, 0) AS model,
             coalesce(ge.id, 0) AS generic, b.product_code, b.month, b.event_type
      FROM temp.maude_index_batch b
      LEFT JOIN maude_search_names m ON m.value = b.maker
      LEFT JOIN maude_search_names br ON br.value = b.brand
      LEFT JOIN maude_search_names mo ON mo.value = b.model
      LEFT JOIN maude_search_names ge ON ge.value = b.generic`);
    // `WHERE true` tells SQLite's parser that ON CONFLICT belongs to the INSERT, not a join.
    db.run(sql`
      INSERT INTO maude_search_groups (maker, brand, model, generic, product_code, month, event_type, reports)
      SELECT maker, brand, model, generic, product_code, month, event_type, count(*)
      FROM temp.maude_index_keyed WHERE true
      GROUP BY maker, brand, model, generic, product_code, month, event_type
      ON CONFLICT (maker, brand, model, generic, product_code, month, event_type)
      DO UPDATE SET reports = reports + excluded.reports`);
    const before = db.get<{ id: number }>(sql`SELECT coalesce(max(id), 0) AS id FROM maude_search_ids`)!.id;
    db.run(sql`
      INSERT INTO maude_search_ids (report_key, received, group_id)
      SELECT k.report_key, k.received, g.id
      FROM temp.maude_index_keyed k
      JOIN maude_search_groups g ON g.maker = k.maker AND g.brand = k.brand AND g.model = k.model
        AND g.generic = k.generic AND g.product_code = k.product_code AND g.month = k.month
        AND g.event_type = k.event_type
      ORDER BY k.n`);
    return db.run(sql`
      INSERT INTO maude_search (rowid, narrative)
      SELECT i.id, (SELECT group_concat(t.text, char(10)) FROM maude_texts t WHERE t.report_key = i.report_key)
      FROM maude_search_ids i WHERE i.id > ${before}`).changes;
  } finally {
    db.run(sql`DROP TABLE IF EXISTS temp.maude_index_batch`);
    db.run(sql`DROP TABLE IF EXISTS temp.maude_index_keyed`);
  }
}

/** Takes out of the index the reports revised or removed since, and puts the revised back in. */
function takePending(db: Db): number {
  const pending = sql`SELECT report_key FROM maude_search_pending`;
  db.run(sql`
    UPDATE maude_search_groups SET reports = reports - gone.n
    FROM (SELECT i.group_id AS id, count(*) AS n FROM maude_search_ids i
          WHERE i.report_key IN (${pending}) GROUP BY i.group_id) gone
    WHERE maude_search_groups.id = gone.id`);
  db.run(sql`DELETE FROM maude_search_groups WHERE reports <= 0`);
  db.run(sql`
    DELETE FROM maude_search WHERE rowid IN (
      SELECT i.id FROM maude_search_ids i WHERE i.report_key IN (${pending}))`);
  db.run(sql`DELETE FROM maude_search_ids WHERE report_key IN (${pending})`);
  // Those past the mark are new to the index and are taken in with the rest.
  const revised = indexReports(
    db,
    sql`r.report_key IN (${pending})
        AND r.rowid <= (SELECT indexed_through FROM maude_search_state WHERE id = 1)`,
  );
  db.run(sql`DELETE FROM maude_search_pending`);
  return revised;
}

/**
 * Brings the MAUDE narrative index and its counts up to date (migrations 0008 and 0010): first
 * the reports revised or removed, as the triggers noted them, then the reports added since it
 * last read maude_reports, a batch at a time, each batch its own transaction so a long first
 * build neither holds the write lock for minutes nor loses what it did if stopped. Costs two
 * lookups when nothing changed. `batches` stops it early (the server indexes in small steps
 * between requests). Returns how many reports were (re)indexed.
 */
export function refreshEventSearch(
  db: Db,
  progress?: (done: number, total: number) => void,
  { batchSize = bulkBatch, batches = Number.POSITIVE_INFINITY } = {},
): number {
  const backlog = eventIndexBacklog(db);
  if (backlog.pending === 0 && backlog.missing === 0) return 0;
  const total = backlog.pending + backlog.missing;
  let done = 0;
  const bump = sql`UPDATE maude_search_state SET version = version + 1 WHERE id = 1`;
  if (backlog.pending > 0) {
    done += writeTransaction(db, () => {
      const revised = takePending(db);
      db.run(bump);
      return revised;
    });
    if (done > 0) progress?.(Math.min(done, total), total);
  }
  for (let batch = 0; batch < batches; batch++) {
    const indexed = writeTransaction(db, () => {
      // Read inside the transaction: another process may have indexed a batch meanwhile.
      const from = indexState(db).indexedThrough;
      const last = db.get<{ last: number | null }>(sql`
          SELECT max(rowid) AS last FROM (
            SELECT rowid FROM maude_reports WHERE rowid > ${from} ORDER BY rowid LIMIT ${batchSize})`)!.last;
      if (last === null) return null;
      const added = indexReports(db, sql`r.rowid > ${from} AND r.rowid <= ${last}`);
      db.run(
        sql`UPDATE maude_search_state SET indexed_through = ${last}, version = version + 1 WHERE id = 1`,
      );
      return added;
    });
    if (indexed === null) break;
    if (indexed > 0) {
      done += indexed;
      progress?.(Math.min(done, total), total);
    }
  }
  return done;
}
