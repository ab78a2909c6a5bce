import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { maudeReports, recalls } from '../../src/db/schema';
import { importFiles } from '../../src/openfda/bulk/import';
import { syncFeeds } from '../../src/openfda/sync';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { describeWithRealData, openFdaData } from '../support/shared';
import { captureLog, openTestDb, startVigil, syncDeps, tempDir, testClient, waitFor } from '../support/vigil';

// The converted bulk files in ../shared: 31,960 cfRES recalls and 37,105 MAUDE reports.
const RECALLS = 31_960;
const REPORTS = 37_105;

describeWithRealData('the real FDA corpus', () => {
  let fake: RunningFakeOpenFda;
  beforeAll(async () => {
    fake = await startFakeOpenFda({ dataDir: openFdaData });
  }, 120_000);
  afterAll(async () => {
    await fake?.close();
  });

  it('when syncing everything from openFDA, then all recalls and reports are stored, and a second sync adds nothing', async () => {
    const { db, close } = openTestDb();
    const client = testClient(fake.url);
    try {
      const first = await syncFeeds(syncDeps(db, client), ['recall', 'event']);
      expect(first.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      const counted = () => ({
        recalls: db.select({ n: sql<number>`count(DISTINCT product_res_number)` }).from(recalls).get()!.n,
        reports: db.select({ n: sql<number>`count(DISTINCT report_key)` }).from(maudeReports).get()!.n,
      });
      expect(counted()).toEqual({ recalls: RECALLS, reports: REPORTS });
      expect(first[0]!.counts.added).toBe(RECALLS);
      expect(first[1]!.counts.added).toBe(REPORTS);

      const second = await syncFeeds(syncDeps(db, client), ['recall', 'event']);
      expect(second.map((r) => [r.counts.added, r.counts.updated])).toEqual([
        [0, 0],
        [0, 0],
      ]);
      expect(counted()).toEqual({ recalls: RECALLS, reports: REPORTS });
    } finally {
      await client.close();
      close();
    }
  }, 300_000);

  it('when importing both bulk files twice, then the counts are exact and the second import changes nothing', async () => {
    const { db, close } = openTestDb();
    try {
      const deps = { db, now: () => new Date(), log: captureLog().log };
      const files = ['device-recall.cfres.json.zip', 'device-event.maude-extracts.json.zip'].map((f) =>
        path.join(openFdaData, f),
      );
      const first = await importFiles(deps, files);
      expect(first.map((r) => [r.feed, r.counts.added])).toEqual([
        ['recall', RECALLS],
        ['event', REPORTS],
      ]);
      const second = await importFiles(deps, files);
      expect(second.map((r) => r.counts)).toEqual([
        { added: 0, updated: 0, unchanged: RECALLS, skipped: 0 },
        { added: 0, updated: 0, unchanged: REPORTS, skipped: 0 },
      ]);
    } finally {
      close();
    }
  }, 300_000);

  it('when a full recall sync is killed part-way and run again, then exactly 31,960 recalls are stored', async () => {
    const file = path.join(tempDir(), 'vigil.db');
    const env = { VIGIL_DB: file, OPENFDA_BASE_URL: fake.url };
    const pages = () => {
      try {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        const row = db.prepare('SELECT max(pages) AS p FROM sync_runs').get() as { p: number | null };
        db.close();
        return row.p ?? 0;
      } catch {
        return 0;
      }
    };
    const { child, done } = startVigil(['sync', '--feed', 'recall'], env);
    await waitFor(() => pages() >= 10, 120_000, 'ten committed pages');
    child.kill('SIGKILL');
    await done;
    const again = await startVigil(['sync', '--feed', 'recall'], env).done;
    expect(again.code).toBe(0);
    const db = new Database(file, { readonly: true });
    expect(
      db.prepare('SELECT count(*) AS n, count(DISTINCT product_res_number) AS d FROM recalls').get(),
    ).toEqual({
      n: RECALLS,
      d: RECALLS,
    });
    expect(db.prepare('SELECT status FROM sync_runs ORDER BY id').all()).toEqual([
      { status: 'interrupted' },
      { status: 'succeeded' },
    ]);
    db.close();
  }, 300_000);
});
