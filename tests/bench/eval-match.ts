/**
 * `npm run eval:match`: loads the 31,960-recall corpus and the hand-labelled dev inventory into a
 * fresh database, matches, and scores the suggestions at medium confidence and above against
 * the labels (../shared/data/matching/dev/README.md explains the scoring). Prints precision and
 * recall, per asset too, the false-alarm rate on assets with no recall, and lists the misses and
 * false alarms so they can be read. `--all` lists every one; `--json` prints the figures only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { assets, recallMatches, recalls } from '../../src/db/schema';
import { importInventory } from '../../src/inventory/import';
import { quietLogger } from '../../src/log';
import { runMatching } from '../../src/matching/run';
import { importFiles } from '../../src/openfda/bulk/import';
import { hasSharedData, openFdaData, sharedData } from '../support/shared';

const dev = path.join(sharedData, 'matching/dev');
if (!hasSharedData || !fs.existsSync(path.join(dev, 'labels.csv'))) {
  console.log(
    'skipped: the evaluation reads ../shared/data/matching/dev and the recall corpus, which are not beside this clone',
  );
  process.exit(0);
}
const showAll = process.argv.includes('--all');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-eval-'));
const db = openDatabase(path.join(dir, 'vigil.db'));
const deps = { db, now: () => new Date(), log: quietLogger() };
await importFiles(deps, [path.join(openFdaData, 'device-recall.cfres.json.zip')]);
const inventory = importInventory(deps, { file: path.join(dev, 'inventory.csv') });
if (!inventory.written)
  throw new Error(`the dev inventory did not import: ${JSON.stringify(inventory.errors.slice(0, 3))}`);
const assetsByTag = new Map(
  db
    .select()
    .from(assets)
    .all()
    .map((a) => [a.assetTag, a]),
);
const run = await runMatching(deps, { full: true });

type Label = { asset_tag: string; product_res_number: string; label: 'match' | 'maybe'; note: string };
const labels = parse(fs.readFileSync(path.join(dev, 'labels.csv')), { columns: true }) as Label[];
const labelOf = new Map(labels.map((l) => [`${l.asset_tag}|${l.product_res_number}`, l]));
const all = db.select().from(recallMatches).all();
const predicted = all.filter((m) => m.confidence !== 'low');
const key = (m: { assetTag: string; productResNumber: string }) => `${m.assetTag}|${m.productResNumber}`;
const truePairs = predicted.filter((m) => labelOf.get(key(m))?.label === 'match');
const judged = predicted.filter((m) => labelOf.get(key(m))?.label !== 'maybe');
const matchPairs = labels.filter((l) => l.label === 'match');
const predictedKeys = new Set(predicted.map(key));
const misses = matchPairs.filter((l) => !predictedKeys.has(`${l.asset_tag}|${l.product_res_number}`));
const falseAlarms = judged.filter((m) => !labelOf.has(key(m)));

const assetsWithMatch = new Set(matchPairs.map((l) => l.asset_tag));
const assetsPredicted = new Set(predicted.map((m) => m.assetTag));
const noRecallAssets = inventory.addedTags.filter((t) => !labels.some((l) => l.asset_tag === t));
const falseOnNoRecall = noRecallAssets.filter((t) => assetsPredicted.has(t));

const precision = truePairs.length / Math.max(1, judged.length);
const recall = truePairs.length / matchPairs.length;
const figures = {
  precision: Number(precision.toFixed(3)),
  recall: Number(recall.toFixed(3)),
  truePairs: truePairs.length,
  judgedPredictions: judged.length,
  matchLabels: matchPairs.length,
  assetRecall: Number(
    ([...assetsWithMatch].filter((t) => assetsPredicted.has(t)).length / assetsWithMatch.size).toFixed(3),
  ),
  falseAlarmAssetsAmongNoRecall: `${falseOnNoRecall.length} of ${noRecallAssets.length}`,
  suggestions: run.byConfidence,
  matchingSeconds: run.seconds,
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(figures));
} else {
  const recallsByNumber = new Map(
    db
      .select()
      .from(recalls)
      .all()
      .map((r) => [r.productResNumber, r]),
  );
  const describe = (number: string) => {
    const r = recallsByNumber.get(number);
    return r ? `${r.recallingFirm} | ${r.productCode} | ${(r.productDescription ?? '').slice(0, 140)}` : '?';
  };
  const assetText = (tag: string) => {
    const a = assetsByTag.get(tag);
    return a ? `${a.manufacturer} | ${a.model} | ${a.catalogNumber ?? ''} | ${a.productCode ?? ''}` : tag;
  };
  console.log(`\nMisses (${misses.length}):`);
  for (const m of misses.slice(0, showAll ? undefined : 40)) {
    const low = all.find((x) => x.assetTag === m.asset_tag && x.productResNumber === m.product_res_number);
    console.log(
      `  ${m.asset_tag} ${m.product_res_number}  [${assetText(m.asset_tag)}]\n     ${describe(m.product_res_number)}${low ? `\n     (low ${low.score}: ${low.reasons.join('; ')})` : ''}`,
    );
  }
  console.log(`\nFalse alarms (${falseAlarms.length}):`);
  for (const m of falseAlarms.slice(0, showAll ? undefined : 40)) {
    console.log(
      `  ${m.assetTag} ${m.productResNumber} ${m.confidence} ${m.score}  [${assetText(m.assetTag)}]\n     ${describe(m.productResNumber)}\n     ${m.reasons.join('; ')}`,
    );
  }
  console.log('\nDev set, medium confidence and above:');
  console.log(
    `  precision ${figures.precision} (${truePairs.length} / ${judged.length}), recall ${figures.recall} (${truePairs.length} / ${matchPairs.length}); targets 0.90 / 0.95`,
  );
  console.log(
    `  assets with a recall found: ${figures.assetRecall}; false alarms on assets with no recall: ${figures.falseAlarmAssetsAmongNoRecall}`,
  );
  console.log(
    `  suggestions: ${JSON.stringify(run.byConfidence)}; full matching took ${run.seconds.toFixed(2)} s`,
  );
}
closeDatabase(db);
fs.rmSync(dir, { recursive: true, force: true });
