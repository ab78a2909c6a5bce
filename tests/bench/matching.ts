/**
 * Bench child for matching, one scenario per process so each peak RSS is its own:
 * - `full dev|synthetic`: a full run over the 31,960 recalls against the dev inventory or the
 *   synthetic 50,000-asset one;
 * - `naive dev|synthetic`: the baseline, fuse.js over every asset for every recall, timed on a
 *   sample of recalls and scaled to the corpus (run whole, it would take hours to days);
 * - `incremental`: 100 new recalls against the 50,000 assets, after a full run.
 * Setting up the database is not timed; peak RSS covers the whole process, set-up included.
 */
import { sql } from 'drizzle-orm';
import Fuse from 'fuse.js';
import { assets, recalls } from '../../src/db/schema';
import { runMatching } from '../../src/matching/run';
import {
  type Bench,
  benchDatabase,
  closeBench,
  importDevInventory,
  importSyntheticInventory,
  reopen,
} from './matching-setup';
import { report } from './measure';

const [scenario, inventory] = process.argv.slice(2);
const bench = await benchDatabase();
const recallCount = bench.db.select({ n: sql<number>`count(*)` }).from(recalls).get()!.n;
const assetCount = inventory === 'dev' ? importDevInventory(bench) : await importSyntheticInventory(bench);
const assetsNote = `${assetCount.toLocaleString('en-US')} assets`;

if (scenario === 'full') {
  const started = performance.now();
  const run = await runMatching(bench.deps, { full: true });
  const { high, medium, low } = run.byConfidence;
  report(recallCount, started, `${assetsNote}; ${high} high, ${medium} medium, ${low} low suggestions`);
} else if (scenario === 'naive') {
  naiveBaseline(bench, inventory === 'dev' ? 100 : 4);
} else if (scenario === 'incremental') {
  await runMatching(bench.deps, { full: true });
  addNewRecalls(bench, 100);
  // Measured as a fresh process would run it, not on the heap the full run left behind.
  const fresh = reopen(bench);
  globalThis.gc?.();
  const started = performance.now();
  const run = await runMatching(fresh.deps);
  report(run.recallsMatched, started, `${run.recallsMatched} new recalls against ${assetsNote}`);
} else {
  throw new Error('usage: matching.ts full|naive|incremental dev|synthetic');
}
closeBench(bench);

/**
 * What a first attempt would do: search every asset's make and model for each recall's firm
 * and description with fuse.js. Timed on a random sample of recalls, scaled to the corpus.
 */
function naiveBaseline(bench: Bench, sampleSize: number) {
  const all = bench.db
    .select({ tag: assets.assetTag, manufacturer: assets.manufacturer, model: assets.model })
    .from(assets)
    .all();
  const sample = bench.db
    .select({ firm: recalls.recallingFirm, description: recalls.productDescription })
    .from(recalls)
    .orderBy(sql`random()`)
    .limit(sampleSize)
    .all();
  const started = performance.now();
  const fuse = new Fuse(all, { keys: ['manufacturer', 'model'], threshold: 0.3, ignoreLocation: true });
  for (const r of sample) fuse.search(`${r.firm ?? ''} ${(r.description ?? '').slice(0, 120)}`);
  const seconds = (performance.now() - started) / 1000;
  const estimate = (seconds / sample.length) * recallCount;
  report(
    recallCount,
    performance.now() - estimate * 1000,
    `${assetsNote}; scaled from ${sample.length} recalls that took ${seconds.toFixed(1)} s`,
  );
}

/** New recalls as a weekly sync brings them: real ones posted again under new numbers. */
function addNewRecalls(bench: Bench, count: number) {
  const later = new Date(Date.now() + 60_000).toISOString();
  bench.db.run(sql`
    INSERT INTO recalls (product_res_number, res_event_number, recall_status, recalling_firm, product_code,
      event_date_posted, device_name, raw, first_seen_at, updated_at)
    SELECT 'N-' || product_res_number, res_event_number, recall_status, recalling_firm, product_code,
      event_date_posted, device_name, raw, ${later}, ${later}
    FROM recalls WHERE product_code IN ('FRN', 'MHX', 'CBK', 'MKJ', 'IYN')
    ORDER BY product_res_number LIMIT ${count}`);
}
