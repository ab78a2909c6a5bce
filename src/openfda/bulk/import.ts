import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/client';
import { explainDatabaseError, isDamage } from '../../db/health';
import type { Logger } from '../../log';
import type { FeedName } from '../feeds';
import { acquireFeedLock, countPage, finishRun, releaseFeedLock, startRun } from '../runs';
import { addCounts, createRecordStore, noWrites, type WriteCounts } from '../store';
import { preparedBatches } from './read-records';

export type ImportProgress = { file: string; feed: FeedName; records: number; bytes: number; size: number };

export type ImportResult = {
  file: string;
  feed: FeedName | null;
  status: 'succeeded' | 'failed';
  records: number;
  counts: WriteCounts;
  runId: number | null;
  error?: string;
};

export type ImportDeps = {
  db: Db;
  now: () => Date;
  log: Logger;
  /** A record larger than this is refused with its key (VIGIL_MAX_RECORD_MB; 1 MB when not given). */
  maxRecordBytes?: number;
};

/** openFDA's largest records are tens of KB; one of a megabyte is a broken or hostile file. */
const defaultMaxRecordBytes = 1024 * 1024;

/**
 * Records per transaction. Measured on the recall file: 1,000 was fastest, and larger batches
 * only raised peak memory.
 */
const batchSize = 1000;

/**
 * Loads openFDA bulk download files (`*.json.zip` or `*.json`, the {meta, results} envelope),
 * recognising each file's feed from its records. Records stream through in batches, so memory
 * stays flat whatever the file size; upserts on natural keys make a second import a no-op.
 */
export async function importFiles(
  deps: ImportDeps,
  files: string[],
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const file of files) results.push(await importFile(deps, file, onProgress));
  return results;
}

type Run = { feed: FeedName; runId: number; lock: string };

async function importFile(
  deps: ImportDeps,
  file: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const { db, now, log } = deps;
  const name = path.basename(file);
  const counts = noWrites();
  let run = null as Run | null;
  let records = 0;
  const result = (status: 'succeeded' | 'failed', error?: string): ImportResult => ({
    file,
    feed: run?.feed ?? null,
    status,
    records,
    counts,
    runId: run?.runId ?? null,
    ...(error ? { error } : {}),
  });

  if (!fs.existsSync(file)) return result('failed', `${file} does not exist`);
  if (!/\.json(\.zip)?$/i.test(file)) {
    return result('failed', `${name} is not an openFDA bulk file (*.json or *.json.zip)`);
  }
  const store = createRecordStore(db, now);
  const restoreTempStore = tempStoreInMemory(db);
  try {
    for await (const batch of preparedBatches(
      file,
      batchSize,
      deps.maxRecordBytes ?? defaultMaxRecordBytes,
    )) {
      if (!run) {
        const lock = acquireFeedLock(db, batch.feed, now());
        run = { feed: batch.feed, lock, runId: startRun(db, batch.feed, 'import', name, now()) };
      }
      const { runId, feed } = run;
      const written = store.writePage(feed, batch.items, runId, (c) => countPage(db, runId, c));
      for (const r of written.rejects)
        log.warn(`${name}: skipped ${feed} record ${r.key ?? '(no key)'}: ${r.reason}`);
      addCounts(counts, written.counts);
      records = batch.records;
      onProgress?.({ file: name, feed, records, bytes: batch.bytes, size: batch.size });
    }
    if (!run) return result('failed', `${name} holds no openFDA records`);
    finishRun(db, run.feed, run.runId, { status: 'succeeded', full: false, sourceLastUpdated: null }, now());
    return result('succeeded');
  } catch (error) {
    // A damaged file stops everything, with nothing more written to it (not even the run's end).
    if (isDamage(error)) {
      run = null;
      throw explainDatabaseError(db.$client.name, error);
    }
    // Every complete record read before the fault has been stored: it is good data.
    const message = (error as Error).message;
    if (run) finishRun(db, run.feed, run.runId, { status: 'failed', error: message }, now());
    return result('failed', message);
  } finally {
    if (run) releaseFeedLock(db, run.feed, run.lock);
    restoreTempStore();
  }
}

/**
 * Keeps SQLite's temporary files in memory while a file is imported, and returns how to put the
 * setting back. The triggers that mark each written recall for matching (migration 0014) make
 * SQLite keep a statement journal for every INSERT: a copy of the pages the row touches that
 * were already changed in the batch's transaction, several 8 KB pages each time. On disk that
 * journal spilled to a temporary file for every record, which cost about a third of a recall
 * import; in memory it is a few pages at a time, freed after each statement. Only for the
 * import: elsewhere large sorts and temporary tables (matching, the MAUDE index) may still spill
 * to disk rather than grow the process.
 */
function tempStoreInMemory(db: Db): () => void {
  const sqlite = db.$client;
  const before = sqlite.pragma('temp_store', { simple: true }) as number;
  if (before === 2) return () => {};
  sqlite.pragma('temp_store = MEMORY');
  return () => {
    // Not inside a transaction (SQLite refuses to change it there), nor on a closed database.
    if (sqlite.open && !sqlite.inTransaction) sqlite.pragma(`temp_store = ${before}`);
  };
}
