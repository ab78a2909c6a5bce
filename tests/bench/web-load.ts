/**
 * Bench child for the pages under load: the full recall corpus and the synthetic 50,000-asset
 * inventory, matched (which opens the recall cases), served by the real `vigil serve` in its own
 * process, and autocannon with 50 connections against the inbox, a recall page and an inventory
 * search, one after the other, each after a 2-second warm-up. Prints one measurement per page, with percentiles of the time of
 * every response.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { addUser } from '../../src/auth/users';
import { closeDatabase } from '../../src/db/client';
import { matchAndOpenCases } from '../../src/pipeline';
import { projectRoot } from '../support/shared';
import { benchDatabase, importSyntheticInventory } from './matching-setup';
import type { Measurement } from './measure';

const connections = 50;
const seconds = Number(process.env.VIGIL_LOAD_SECONDS ?? 10);
// By the password rule: at least 12 characters, not containing the name, not a common one.
const password = 'a long load-test passphrase';

const bench = await benchDatabase();
const assets = await importSyntheticInventory(bench);
await matchAndOpenCases(bench.deps, { full: true });
await addUser(bench.db, { name: 'bench', password, role: 'technician' }, null, new Date());
// A recall page as a technician meets it: a case whose matched assets number near the median.
const recall = bench.db.get<{ id: string; n: number }>(sql`
  SELECT product_res_number AS id, count(*) AS n FROM recall_matches
  WHERE confidence IN ('high', 'medium') AND product_res_number IN (SELECT product_res_number FROM recall_cases)
  GROUP BY product_res_number ORDER BY n LIMIT 1
  OFFSET (SELECT count(*) / 2 FROM recall_cases)`)!;
const cases = bench.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM recall_cases`)!.n;
closeDatabase(bench.db);

const port = await new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});
const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
  cwd: projectRoot,
  env: {
    ...process.env,
    VIGIL_DB: path.join(bench.dir, 'vigil.db'),
    PORT: String(port),
    VIGIL_SYNC_SCHEDULE: 'off',
    VIGIL_SYNC_ON_START: 'false',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    if (i > 300) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Sign in through the form, as a person would.
const login = await fetch(`${base}/login`);
const formCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
const csrf = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1]!;
const signedIn = await fetch(`${base}/login`, {
  method: 'POST',
  redirect: 'manual',
  headers: { cookie: formCookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: csrf, name: 'bench', password, next: '/' }),
});
const cookie = signedIn.headers
  .getSetCookie()
  .find((c) => c.startsWith('vigil_session='))!
  .split(';')[0]!;

const targets = [
  { name: 'inbox', path: '/', note: `${cases.toLocaleString('en-US')} matched recalls` },
  { name: 'recall page', path: `/recalls/${recall.id}`, note: `${recall.id}, ${recall.n} matched assets` },
  { name: 'inventory search', path: '/inventory?q=alaris', note: `${assets.toLocaleString('en-US')} assets` },
];
const results: Measurement[] = [];
for (const target of targets) {
  // Two seconds first, not measured: the first views render the page and warm SQLite's cache.
  await autocannon({ url: `${base}${target.path}`, connections, duration: 2, headers: { cookie } });
  // autocannon summarises latency without a 95th percentile: every response's time is kept.
  const times: number[] = [];
  const run = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${base}${target.path}`, connections, duration: seconds, headers: { cookie } },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  const failed = run.errors + run.timeouts + run.non2xx;
  results.push({
    name: target.name,
    records: run.requests.total,
    seconds: run.duration,
    peakRssMb: 0,
    latencyMs: { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99) },
    failed,
    note: `${connections} connections; ${target.note}`,
  });
}
// The server's own peak RSS, read before it stops.
const status = await import('node:fs').then((fs) => fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'));
const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
for (const r of results) r.peakRssMb = peak;
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
console.log(JSON.stringify(results));
