import { eq, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import {
  assetMatchKeys,
  assets,
  enforcementReports,
  matchDecisions,
  matchState,
  recallMatches,
  recalls,
} from '../db/schema';
import { assetKeys } from './candidates';
import type { CorpusTerms } from './corpus/terms';
import type { AssetProfile } from './profiles';
import type { PairScore } from './score';

/** What a matching run reads and writes: recalls and assets in, suggestions and keys out. */

export type Pair = { assetTag: string; productResNumber: string; score: PairScore };

/** The one row of match_state. */
export const stateId = 'recalls';

export function matchingState(db: Db) {
  return db.select().from(matchState).where(eq(matchState.id, stateId)).get() ?? null;
}

export function hasAssets(db: Db): boolean {
  return db.select({ tag: assets.assetTag }).from(assets).limit(1).get() !== undefined;
}

/**
 * Recalls with these product numbers (every recall for null), with the enforcement report's
 * code_info, where lots, serials and UDIs are listed.
 */
export function recallRows(db: Db, only: string[] | null = null) {
  return db
    .select({
      productResNumber: recalls.productResNumber,
      recallingFirm: recalls.recallingFirm,
      productCode: recalls.productCode,
      productDescription: recalls.productDescription,
      codeInfo: sql<string | null>`coalesce(${enforcementReports.codeInfo}, ${recalls.codeInfo})`,
      moreCodeInfo: enforcementReports.moreCodeInfo,
      reasonForRecall: recalls.reasonForRecall,
    })
    .from(recalls)
    .leftJoin(enforcementReports, eq(enforcementReports.recallNumber, recalls.productResNumber))
    .where(only === null ? undefined : inList(recalls.productResNumber, only))
    .all();
}

export type RecallRow = ReturnType<typeof recallRows>[number];

/** One JSON parameter, not thousands of bound variables: a first sync marks 30,000 recalls. */
const inList = (column: SQLiteColumn, keys: Iterable<string>) =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify([...keys])}))`;

/** What matching reads of an asset. */
const assetColumns = {
  assetTag: assets.assetTag,
  manufacturer: assets.manufacturer,
  model: assets.model,
  catalogNumber: assets.catalogNumber,
  serialNumber: assets.serialNumber,
  udiDi: assets.udiDi,
  udiLot: assets.udiLot,
  udiSerial: assets.udiSerial,
  productCode: assets.productCode,
  softwareVersion: assets.softwareVersion,
  deviceName: assets.deviceName,
};

export type AssetRow = { [K in keyof typeof assetColumns]: (typeof assets.$inferSelect)[K] };

function assetRowsWhere(db: Db, where?: SQL): AssetRow[] {
  return db.select(assetColumns).from(assets).where(where).all();
}

/** Assets with these tags (every asset for null). */
export function assetRows(db: Db, only: string[] | null = null): AssetRow[] {
  return assetRowsWhere(db, only === null ? undefined : inList(assets.assetTag, only));
}

/**
 * The assets filed under any of these keys (see `assetKeys`), each with whether only keys that
 * hold within its firm family found it.
 */
export function assetsWithKeys(db: Db, keys: Iterable<string>): (AssetRow & { inFamilyOnly: boolean })[] {
  const found = db.all<{ tag: string; anywhere: number }>(sql`
    SELECT ${assetMatchKeys.assetTag} AS tag, max(substr(${assetMatchKeys.key}, -1) <> '~') AS anywhere
    FROM ${assetMatchKeys} WHERE ${inList(assetMatchKeys.key, keys)}
    GROUP BY ${assetMatchKeys.assetTag}`);
  const anywhere = new Map(found.map((f) => [f.tag, f.anywhere === 1]));
  return assetRowsWhere(db, inList(assets.assetTag, anywhere.keys())).map((row) => ({
    ...row,
    inFamilyOnly: !anywhere.get(row.assetTag),
  }));
}

/** Files assets under their keys; `all` replaces every asset's keys, else only these assets'. */
export function storeKeys(
  db: Db,
  rows: AssetRow[],
  all: boolean,
  read: (row: AssetRow) => AssetProfile,
  terms: CorpusTerms,
): void {
  if (all) db.delete(assetMatchKeys).run();
  const remove = db.$client.prepare('DELETE FROM asset_match_keys WHERE asset_tag = ?');
  const insert = db.$client.prepare('INSERT OR IGNORE INTO asset_match_keys (key, asset_tag) VALUES (?, ?)');
  for (const row of rows) {
    if (!all) remove.run(row.assetTag);
    for (const key of assetKeys(read(row), terms)) insert.run(key, row.assetTag);
  }
}

/** Pairs a person dismissed: never suggested again. */
export function dismissedPairs(db: Db): Set<string> {
  return new Set(
    db
      .select()
      .from(matchDecisions)
      .where(eq(matchDecisions.decision, 'dismissed'))
      .all()
      .map((d) => pairKey(d.assetTag, d.productResNumber)),
  );
}

export const pairKey = (assetTag: string, productResNumber: string) => `${assetTag}\u0000${productResNumber}`;

/**
 * Replaces the suggestions for what was matched: everything, or the changed recalls and assets.
 * A pair a person confirmed keeps its suggestion whatever the engine now thinks.
 */
export function storeSuggestions(
  db: Db,
  pairs: Pair[],
  scope: { all: true } | { recalls: string[]; assets: string[] },
  stamp: string,
): void {
  if ('all' in scope) {
    db.run(sql`DELETE FROM ${recallMatches} WHERE NOT ${confirmedPair}`);
  } else {
    const byRecall = db.$client.prepare(
      `DELETE FROM recall_matches WHERE product_res_number = ? AND NOT ${confirmedPairText}`,
    );
    const byAsset = db.$client.prepare(
      `DELETE FROM recall_matches WHERE asset_tag = ? AND NOT ${confirmedPairText}`,
    );
    for (const recall of scope.recalls) byRecall.run(recall);
    for (const asset of scope.assets) byAsset.run(asset);
  }
  const insert = db.$client.prepare(
    `INSERT INTO recall_matches (asset_tag, product_res_number, score, confidence, reasons, lot_status, matched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (asset_tag, product_res_number) DO UPDATE SET score = excluded.score, confidence = excluded.confidence,
       reasons = excluded.reasons, lot_status = excluded.lot_status, matched_at = excluded.matched_at`,
  );
  for (const { assetTag, productResNumber, score } of pairs) {
    const { confidence, reasons, lotStatus } = score;
    insert.run(
      assetTag,
      productResNumber,
      score.score,
      confidence,
      JSON.stringify(reasons),
      lotStatus,
      stamp,
    );
  }
}

export function storeState(
  db: Db,
  state: { keysVersion: number; termsRecalls: number; fullAt: string | null },
): void {
  const { keysVersion, termsRecalls, fullAt } = state;
  db.insert(matchState)
    .values({ id: stateId, keysVersion, termsRecalls, lastFullAt: fullAt })
    .onConflictDoUpdate({
      target: matchState.id,
      set: { keysVersion, termsRecalls, ...(fullAt ? { lastFullAt: fullAt } : {}) },
    })
    .run();
}

const confirmedPairText = `EXISTS (SELECT 1 FROM match_decisions d WHERE d.asset_tag = recall_matches.asset_tag
  AND d.product_res_number = recall_matches.product_res_number AND d.decision = 'confirmed')`;

const confirmedPair = sql.raw(confirmedPairText);
