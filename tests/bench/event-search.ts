/**
 * Bench child: MAUDE search at scale. Imports the synthetic file of a million reports (the real
 * ones repeated under new keys), builds the narrative index, then times manufacturer + narrative
 * searches (what the search page asks: results, facets and trends) and trends queries, each over
 * every pairing of eight makers and eight words. Prints one measurement per part; the index's size
 * on disk is in the note.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { createManufacturerNames } from '../../src/events/manufacturers';
import { heldMonths, searchEvents } from '../../src/events/queries';
import { refreshEventSearch } from '../../src/events/search-index';
import { eventTrends, trendsOf } from '../../src/events/trends';
import { quietLogger } from '../../src/log';
import { importFiles } from '../../src/openfda/bulk/import';
import type { Measurement } from './measure';

const [file] = process.argv.slice(2) as [string];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
const db = openDatabase(path.join(dir, 'vigil.db'));
// The page cache `vigil serve` runs with (see src/main.ts); the import is timed elsewhere.
db.$client.pragma('cache_size = -65536');
const out: Measurement[] = [];
const rss = () => process.resourceUsage().maxRSS / 1024;

try {
  const imported = await importFiles({ db, now: () => new Date(), log: quietLogger() }, [file]);
  const records = imported.reduce((n, r) => n + r.records, 0);
  const started = performance.now();
  refreshEventSearch(db);
  const indexSeconds = (performance.now() - started) / 1000;
  const pages = db.$client
    .prepare(`SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'maude_search%' GROUP BY name`)
    .all() as { name: string; bytes: number }[];
  const indexMb = pages.reduce((n, p) => n + p.bytes, 0) / 1048576;
  const dbMb = fs.statSync(path.join(dir, 'vigil.db')).size / 1048576;
  out.push({
    name: 'narrative index build',
    records,
    seconds: indexSeconds,
    peakRssMb: rss(),
    note: `index ${indexMb.toFixed(0)} MB on disk, database ${dbMb.toFixed(0)} MB`,
  });

  const names = createManufacturerNames(db);
  names(); // the name list is read once per change of the database; not part of each search
  const makers = [
    'Respironics',
    'Intuitive Surgical',
    'Dexcom',
    'Tandem Diabetes Care',
    'Medtronic',
    'Baxter',
    'Abbott',
    'Nobel Biocare',
  ];
  const words = ['alarm', 'foam', 'battery', 'error', 'leak', 'pain', 'infection', 'display'];
  const timed = (name: string, run: (i: number) => void, n: number) => {
    run(0); // warm
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      run(i);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
    out.push({
      name,
      records: n,
      seconds: (performance.now() - t0) / 1000,
      peakRssMb: rss(),
      latencyMs: { p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99) },
      failed: 0,
    });
  };
  // Every maker with every word: most pairs find little, a few find tens of thousands (Respironics
  // and foam: 54,000 reports), and the 95th percentile falls among those.
  const pairs = makers.flatMap((manufacturer) => words.map((text) => ({ manufacturer, text })));
  timed(
    'manufacturer + narrative: results, facets and trends',
    (i) => {
      const found = searchEvents(db, names, pairs[i % pairs.length]!, { page: 1, pageSize: 50 });
      trendsOf(found.counts, { grain: 'auto', today: '2026-01-01', held: heldMonths(db) });
    },
    pairs.length * 2,
  );
  const trendAsks = [...makers.map((manufacturer) => ({ manufacturer })), ...pairs];
  timed(
    'trends: manufacturer alone, and with narrative words',
    (i) => eventTrends(db, names, trendAsks[i % trendAsks.length]!, 'auto'),
    trendAsks.length * 2,
  );
  timed(
    'narrative search alone: results, facets and trends',
    (i) => {
      const found = searchEvents(db, names, { text: words[i % words.length] }, { page: 1, pageSize: 50 });
      trendsOf(found.counts, { grain: 'auto', today: '2026-01-01', held: heldMonths(db) });
    },
    words.length * 4,
  );
  console.log(JSON.stringify(out));
} finally {
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
}
