import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/client';
import type { Logger } from '../../log';
import type { FeedName } from '../feeds';
import { acquireFeedLock, countPage, finishRun, releaseFeedLock, startRun } from '../runs';
import { addCounts, createRecordStore, type Incoming, noWrites, type WriteCounts } from '../store';
import { detectFeed, keyInText } from './detect';
import { EnvelopeError, RecordFramer } from './framer';
import { jsonMembers } from './members';

export type ImportProgress = {
  file: string;
  feed: FeedName | null;
  records: number;
  bytes: number;
  size: number;
};

export type ImportResult = {
  file: string;
  feed: FeedName | null;
  status: 'succeeded' | 'failed';
  records: number;
  counts: WriteCounts;
  runId: number | null;
  error?: string;
};

export type ImportDeps = { db: Db; now: () => Date; log: Logger };

/** Records per transaction: big enough to be fast, small enough that a crash loses little work. */
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

/** One record's text, parsed; text that is not JSON is kept with the reason, to be set aside. */
function parseRecord(text: string): Incoming {
  try {
    const record: unknown = JSON.parse(text);
    return { record, raw: JSON.stringify(record) };
  } catch (error) {
    return {
      record: undefined,
      raw: text,
      unreadable: { reason: `not valid JSON: ${(error as Error).message}`, key: keyInText(text) },
    };
  }
}

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
  if (!/\.json(\.zip)?$/i.test(file))
    return result('failed', `${name} is not an openFDA bulk file (*.json or *.json.zip)`);
  const size = fs.statSync(file).size;
  const store = createRecordStore(db, now);
  /** Records read but not yet written; before the feed is known, the first ones wait here. */
  let pending: Incoming[] = [];
  let bytes = 0;

  const write = (current: Run, items: Incoming[]) => {
    const written = store.writePage(current.feed, items, current.runId, (c) =>
      countPage(db, current.runId, c),
    );
    for (const r of written.rejects)
      log.warn(`${name}: skipped ${current.feed} record ${r.key ?? '(no key)'}: ${r.reason}`);
    addCounts(counts, written.counts);
  };

  const flush = () => {
    if (pending.length === 0) return;
    if (!run) {
      const feed = pending.map((i) => detectFeed(i.record)).find((f) => f !== null);
      if (!feed) {
        if (pending.length < batchSize) return; // wait for a record that says what the file holds
        throw new Error(`could not tell which openFDA feed ${name} holds`);
      }
      run = { feed, lock: acquireFeedLock(db, feed, now()), runId: 0 };
      run.runId = startRun(db, feed, 'import', name, now());
    }
    write(run, pending);
    pending = [];
  };

  try {
    for await (const member of jsonMembers(file)) {
      const framer = new RecordFramer();
      try {
        for await (const chunk of member.stream) {
          framer.push(chunk as Buffer, (text) => {
            pending.push(parseRecord(text));
            records++;
          });
          bytes += (chunk as Buffer).length;
          if (pending.length >= batchSize) flush();
          onProgress?.({ file: name, feed: run?.feed ?? null, records, bytes, size });
        }
        framer.end();
      } catch (error) {
        if (error instanceof EnvelopeError) throw new Error(`${member.name}: ${error.message}`);
        throw error;
      }
    }
    flush();
    if (!run) {
      return result(
        'failed',
        records === 0
          ? `${name} holds no openFDA records (expected {"meta": …, "results": [ … ]})`
          : `could not tell which openFDA feed ${name} holds (expected recall, enforcement, event or classification records)`,
      );
    }
    finishRun(db, run.feed, run.runId, { status: 'succeeded', full: false, sourceLastUpdated: null }, now());
    return result('succeeded');
  } catch (error) {
    // Every complete record read before the fault is good data: keep it.
    const message = (error as Error).message;
    try {
      flush();
    } catch {
      // the original error is the one to report
    }
    if (run) finishRun(db, run.feed, run.runId, { status: 'failed', error: message }, now());
    return result('failed', message);
  } finally {
    if (run) releaseFeedLock(db, run.feed, run.lock);
  }
}
