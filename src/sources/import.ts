import fs from 'node:fs';
import type { Db } from '../db/client';
import { countPage, finishRun, startRun } from '../openfda/runs';
import type { WriteCounts } from '../openfda/store';
import { readHealthCanadaFile } from './health-canada';
import { storeNotices } from './store';
import { recentOnly } from './sync';

/** Whether a file is Health Canada's open-data file: a JSON array of rows keyed by NID. */
export function isHealthCanadaFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    const text = head
      .subarray(0, read)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return /^\s*\[/.test(text) && /"NID"\s*:/.test(text) && /"Organization"\s*:/.test(text);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Loads Health Canada's open-data file from disk, for sites that cannot reach it: the same
 * device notices a sync stores, from the same recent days. Their pages (firm, models, lots) are
 * read by the next sync that can reach Health Canada; until then they match on the product named.
 */
export function importHealthCanadaFile(
  deps: { db: Db; now: () => Date; days: number },
  file: string,
): { records: number; counts: WriteCounts } {
  const { db, now } = deps;
  const runId = startRun(db, 'health-canada', 'import', file, now());
  try {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new Error(`${file} is not JSON (${(error as Error).message}); download the file again`);
    }
    const since = new Date(now().getTime() - deps.days * 86_400_000).toISOString().slice(0, 10);
    const read = recentOnly(readHealthCanadaFile(json), since);
    const counts = storeNotices(
      db,
      read.notices,
      read.rejects,
      { id: runId, source: 'health-canada', count: (c) => countPage(db, runId, c) },
      now(),
    );
    finishRun(
      db,
      'health-canada',
      runId,
      { status: 'succeeded', full: false, sourceLastUpdated: null },
      now(),
    );
    return { records: read.notices.length, counts };
  } catch (error) {
    finishRun(db, 'health-canada', runId, { status: 'failed', error: (error as Error).message }, now());
    throw error;
  }
}
