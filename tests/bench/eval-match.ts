/**
 * `npm run eval:match`: loads the 31,960-recall corpus, the hand-labelled dev inventory and its
 * messy rewrite into a fresh database, matches, and scores the suggestions at medium confidence
 * and above against the labels (the READMEs in ../shared/data/matching explain the scoring).
 * Prints dev, its tune and held-out halves and messy-dev side by side, messy-dev per class of
 * rewrite, and lists every miss and false alarm.
 *
 * `--side tune` (or `held-out`) lists only that half's misses and false alarms (the figures are
 * always all printed): improve the engine by reading the tune half alone. `--set dev` or
 * `--set messy` lists only one set's. `--json` prints the figures only. `--keep-db <file>` keeps
 * the matched database (for tests/bench/explain-match.ts).
 */
import fs from 'node:fs';
import { assets, recalls } from '../../src/db/schema';
import { evaluateMatchingSets, hasDevSet } from '../support/dev-set';
import type { SetScore } from '../support/match-scores';

if (!hasDevSet) {
  console.log(
    'skipped: the evaluation reads ../shared/data/matching/dev and the recall corpus, which are not beside this clone',
  );
  process.exit(0);
}
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const side = option('--side');
const set = option('--set');
const result = await evaluateMatchingSets();
const { db, run, messy } = result;
// `--keep-db <file>` keeps the matched database, to look into a pair with explain-match.ts.
const keep = option('--keep-db');
if (keep) {
  fs.rmSync(keep, { force: true });
  db.$client.exec(`VACUUM INTO '${keep.replaceAll("'", "''")}'`);
}

const f = (n: number) => n.toFixed(3);
const figures = (s: SetScore) => ({
  precision: Number(f(s.precision)),
  recall: Number(f(s.recall)),
  truePairs: s.truePairs,
  judged: s.judged,
  matchLabels: s.matchLabels,
  assetRecall: Number(f(s.assetRecall)),
  falseAlarmAssetsAmongNoRecall: `${s.falseAlarmAssetsWithoutRecall} of ${s.assetsWithoutRecall}`,
});
const sets: [string, SetScore][] = [
  ['dev', result.dev],
  ['dev, tune half', result.tune],
  ['dev, held-out half', result.heldOut],
  ...(messy
    ? ([
        ['messy-dev', messy.all],
        ['messy-dev without brand_only', messy.withoutBrandOnly],
        ['messy-dev, tune half', messy.tune],
        ['messy-dev, held-out half', messy.heldOut],
      ] as [string, SetScore][])
    : []),
];

if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify({
      sets: Object.fromEntries(sets.map(([name, s]) => [name, figures(s)])),
      classes: messy?.classes.map((c) => ({
        name: c.name,
        assets: c.assets,
        recall: Number(f(c.score.recall)),
        falseAlarms: c.score.falseAlarms.length,
        lostFromDev: c.lostFromDev,
        isolatedRecall: Number(f(c.isolated.recall)),
      })),
      suggestions: run.byConfidence,
      matchingSeconds: run.seconds,
    }),
  );
  result.close();
  process.exit(0);
}

const recallsByNumber = new Map(
  db
    .select()
    .from(recalls)
    .all()
    .map((r) => [r.productResNumber, r]),
);
const assetsByTag = new Map(
  db
    .select()
    .from(assets)
    .all()
    .map((a) => [a.assetTag, a]),
);
const describe = (number: string) => {
  const r = recallsByNumber.get(number);
  return r ? `${r.recallingFirm} | ${r.productCode} | ${(r.productDescription ?? '').slice(0, 160)}` : '?';
};
const assetText = (tag: string) => {
  const a = assetsByTag.get(tag);
  return a ? `${a.manufacturer} | ${a.model} | ${a.catalogNumber ?? ''} | ${a.productCode ?? ''}` : tag;
};
const shown = (tag: string) => !side || result.sideOf.get(tag) === side;

const listings: [string, SetScore][] = [
  ...(set === 'messy' ? [] : ([['dev', result.dev]] as [string, SetScore][])),
  ...(messy && set !== 'dev' ? ([['messy-dev', messy.all]] as [string, SetScore][]) : []),
];
for (const [name, s] of listings) {
  const misses = s.misses.filter((m) => shown(m.assetTag));
  console.log(`\n${name}: misses (${misses.length}${side ? `, ${side} half` : ''}):`);
  for (const m of misses) {
    const low = m.low ? `\n     (low ${m.low.score}: ${m.low.reasons.join('; ')})` : '';
    console.log(
      `  ${m.assetTag} ${m.productResNumber}  [${assetText(m.assetTag)}]\n     ${describe(m.productResNumber)}${low}`,
    );
  }
  const alarms = s.falseAlarms.filter((m) => shown(m.assetTag));
  console.log(`\n${name}: false alarms (${alarms.length}${side ? `, ${side} half` : ''}):`);
  for (const m of alarms) {
    console.log(
      `  ${m.assetTag} ${m.productResNumber} ${m.confidence} ${m.score}  [${assetText(m.assetTag)}]\n     ${describe(m.productResNumber)}\n     ${m.reasons.join('; ')}`,
    );
  }
}

console.log('\nMedium confidence and above (targets: dev recall 0.95 / precision 0.90; messy 0.90 / 0.85):');
console.log(
  `  ${'set'.padEnd(30)} ${'recall'.padStart(16)} ${'precision'.padStart(16)} ${'assets found'.padStart(12)} ${'no-recall assets alarmed'.padStart(25)}`,
);
for (const [name, s] of sets) {
  console.log(
    `  ${name.padEnd(30)} ${`${f(s.recall)} (${s.truePairs}/${s.matchLabels})`.padStart(16)} ${`${f(s.precision)} (${s.truePairs}/${s.judged})`.padStart(16)} ${f(s.assetRecall).padStart(12)} ${`${s.falseAlarmAssetsWithoutRecall} of ${s.assetsWithoutRecall}`.padStart(25)}`,
  );
}
if (messy) {
  console.log(
    '\nmessy-dev per class (assets with the class; "alone": the assets where it is the only class; lost: match pairs found on the dev row, missed on the rewrite):',
  );
  console.log(
    `  ${'class'.padEnd(14)} ${'assets'.padStart(6)} ${'recall'.padStart(16)} ${'false alarms'.padStart(12)} ${'on unlabelled'.padStart(13)} ${'lost'.padStart(5)} ${'alone: recall'.padStart(20)} ${'alone: alarms'.padStart(13)}`,
  );
  for (const c of messy.classes) {
    const alone = c.isolated.assets
      ? `${f(c.isolated.recall)} (${c.isolated.truePairs}/${c.isolated.matchLabels}) n=${c.isolated.assets}`
      : '-';
    console.log(
      `  ${c.name.padEnd(14)} ${String(c.assets).padStart(6)} ${`${f(c.score.recall)} (${c.score.truePairs}/${c.score.matchLabels})`.padStart(16)} ${String(c.score.falseAlarms.length).padStart(12)} ${String(c.falsePairsOnUnlabelled).padStart(13)} ${String(c.lostFromDev).padStart(5)} ${alone.padStart(20)} ${String(c.isolated.falseAlarms.length).padStart(13)}`,
    );
  }
}
console.log(
  `\n  suggestions: ${JSON.stringify(run.byConfidence)}; full matching of both inventories took ${run.seconds.toFixed(2)} s`,
);
result.close();
