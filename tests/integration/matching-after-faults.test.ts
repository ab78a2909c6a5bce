import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { cleanRun, killedRun, readStored, seeded } from '../support/kill-loop';
import { fixtureData, projectRoot } from '../support/shared';
import { runVigil, startVigil, tempDir, waitFor } from '../support/vigil';

/**
 * Matching follows what is not yet matched, whatever killed the command that changed it: the
 * suggestions after a fault and a second run equal those of a run with no fault.
 */

const matchingFixture = (name: string) => path.join(projectRoot, 'tests/fixtures/matching', name);

function withDb<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const count = (file: string, table: string) =>
  withDb(file, (db) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);

/**
 * Takes matching's lock as a live process would (this one): a command that reaches matching waits
 * there, after what it loaded is stored, which is the moment a kill used to lose the matching.
 */
function holdMatchingLock(file: string) {
  withDb(file, (db) =>
    db
      .prepare(
        `INSERT INTO match_state (id, lock_token, lock_pid, lock_host, lock_heartbeat_at) VALUES ('recalls', 'test', ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET lock_token = 'test', lock_pid = excluded.lock_pid,
           lock_host = excluded.lock_host, lock_heartbeat_at = excluded.lock_heartbeat_at`,
      )
      .run(process.pid, os.hostname(), new Date().toISOString()),
  );
  return () =>
    withDb(file, (db) =>
      db
        .prepare(
          "UPDATE match_state SET lock_token = NULL, lock_pid = NULL, lock_host = NULL WHERE id = 'recalls'",
        )
        .run(),
    );
}

async function killWhileWaitingToMatch(args: string[], env: Record<string, string>) {
  const started = startVigil(args, env);
  let stderr = '';
  started.child.stderr.on('data', (d) => (stderr += d));
  await waitFor(
    () => stderr.includes('waiting for the matching run'),
    30_000,
    `${args.join(' ')} to reach matching`,
  );
  started.child.kill('SIGKILL');
  await started.done;
}

let fake: RunningFakeOpenFda;
beforeAll(async () => {
  fake = await startFakeOpenFda({ dataDir: fixtureData });
});
afterAll(() => fake.close());

