/**
 * `node --import tsx tests/bench/explain-match.ts <db> <manufacturer> <model> [catalog] [product code] [recall…]`:
 * how the engine reads one asset, with what a matched database knows (its corpus statistics),
 * and, for each recall named, the pair's score and reasons. For looking into a miss or a false
 * alarm that `npm run eval:match -- --keep-db <db>` listed.
 */
import { openDatabase } from '../../src/db/client';
import { matchState } from '../../src/db/schema';
import { gatherKnowledge } from '../../src/matching/gather';
import { createAssetReader, recallProfile } from '../../src/matching/profiles';
import { judgeModel, scorePair } from '../../src/matching/score';
import { recallRows } from '../../src/matching/store';

const [file, manufacturer, model, catalog, productCode, ...wanted] = process.argv.slice(2);
if (!file || model === undefined) {
  console.error('usage: explain-match.ts <db> <manufacturer> <model> [catalog] [product code] [recall…]');
  process.exit(1);
}
const db = openDatabase(file);
const state = db.select().from(matchState).get();
const { knowledge } = gatherKnowledge(db, new Date(), {
  termsBuiltFrom: state?.termsRecalls ?? null,
  rebuild: false,
  everyRecall: () => recallRows(db),
});
const asset = createAssetReader(knowledge)({
  assetTag: 'X',
  manufacturer: manufacturer || null,
  model: model || null,
  catalogNumber: catalog || null,
  serialNumber: null,
  udiDi: null,
  udiLot: null,
  udiSerial: null,
  productCode: productCode || null,
  softwareVersion: null,
});
const { firm, firmSource, segments, vague, respelt, catalog: catalogKey } = asset;
console.log(
  JSON.stringify({ firm: firm.families, firmSource, segments, catalog: catalogKey, vague, respelt }, null, 1),
);
const rows = recallRows(db);
for (const number of wanted) {
  const row = rows.find((r) => r.productResNumber === number);
  if (!row) {
    console.log(number, 'is not stored');
    continue;
  }
  const recall = recallProfile(row, knowledge);
  console.log(number, row.productDescription?.slice(0, 200));
  console.log(JSON.stringify(scorePair(asset, recall, judgeModel(asset, recall, knowledge))));
}
