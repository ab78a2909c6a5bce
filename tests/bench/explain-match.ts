/**
 * `node --import tsx tests/bench/explain-match.ts <db> <manufacturer> <model> [catalog] [product code] [recall…]`:
 * how the engine reads one asset against a database already matched (its corpus statistics), and,
 * for each recall named, the evidence and score. For looking into a miss or a false alarm.
 */
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client';
import { matchState, recalls } from '../../src/db/schema';
import { gatherKnowledge } from '../../src/matching/gather';
import { createAssetReader, recallProfile } from '../../src/matching/profiles';
import { judgeModel, scorePair } from '../../src/matching/score';
import { recallRows } from '../../src/matching/store';

const [file, manufacturer, model, catalog, productCode, ...wanted] = process.argv.slice(2);
const db = openDatabase(file!);
const state = db.select().from(matchState).get();
const { knowledge } = gatherKnowledge(db, new Date(), {
  termsBuiltFrom: state?.termsRecalls ?? null,
  rebuild: false,
  everyRecall: () => recallRows(db, null, '9999'),
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
console.log(
  JSON.stringify(
    { ...asset, ours: [...asset.ours], optional: [...asset.optional], firmWords: [...asset.firmWords] },
    null,
    1,
  ),
);
for (const number of wanted) {
  const row = recallRows(db, null, '9999').find((r) => r.productResNumber === number);
  if (!row) continue;
  const recall = recallProfile(row, knowledge);
  console.log(number, row.productDescription?.slice(0, 200));
  console.log(JSON.stringify(scorePair(asset, recall, judgeModel(asset, recall, knowledge))));
}
void recalls;
void eq;
