/**
 * Bench child for matching: `dev` (full run, dev inventory), `synthetic` (full run, 50,000
 * assets), `incremental` (100 new recalls against 50,000 assets), `naive` (fuse.js over every
 * asset for every recall: timed on a sample of recalls and extrapolated to the corpus).
 * Setting up the database is not timed; peak RSS covers the whole process.
 */
import { sql } from 'drizzle-orm';
import Fuse from 'fuse.js';
import { assets, recalls } from '../../src/db/schema';
import { runMatching } from '../../src/matching/run';
import { benchDatabase, closeBench, importDevInventory, importSyntheticInventory } from './matching-setup';
import { report } from './measure';

const scenario = process.argv[2];
const bench = await benchDatabase();
const recallCount = bench.db.select({ n: sql<number>`count(*)` }).from(recalls).get()!.n;

if (scenario === 'dev') {
  importDevInventory(bench);
  const started = performance.now();
  const run = await runMatching(bench.deps, { full: true });
  report(recallCount, started, `${run.pairs} suggestions`);
} else if (scenario === 'synthetic') {
  const added = await importSyntheticInventory(bench);
  const started = performance.now();
  const run = await runMatching(bench.deps, { full: true });
  report(recallCount, started, `${added.toLocaleString("en-US")} assets, ${run.pairs.toLocaleString("en-US")} suggestions ${JSON.stringify(run.byConfidence)}`);
} else if (scenario === 'incremental') {
  const added = await importSyntheticInventory(bench);
  await runMatching(bench.deps, { full: true });
  // 100 new recalls: real ones posted again under new numbers, as a weekly sync brings.
  const later = new Date(Date.now() + 60_000).toISOString();
  bench.db.run(sql`
    INSERT INTO recalls (product_res_number, res_event_number, recall_status, recalling_firm, product_code,
      event_date_posted, device_name, raw, first_seen_at, updated_at)
    SELECT 'N-' || product_res_number, res_event_number, recall_status, recalling_firm, product_code,
      event_date_posted, device_name, raw, ${later}, ${later}
    FROM recalls WHERE product_code IN ('FRN', 'MHX', 'CBK', 'MKJ', 'IYN') ORDER BY product_res_number LIMIT 100`);
  const started = performance.now();
  const run = await runMatching(bench.deps);
  report(run.recallsMatched, started, `${run.recallsMatched} new recalls against ${added.toLocaleString('en-US')} assets`);
} else if (scenario === 'naive') {
  await importSyntheticInventory(bench);
  const all = bench.db.select({ tag: assets.assetTag, manufacturer: assets.manufacturer, model: assets.model }).from(assets).all();
  const sample = bench.db
    .select({ description: recalls.productDescription })
    .from(recalls)
    .orderBy(sql`random()`)
    .limit(20)
    .all();
  const started = performance.now();
  const fuse = new Fuse(all, { keys: ['manufacturer', 'model'], threshold: 0.3, ignoreLocation: true });
  for (const r of sample) fuse.search((r.description ?? '').slice(0, 200));
  const seconds = (performance.now() - started) / 1000;
  // Extrapolated: per-recall time on the sample, times the corpus.
  const estimate = (seconds / sample.length) * recallCount;
  report(recallCount, performance.now() - estimate * 1000, `estimated from ${sample.length} recalls (${seconds.toFixed(1)} s)`);
} else {
  throw new Error('usage: matching.ts dev|synthetic|incremental|naive');
}
closeBench(bench);
