import type { Statement } from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { type Db, writeTransaction } from '../db/client';
import {
  enforcementReports,
  maudeDevices,
  maudeReports,
  maudeTexts,
  productClasses,
  recalls,
  syncRejects,
} from '../db/schema';
import type { FeedName } from './feeds';
import { feeds } from './feeds';
import type { MaudeRows } from './records/event';
import type { Rejected } from './records/fields';

export type WriteCounts = { added: number; updated: number; unchanged: number; skipped: number };

export const noWrites = (): WriteCounts => ({ added: 0, updated: 0, unchanged: 0, skipped: 0 });

export function addCounts(into: WriteCounts, more: WriteCounts): WriteCounts {
  into.added += more.added;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.skipped += more.skipped;
  return into;
}

export type RejectedRecord = Rejected & { raw: string };

/**
 * A record ready to store: its JSON text (stored as raw and compared for changes) with its
 * normalised row, or the reason it is set aside. Preparing is pure; writing is the store's.
 */
export type Prepared = { ok: true; key: string; row: unknown; raw: string } | RejectedRecord;

/** Normalises one record of a feed; `raw` is its JSON text, `record` that text parsed. */
export function prepare(feed: FeedName, record: unknown, raw: string): Prepared {
  const normalised = feeds[feed].normalise(record);
  return { ...normalised, raw };
}

/** Records as openFDA's API returned them, prepared for storing. */
export function prepareAll(feed: FeedName, records: unknown[]): Prepared[] {
  return records.map((record) => prepare(feed, record, JSON.stringify(record) ?? 'null'));
}

/**
 * Prepared statements for one table, with column lists taken from the drizzle schema so the
 * schema stays the single source of truth. Used on the hot path of sync and bulk import, where
 * a million rows must not each pay for building a query.
 */
function tableStatements(db: Db, table: SQLiteTable, keyColumn: SQLiteColumn) {
  // Generated columns are computed by SQLite from raw; they are never written.
  const columns = (Object.entries(getTableColumns(table)) as [string, SQLiteColumn][]).filter(
    ([, c]) => !c.generated,
  );
  const name = getTableName(table);
  const quoted = columns.map(([, c]) => `"${c.name}"`);
  const updatable = columns.filter(([, c]) => c !== keyColumn && c.name !== 'first_seen_at');
  const sqlite = db.$client;
  const values = (row: Record<string, unknown>, cols: [string, SQLiteColumn][]) =>
    cols.map(([key, column]) => {
      const value = row[key];
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    });
  const insert = sqlite.prepare(`INSERT INTO "${name}" (${quoted}) VALUES (${quoted.map(() => '?')})`);
  const update = sqlite.prepare(
    `UPDATE "${name}" SET ${updatable.map(([, c]) => `"${c.name}" = ?`)} WHERE "${keyColumn.name}" = ?`,
  );
  const currentRaw = sqlite.prepare(`SELECT raw FROM "${name}" WHERE "${keyColumn.name}" = ?`).pluck();
  return {
    currentRaw: currentRaw as Statement<[string], string | undefined>,
    insert: (row: Record<string, unknown>) => insert.run(values(row, columns)),
    update: (row: Record<string, unknown>, key: string) => update.run([...values(row, updatable), key]),
  };
}

function childStatements(db: Db, table: SQLiteTable) {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const name = getTableName(table);
  const insert = db.$client.prepare(
    `INSERT INTO "${name}" (${columns.map(([, c]) => `"${c.name}"`)}) VALUES (${columns.map(() => '?')})`,
  );
  const remove = db.$client.prepare(`DELETE FROM "${name}" WHERE report_key = ?`);
  return {
    insert: (row: Record<string, unknown>) => insert.run(columns.map(([key]) => row[key] ?? null)),
    remove: (key: string) => remove.run(key),
  };
}

/**
 * Stores openFDA records, upserting on their natural keys: a new key is added, a changed record
 * replaces the old one (a revision), an identical one is left alone. Records that cannot be
 * stored are kept verbatim in sync_rejects with the reason.
 */
export function createRecordStore(db: Db, now: () => Date) {
  const tables = {
    recall: tableStatements(db, recalls, recalls.productResNumber),
    enforcement: tableStatements(db, enforcementReports, enforcementReports.recallNumber),
    event: tableStatements(db, maudeReports, maudeReports.reportKey),
    classification: tableStatements(db, productClasses, productClasses.productCode),
  } satisfies Record<FeedName, unknown>;
  const devices = childStatements(db, maudeDevices);
  const texts = childStatements(db, maudeTexts);
  const rejectInsert = db.$client.prepare(
    `INSERT INTO "${getTableName(syncRejects)}" (run_id, feed, record_key, reason, raw, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );

  function upsertOne(
    feed: FeedName,
    item: Prepared,
    stamp: string,
    counts: WriteCounts,
  ): RejectedRecord | null {
    if (!item.ok) {
      counts.skipped++;
      return item;
    }
    const { key, raw } = item;
    const table = tables[feed];
    const before = table.currentRaw.get(key);
    if (before === raw) {
      counts.unchanged++;
      return null;
    }
    const event = feed === 'event' ? (item.row as MaudeRows) : null;
    const row = {
      ...((event ? event.report : item.row) as object),
      raw,
      firstSeenAt: stamp,
      updatedAt: stamp,
    };
    if (before === undefined) {
      table.insert(row);
      counts.added++;
    } else {
      table.update(row, key);
      if (event) {
        devices.remove(key);
        texts.remove(key);
      }
      counts.updated++;
    }
    if (event) {
      for (const d of event.devices) devices.insert(d);
      for (const t of event.texts) texts.insert(t);
    }
    return null;
  }

  return {
    /**
     * Writes one page of records and runs `alongside` (cursor and run bookkeeping) in the same
     * transaction, so a process killed at any moment leaves either all of it or none of it.
     */
    writePage(
      feed: FeedName,
      items: Prepared[],
      runId: number | null,
      alongside?: (counts: WriteCounts) => void,
    ): { counts: WriteCounts; rejects: RejectedRecord[] } {
      const stamp = now().toISOString();
      return writeTransaction(db, () => {
        const counts = noWrites();
        const rejects: RejectedRecord[] = [];
        for (const item of items) {
          const rejected = upsertOne(feed, item, stamp, counts);
          if (rejected) {
            rejects.push(rejected);
            rejectInsert.run(runId, feed, rejected.key, rejected.reason, rejected.raw, stamp);
          }
        }
        alongside?.(counts);
        return { counts, rejects };
      });
    },
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;
