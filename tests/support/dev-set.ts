/**
 * The hand-labelled dev set in ../shared/data/matching/dev: its inventory matched against the
 * 31,960-recall corpus in a fresh database, the suggestions at medium confidence and above scored
 * against the labels as its README explains ("maybe" labels are neither right nor wrong).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { closeDatabase, type Db, openDatabase } from '../../src/db/client';
import { recallMatches } from '../../src/db/schema';
import { importInventory } from '../../src/inventory/import';
import { quietLogger } from '../../src/log';
import { type MatchRunResult, runMatching } from '../../src/matching/run';
import { importFiles } from '../../src/openfda/bulk/import';
import { devSetDir, hasSharedData, openFdaData } from './shared';

export const devSet = devSetDir;
export const hasDevSet = hasSharedData && fs.existsSync(path.join(devSet, 'labels.csv'));

type Label = { asset_tag: string; product_res_number: string; label: 'match' | 'maybe'; note: string };
type Suggestion = typeof recallMatches.$inferSelect;

export type DevSetResult = {
  db: Db;
  run: MatchRunResult;
  precision: number;
  recall: number;
  truePairs: number;
  judged: number;
  matchLabels: number;
  /** Share of the assets with a recall that got at least one suggestion. */
  assetRecall: number;
  assetsWithoutRecall: number;
  falseAlarmAssetsWithoutRecall: number;
  /** Labelled matches not suggested at medium or above, with the low suggestion if there was one. */
  misses: { assetTag: string; productResNumber: string; low: Suggestion | null }[];
  falseAlarms: Suggestion[];
  /** Closes the database and removes its directory. */
  close: () => void;
};

export async function evaluateDevSet(): Promise<DevSetResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-dev-set-'));
  const db = openDatabase(path.join(dir, 'vigil.db'));
  const deps = { db, now: () => new Date(), log: quietLogger() };
  await importFiles(deps, [path.join(openFdaData, 'device-recall.cfres.json.zip')]);
  const inventory = importInventory(deps, { file: path.join(devSet, 'inventory.csv') });
  if (!inventory.written) {
    throw new Error(`the dev inventory did not import: ${JSON.stringify(inventory.errors.slice(0, 3))}`);
  }
  const run = await runMatching(deps, { full: true });

  const labels = parse(fs.readFileSync(path.join(devSet, 'labels.csv')), { columns: true }) as Label[];
  const key = (assetTag: string, recall: string) => `${assetTag}|${recall}`;
  const labelOf = new Map(labels.map((l) => [key(l.asset_tag, l.product_res_number), l.label]));
  const all = db.select().from(recallMatches).all();
  const predicted = all.filter((m) => m.confidence !== 'low');
  const truePairs = predicted.filter((m) => labelOf.get(key(m.assetTag, m.productResNumber)) === 'match');
  const judged = predicted.filter((m) => labelOf.get(key(m.assetTag, m.productResNumber)) !== 'maybe');
  const matchLabels = labels.filter((l) => l.label === 'match');
  const predictedKeys = new Set(predicted.map((m) => key(m.assetTag, m.productResNumber)));
  const assetsWithRecall = new Set(matchLabels.map((l) => l.asset_tag));
  const assetsPredicted = new Set(predicted.map((m) => m.assetTag));
  const labelled = new Set(labels.map((l) => l.asset_tag));
  const withoutRecall = inventory.addedTags.filter((t) => !labelled.has(t));
  return {
    db,
    run,
    precision: truePairs.length / Math.max(1, judged.length),
    recall: truePairs.length / matchLabels.length,
    truePairs: truePairs.length,
    judged: judged.length,
    matchLabels: matchLabels.length,
    assetRecall: [...assetsWithRecall].filter((t) => assetsPredicted.has(t)).length / assetsWithRecall.size,
    assetsWithoutRecall: withoutRecall.length,
    falseAlarmAssetsWithoutRecall: withoutRecall.filter((t) => assetsPredicted.has(t)).length,
    misses: matchLabels
      .filter((l) => !predictedKeys.has(key(l.asset_tag, l.product_res_number)))
      .map((l) => ({
        assetTag: l.asset_tag,
        productResNumber: l.product_res_number,
        low:
          all.find((m) => m.assetTag === l.asset_tag && m.productResNumber === l.product_res_number) ?? null,
      })),
    falseAlarms: judged.filter((m) => !labelOf.has(key(m.assetTag, m.productResNumber))),
    close: () => {
      closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
