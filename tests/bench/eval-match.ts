/**
 * `npm run eval:match`: loads the 31,960-recall corpus and the hand-labelled dev inventory into a
 * fresh database, matches, and scores the suggestions at medium confidence and above against
 * the labels (../shared/data/matching/dev/README.md explains the scoring). Prints precision and
 * recall, per asset too, the false-alarm rate on assets with no recall, and lists the misses and
 * false alarms so they can be read. `--all` lists every one; `--json` prints the figures only.
 */
import { assets, recalls } from '../../src/db/schema';
import { evaluateDevSet, hasDevSet } from '../support/dev-set';

if (!hasDevSet) {
  console.log(
    'skipped: the evaluation reads ../shared/data/matching/dev and the recall corpus, which are not beside this clone',
  );
  process.exit(0);
}
const showAll = process.argv.includes('--all');
const result = await evaluateDevSet();
const { db, run } = result;
const figures = {
  precision: Number(result.precision.toFixed(3)),
  recall: Number(result.recall.toFixed(3)),
  truePairs: result.truePairs,
  judgedPredictions: result.judged,
  matchLabels: result.matchLabels,
  assetRecall: Number(result.assetRecall.toFixed(3)),
  falseAlarmAssetsAmongNoRecall: `${result.falseAlarmAssetsWithoutRecall} of ${result.assetsWithoutRecall}`,
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
  const assetsByTag = new Map(
    db
      .select()
      .from(assets)
      .all()
      .map((a) => [a.assetTag, a]),
  );
  const describe = (number: string) => {
    const r = recallsByNumber.get(number);
    return r ? `${r.recallingFirm} | ${r.productCode} | ${(r.productDescription ?? '').slice(0, 140)}` : '?';
  };
  const assetText = (tag: string) => {
    const a = assetsByTag.get(tag);
    return a ? `${a.manufacturer} | ${a.model} | ${a.catalogNumber ?? ''} | ${a.productCode ?? ''}` : tag;
  };
  const limit = showAll ? undefined : 40;
  console.log(`\nMisses (${result.misses.length}):`);
  for (const m of result.misses.slice(0, limit)) {
    const low = m.low ? `\n     (low ${m.low.score}: ${m.low.reasons.join('; ')})` : '';
    console.log(
      `  ${m.assetTag} ${m.productResNumber}  [${assetText(m.assetTag)}]\n     ${describe(m.productResNumber)}${low}`,
    );
  }
  console.log(`\nFalse alarms (${result.falseAlarms.length}):`);
  for (const m of result.falseAlarms.slice(0, limit)) {
    console.log(
      `  ${m.assetTag} ${m.productResNumber} ${m.confidence} ${m.score}  [${assetText(m.assetTag)}]\n     ${describe(m.productResNumber)}\n     ${m.reasons.join('; ')}`,
    );
  }
  console.log('\nDev set, medium confidence and above:');
  console.log(
    `  precision ${figures.precision} (${result.truePairs} / ${result.judged}), recall ${figures.recall} (${result.truePairs} / ${result.matchLabels}); targets 0.90 / 0.95`,
  );
  console.log(
    `  assets with a recall found: ${figures.assetRecall}; false alarms on assets with no recall: ${figures.falseAlarmAssetsAmongNoRecall}`,
  );
  console.log(
    `  suggestions: ${JSON.stringify(run.byConfidence)}; full matching took ${run.seconds.toFixed(2)} s`,
  );
}
result.close();
