/**
 * Bench child: a full sync of recalls and MAUDE from the fake openFDA server (run as its own
 * process, so its memory is not counted here), into a fresh database.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { quietLogger } from '../../src/log';
import { createOpenFdaClient } from '../../src/openfda/client';
import { syncFeeds } from '../../src/openfda/sync';
import { report } from './measure';

const fake = spawn(
  process.execPath,
  ['--import', 'tsx', 'tests/support/fake-openfda/main.ts', '--port', '0'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  fake.stdout.on('data', (d) => {
    out += d;
    const m = /listening on (http:\/\/\S+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  fake.on('exit', (code) => reject(new Error(`the fake openFDA server exited (${code})`)));
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
const db = openDatabase(path.join(dir, 'vigil.db'));
const client = createOpenFdaClient({
  baseUrl: url,
  timeoutMs: 60_000,
  maxRetries: 3,
  requestsPerMinute: 240,
});
const started = performance.now();
const results = await syncFeeds(
  {
    db,
    client,
    now: () => new Date(),
    log: quietLogger(),
    settings: {
      pageSize: 1000,
      repullDays: 90,
      fullReconcileDays: 7,
      maude: { scope: 'all', years: 40, productCodes: [], manufacturers: [] },
    },
  },
  ['recall', 'event'],
);
const failed = results.find((r) => r.status !== 'succeeded');
if (failed) throw new Error(`sync failed: ${failed.error}`);
report(
  results.reduce((n, r) => n + r.counts.added, 0),
  started,
  `${results.reduce((n, r) => n + r.pages, 0)} pages`,
);
await client.close();
closeDatabase(db);
fake.kill();
fs.rmSync(dir, { recursive: true, force: true });
