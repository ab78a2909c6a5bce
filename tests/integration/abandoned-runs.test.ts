import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { fixtureData, readEnvelope } from '../support/shared';
import { runVigil, startVigil, tempDir, waitFor } from '../support/vigil';

/** A killed process cannot close its run: the next command to start must. */

function rows(file: string, sql: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

const runsOf = (file: string) => rows(file, 'SELECT mode, status, error FROM sync_runs ORDER BY id');

/** Whether a run has started in the file (which may not exist yet, or not be migrated yet). */
function runStarted(file: string): boolean {
  try {
    return runsOf(file).some((r) => r.status === 'running');
  } catch {
    return false;
  }
}

let fake: RunningFakeOpenFda;
beforeAll(async () => {
  fake = await startFakeOpenFda({ dataDir: fixtureData });
});
afterAll(() => fake.close());

describe('runs a killed process left behind', () => {
  it('when a sync is killed while it waits on openFDA, then the next command says nothing is syncing and the run was interrupted', async () => {
    const file = path.join(tempDir(), 'vigil.db');
    const env = { VIGIL_DB: file, OPENFDA_BASE_URL: fake.url };
    // The first answer never comes in time: the sync is surely mid-run when it is killed.
    fake.faults.inject({ kind: 'slow', delayMs: 60_000, times: 1 });
    const sync = startVigil(['sync', '--feed', 'recall'], env);
    await waitFor(() => runStarted(file), 30_000, 'the sync to start its run');
    sync.child.kill('SIGKILL');
    await sync.done;
    fake.faults.clear();

    const status = await runVigil(['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).not.toContain('syncing now');
    expect(runsOf(file)).toEqual([
      {
        mode: 'full',
        status: 'interrupted',
        error:
          'the process stopped before this run finished; the next sync carries on from its last saved page',
      },
    ]);
    expect(rows(file, "SELECT lock_token FROM sync_state WHERE feed = 'recall'")).toEqual([
      { lock_token: null },
    ]);
  });

  it('when an import is killed part-way, then the next command marks it interrupted and says to import the file again', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'vigil.db');
    const env = { VIGIL_DB: file };
    expect((await runVigil(['status'], env)).code).toBe(0);
    // A pipe the import reads from: a first batch of records goes in, then nothing more comes.
    const pipe = path.join(dir, 'device-recall-0001-of-0001.json');
    execFileSync('mkfifo', [pipe]);
    const importing = startVigil(['import', pipe], env);
    const writer = fs.createWriteStream(pipe);
    // Once the reader is killed, what is still buffered has nowhere to go.
    writer.on('error', () => {});
    const { results } = readEnvelope(path.join(fixtureData, 'device-recall.fixture.json'));
    writer.write('{"meta": {}, "results": [');
    for (let i = 0; i < 1200; i++) {
      const record = { ...results[i % results.length], product_res_number: `Z-${1000 + i}-2030` };
      writer.write(`${i ? ',' : ''}${JSON.stringify(record)}`);
    }
    await waitFor(() => runStarted(file), 30_000, 'the import to start');
    importing.child.kill('SIGKILL');
    await importing.done;
    writer.destroy();

    const status = await runVigil(['status'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).not.toContain('syncing now');
    expect(runsOf(file)).toEqual([
      {
        mode: 'import',
        status: 'interrupted',
        error:
          'the process stopped before this import finished; the batches it completed are stored: import the file again to load the rest',
      },
    ]);
  });

  it('when a run is still going in another process, then a command starting beside it leaves it alone', async () => {
    const file = path.join(tempDir(), 'vigil.db');
    const env = { VIGIL_DB: file, OPENFDA_BASE_URL: fake.url };
    fake.faults.inject({ kind: 'slow', delayMs: 3_000, times: 1 });
    const sync = startVigil(['sync', '--feed', 'recall'], env);
    await waitFor(() => runStarted(file), 30_000, 'the sync to start its run');
    const status = await runVigil(['status'], env);
    expect(status.stdout).toContain('syncing now');
    expect(runsOf(file).map((r) => r.status)).toEqual(['running']);
    const done = await sync.done;
    expect(done.code).toBe(0);
    expect(runsOf(file).map((r) => r.status)).toEqual(['succeeded']);
  });
});