describe('matching after faults', () => {
  it('when an inventory import is killed after its assets are stored, then the next import, which changes nothing, matches them', async () => {
    const steps = [
      ['import', matchingFixture('recalls.json')],
      ['inventory', 'import', matchingFixture('inventory.csv')],
    ];
    const clean = readStored((await cleanRun(steps, {}, tempDir())).file);
    expect(clean.suggestions.length).toBeGreaterThan(5);

    const file = path.join(tempDir(), 'vigil.db');
    const env = { VIGIL_DB: file };
    expect((await runVigil(steps[0]!, env)).code).toBe(0);
    const release = holdMatchingLock(file);
    await killWhileWaitingToMatch(steps[1]!, env);
    release();
    expect(count(file, 'assets')).toBe(12);
    expect(count(file, 'recall_matches')).toBe(0);

    const status = await runVigil(['status'], env);
    expect(status.stdout).toContain('Matching: 12 assets and 9 recalls are not matched yet');

    const again = await runVigil(steps[1]!, env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/12 rows read: 0 added, 0 updated, 12 unchanged/);
    expect(again.stdout).toMatch(/^matched every recall \(9\) against every asset \(12\)/m);
    expect(readStored(file)).toEqual(clean);
    expect((await runVigil(['status'], env)).stdout).toContain('Matching: up to date');
  });

  it('when a sync is killed after its last page is stored, then the next sync, which changes nothing, matches the recalls', async () => {
    const env = { OPENFDA_BASE_URL: fake.url };
    const steps = [
      ['inventory', 'import', matchingFixture('inventory.csv')],
      ['sync', '--feed', 'recall'],
      ['import', matchingFixture('recalls.json')],
    ];
    const clean = readStored((await cleanRun(steps, env, tempDir())).file);

    const file = path.join(tempDir(), 'vigil.db');
    const here = { ...env, VIGIL_DB: file };
    expect((await runVigil(steps[0]!, here)).code).toBe(0);
    const release = holdMatchingLock(file);
    await killWhileWaitingToMatch(steps[1]!, here);
    release();
    expect(count(file, 'recalls')).toBe(36);

    const again = await runVigil(steps[1]!, here);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 added, 0 updated/);
    expect(again.stdout).toMatch(/^matched 36 new or changed recalls and 0 new or changed assets/m);
    expect((await runVigil(steps[2]!, here)).code).toBe(0);
    expect(readStored(file)).toEqual(clean);
  });

  it('when a command stopped after matching but before opening cases, then the next one opens them', async () => {
    const steps = [
      ['inventory', 'import', matchingFixture('inventory.csv')],
      ['import', matchingFixture('recalls.json')],
    ];
    const file = (await cleanRun(steps, {}, tempDir())).file;
    const clean = readStored(file);
    expect(clean.cases.length).toBeGreaterThan(3);
    // What a kill between the two leaves: the suggestions stored, nothing left to match, no case.
    withDb(file, (db) => db.prepare('DELETE FROM recall_cases').run());
    const again = await runVigil(steps[1]!, { VIGIL_DB: file });
    expect(again.code).toBe(0);
    expect(readStored(file)).toEqual(clean);
  });

  it("when an inventory import runs during a full match, then neither loses the other's suggestions", async () => {
    const all = ['inventory', 'import', matchingFixture('inventory.csv')];
    const clean = readStored(
      (await cleanRun([['import', matchingFixture('recalls.json')], all], {}, tempDir())).file,
    );

    const file = path.join(tempDir(), 'vigil.db');
    const env = { VIGIL_DB: file };
    // The inventory less its last four devices, matched; then the whole inventory is imported
    // while a full match runs.
    const lines = fs.readFileSync(matchingFixture('inventory.csv'), 'utf8').trim().split('\n');
    const part = path.join(tempDir(), 'part.csv');
    fs.writeFileSync(part, `${lines.slice(0, -4).join('\n')}\n`);
    expect((await runVigil(['import', matchingFixture('recalls.json')], env)).code).toBe(0);
    expect((await runVigil(['inventory', 'import', part], env)).code).toBe(0);

    const release = holdMatchingLock(file);
    const full = startVigil(['match', '--full'], env);
    const inventory = startVigil(all, env);
    // Both are under way, the import's assets stored, before either may match.
    await waitFor(() => count(file, 'assets') === 12, 30_000, 'the import to store its assets');
    release();
    const results = await Promise.all([full.done, inventory.done]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(readStored(file)).toEqual(clean);
  });
});

describe('a kill -9 at any moment', () => {
  it('when syncs, imports and matching are killed at random moments and run again, then what is stored equals a clean run', async () => {
    const env = {
      OPENFDA_BASE_URL: fake.url,
      // Small pages: a sync spends long enough writing for kills to land mid-way.
      OPENFDA_PAGE_SIZE: '8',
      OPENFDA_REQUESTS_PER_MINUTE: '240',
    };
    const steps = [
      ['inventory', 'import', matchingFixture('inventory.csv')],
      ['sync', '--feed', 'recall'],
      ['sync', '--feed', 'enforcement'],
      ['import', matchingFixture('recalls.json')],
      ['match', '--full'],
      ['import', matchingFixture('recalls-later.json')],
    ];
    const reference = await cleanRun(steps, env, tempDir());
    const clean = readStored(reference.file);
    expect(clean.suggestions.length).toBeGreaterThan(5);
    const seed = Number(process.env.VIGIL_KILL_SEED ?? Date.now() % 100_000);
    const random = seeded(seed);
    for (let trial = 0; trial < 2; trial++) {
      const { file, kills } = await killedRun(steps, env, random, reference.stepMs, tempDir());
      expect({ seed, kills, stored: readStored(file) }).toEqual({ seed, kills, stored: clean });
    }
  });
});
