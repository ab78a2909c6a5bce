import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { searchEvents } from '../../src/events/queries';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { fixtureData, readEnvelope } from '../support/shared';
import { runVigil, startVigil, tempDir } from '../support/vigil';

/**
 * Two writers on one database, as real separate processes: SQLite lets one write at a time, and
 * the other must wait its turn (the busy timeout), never fail.
 */

const fixtureCount = (feed: string) =>
  readEnvelope(path.join(fixtureData, `device-${feed}.fixture.json`)).results.length;

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

let fake: RunningFakeOpenFda;
beforeAll(async () => {
  fake = await startFakeOpenFda({ dataDir: fixtureData });
});
afterAll(() => fake.close());

/** A migrated database and the settings for syncing it a record a page: many small transactions. */
async function freshDatabase() {
  const file = path.join(tempDir(), 'vigil.db');
  const env = {
    VIGIL_DB: file,
    OPENFDA_BASE_URL: fake.url,
    OPENFDA_PAGE_SIZE: '1',
    OPENFDA_REQUESTS_PER_MINUTE: '240',
    VIGIL_MAUDE_SCOPE: 'all',
    VIGIL_MAUDE_YEARS: '30',
  };
  expect((await runVigil(['status'], env)).code).toBe(0);
  return { file, env };
}

describe('two writers at once', () => {
  it('when two commands start together on a new database, then both migrate it without an error', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const env = { VIGIL_DB: path.join(tempDir(), 'vigil.db') };
      const both = await Promise.all([runVigil(['status'], env), runVigil(['status'], env)]);
      expect(both.map((r) => r.stderr)).toEqual(['', '']);
      expect(both.map((r) => r.code)).toEqual([0, 0]);
    }
  });

  it('when another process is writing a new file as Vigil opens it, then Vigil waits for it instead of failing', async () => {
    // The moment two processes meet on a new file, made certain: one is part-way through a write
    // as the other turns on WAL, which needs the file to itself; SQLite does not wait for that.
    const file = path.join(tempDir(), 'vigil.db');
    const writer = new Database(file);
    writer.exec('CREATE TABLE held (x)');
    writer.exec('BEGIN');
    writer.prepare('SELECT * FROM held').all();
    writer.exec('INSERT INTO held VALUES (1)');
    const started = runVigil(['status'], { VIGIL_DB: file });
    await new Promise((resolve) => setTimeout(resolve, 700));
    writer.exec('COMMIT');
    writer.close();
    const result = await started;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('when two syncs of different feeds run at once, then both finish and every record is stored once', async () => {
    const { file, env } = await freshDatabase();
    const [recall, event] = await Promise.all([
      runVigil(['sync', '--feed', 'recall', '--full'], env),
      runVigil(['sync', '--feed', 'event', '--full'], env),
    ]);
    expect(recall.stderr).toBe('');
    expect(event.stderr).toBe('');
    expect([recall.code, event.code]).toEqual([0, 0]);
    expect(count(file, 'recalls')).toBe(fixtureCount('recall'));
    expect(count(file, 'maude_reports')).toBe(fixtureCount('event'));
  });

  it('when MAUDE is searched while a sync writes new reports, then neither fails and the search index ends complete', async () => {
    const { file, env } = await freshDatabase();
    const sync = startVigil(['sync', '--feed', 'event', '--full'], env);
    let finished = false;
    void sync.done.then(() => (finished = true));
    const db = openDatabase(file);
    let searches = 0;
    try {
      // Each search first indexes the reports stored since the last one: a write of its own.
      while (!finished) {
        searchEvents(db, () => [], { text: 'pump' }, { page: 1, pageSize: 10 });
        searches++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const result = await sync.done;
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(searches).toBeGreaterThan(5);
      const all = searchEvents(db, () => [], {}, { page: 1, pageSize: 10 });
      expect(all.total).toBe(fixtureCount('event'));
    } finally {
      closeDatabase(db);
    }
  });
});
