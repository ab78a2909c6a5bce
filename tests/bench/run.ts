/**
 * `npm run bench [-- name-filter]`: each benchmark runs in its own process so its peak RSS is its
 * own; figures are printed as a table beside their targets. Needs the real corpus in ../shared.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasSharedData, openFdaData, projectRoot } from '../support/shared';
import type { Measurement } from './measure';

type Bench = {
  name: string;
  script: string;
  args: () => string[];
  /** The issue's targets; memory only where it sets one. */
  target?: { seconds: number; peakRssMb?: number } | { p95Ms: number };
  before?: () => void;
  nodeOptions?: string[];
};

const recallZip = path.join(openFdaData, 'device-recall.cfres.json.zip');
const eventZip = path.join(openFdaData, 'device-event.maude-extracts.json.zip');
const scaleFile = path.join(os.tmpdir(), 'vigil-bench-maude-1m.json');
const scaleReports = 1_000_000;

function child(script: string, args: string[], nodeOptions: string[] = []): string {
  const run = spawnSync(process.execPath, [...nodeOptions, '--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${script} failed (exit ${run.status})`);
  return run.stdout.trim().split('\n').at(-1)!;
}

function writeScaleFile() {
  if (!fs.existsSync(scaleFile)) {
    process.stdout.write(`  (writing the synthetic file ${scaleFile} …)\n`);
    child('tests/bench/maude-scale-file.ts', [eventZip, scaleFile, String(scaleReports)]);
  }
}

const benches: Bench[] = [
  {
    name: 'bulk import: 31,960 recalls (zip)',
    script: 'tests/bench/import.ts',
    args: () => [recallZip],
    target: { seconds: 3, peakRssMb: 200 },
  },
  {
    name: 'bulk import: 37,105 MAUDE reports (zip)',
    script: 'tests/bench/import.ts',
    args: () => [eventZip],
  },
  { name: 'full sync from the fake: recalls + MAUDE', script: 'tests/bench/sync.ts', args: () => [] },
  {
    name: 'whole processes',
    script: 'tests/bench/whole-process.ts',
    args: () => [recallZip, '5'],
  },
  {
    name: `bulk import: ${scaleReports.toLocaleString('en-US')} MAUDE reports (synthetic)`,
    script: 'tests/bench/import.ts',
    args: () => [scaleFile],
    target: { seconds: 120, peakRssMb: 400 },
    before: writeScaleFile,
  },
  {
    name: `MAUDE search: ${scaleReports.toLocaleString('en-US')} reports`,
    script: 'tests/bench/event-search.ts',
    args: () => [scaleFile],
    target: { p95Ms: 100 },
    before: writeScaleFile,
  },
  {
    name: 'matching: 31,960 recalls x dev inventory',
    script: 'tests/bench/matching.ts',
    args: () => ['full', 'dev'],
  },
  {
    name: 'matching, naive fuse.js baseline: dev inventory',
    script: 'tests/bench/matching.ts',
    args: () => ['naive', 'dev'],
  },
  {
    name: 'matching: 31,960 recalls x 50,000 assets',
    script: 'tests/bench/matching.ts',
    args: () => ['full', 'synthetic'],
    target: { seconds: 30 },
  },
  {
    name: 'matching, naive fuse.js baseline: 50,000 assets',
    script: 'tests/bench/matching.ts',
    args: () => ['naive', 'synthetic'],
  },
  {
    name: 'matching: 100 new recalls x 50,000 assets',
    script: 'tests/bench/matching.ts',
    args: () => ['incremental', 'synthetic'],
    target: { seconds: 1 },
    nodeOptions: ['--expose-gc'],
  },
  {
    name: 'pages under load',
    script: 'tests/bench/web-load.ts',
    args: () => [],
    target: { p95Ms: 50 },
  },
];

if (!hasSharedData) {
  console.log(
    'skipped: the benchmarks read the real FDA corpus in ../shared/data/openfda, which is not beside this clone',
  );
  process.exit(0);
}
/**
 * A fixed CPU loop, timed before and after: this kind of virtual machine runs at different speeds
 * from one minute to the next, and the figures only mean something beside it.
 */
function cpuReference(): number {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 300_000_000; i++) sum += i % 7;
  if (sum < 0) console.log(sum);
  return Math.round(performance.now() - started);
}

function judge(m: Measurement, target: NonNullable<Bench['target']>): string {
  if ('p95Ms' in target) {
    // A latency target speaks of the timed parts only (not, say, building what they query).
    if (!m.latencyMs) return '';
    const met = (m.latencyMs?.p95 ?? Number.POSITIVE_INFINITY) < target.p95Ms && m.failed === 0;
    return `${met ? 'meets' : 'MISSES'} p95 < ${target.p95Ms} ms, no errors`;
  }
  const limits = `< ${target.seconds} s${target.peakRssMb ? `, < ${target.peakRssMb} MB` : ''}`;
  const met = m.seconds <= target.seconds && (!target.peakRssMb || m.peakRssMb <= target.peakRssMb);
  return `${met ? 'meets' : 'MISSES'} ${limits}`;
}

const filter = process.argv[2]?.toLowerCase();
const rows: string[] = [];
console.log(`Vigil benchmarks on ${os.cpus().length} cores, Node ${process.version}`);
console.log(`CPU reference (a fixed loop; lower is faster): ${cpuReference()} ms`);
for (const bench of benches.filter((b) => !filter || b.name.toLowerCase().includes(filter))) {
  bench.before?.();
  const out = JSON.parse(child(bench.script, bench.args(), bench.nodeOptions)) as Measurement | Measurement[];
  for (const m of Array.isArray(out) ? out : [out]) {
    const name = m.name ? `${bench.name}: ${m.name}` : bench.name;
    const rate = Math.round(m.records / m.seconds).toLocaleString('en-US');
    const verdict = bench.target ? judge(m, bench.target) : '';
    const latency = m.latencyMs
      ? ` p50 ${m.latencyMs.p50} ms, p90 ${m.latencyMs.p90} ms, p95 ${m.latencyMs.p95} ms, p99 ${m.latencyMs.p99} ms, ${m.failed} failed;`
      : '';
    const row = `${name.padEnd(48)} ${m.seconds.toFixed(2).padStart(7)} s ${rate.padStart(9)} ${m.latencyMs ? 'req/s' : 'rec/s'} ${m.peakRssMb.toFixed(0).padStart(5)} MB peak RSS  ${verdict} (${latency}${m.note ? ` ${m.note}` : ''})`;
    console.log(row);
    rows.push(row);
  }
}
console.log(`CPU reference afterwards: ${cpuReference()} ms`);
