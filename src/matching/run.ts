import { eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assets, enforcementReports, matchDecisions, matchState, recalls } from '../db/schema';
import type { Logger } from '../log';
import { loadFirmAliases } from './aliases';
import { createAssetIndex } from './candidates';
import { createFirmIndex, type FirmIndex } from './firms';
import { type AssetProfile, assetProfile, type RecallProfile, recallProfile } from './profiles';
import { scorePair } from './score';

export type MatchDeps = { db: Db; now: () => Date; log: Logger };

export type MatchRunResult = {
  full: boolean;
  recallsMatched: number;
  assetsMatched: number;
  pairs: number;
  byConfidence: { high: number; medium: number; low: number };
  seconds: number;
};

type Pair = { asset: AssetProfile; recall: RecallProfile; score: ReturnType<typeof scorePair> & object };

const stateId = 'recalls';

function recallRows(db: Db, since: string | null) {
  return db
    .select({
      productResNumber: recalls.productResNumber,
      recallingFirm: recalls.recallingFirm,
      productCode: recalls.productCode,
      productDescription: recalls.productDescription,
      codeInfo: sql<string | null>`coalesce(${enforcementReports.codeInfo}, ${recalls.codeInfo})`,
      moreCodeInfo: enforcementReports.moreCodeInfo,
      reasonForRecall: recalls.reasonForRecall,
      updatedAt: recalls.updatedAt,
    })
    .from(recalls)
    .leftJoin(enforcementReports, eq(enforcementReports.recallNumber, recalls.productResNumber))
    .where(since ? gt(recalls.updatedAt, since) : undefined)
    .all();
}

function profilesOfRecalls(rows: ReturnType<typeof recallRows>, firms: FirmIndex): RecallProfile[] {
  return rows.map((r) => recallProfile(r, firms));
}

/**
 * Matches recalls to assets and stores the suggestions. Incremental by default: only recalls
 * changed since the last run (against every asset) and assets changed since (against every
 * recall); `full` redoes everything. Decisions people made are never touched: a dismissed pair is
 * not suggested again, and a confirmed pair keeps its suggestion whatever the engine now thinks.
 */
export async function runMatching(
  deps: MatchDeps,
  options: { full?: boolean } = {},
): Promise<MatchRunResult> {
  const { db, now } = deps;
  const started = Date.now();
  const firms = createFirmIndex(loadFirmAliases(db, now()));
  const state = db.select().from(matchState).where(eq(matchState.id, stateId)).get();
  const full = options.full === true || !state;
  const assetRows = db.select().from(assets).all();
  const profiles = assetRows.map((a) => assetProfile(a, firms));
  const changedAssets = full
    ? []
    : profiles.filter((_, i) => assetRows[i]!.updatedAt > (state?.assetsUpTo ?? ''));
  const recallSet = recallRows(db, full ? null : (state?.recallsUpTo ?? null));
  const newestRecall = full
    ? (db
        .select({ at: sql<string | null>`max(${recalls.updatedAt})` })
        .from(recalls)
        .get()?.at ?? null)
    : recallSet.reduce<string | null>(
        (max, r) => (max === null || r.updatedAt > max ? r.updatedAt : max),
        state?.recallsUpTo ?? null,
      );
  const newestAsset = assetRows.reduce<string | null>(
    (max, a) => (max === null || a.updatedAt > max ? a.updatedAt : max),
    null,
  );

  const pairs: Pair[] = [];
  // Scoring yields to the event loop every few hundred recalls, so a server running a full
  // match keeps answering its pages.
  const score = async (index: ReturnType<typeof createAssetIndex>, recallProfiles: RecallProfile[]) => {
    for (let i = 0; i < recallProfiles.length; i++) {
      const recall = recallProfiles[i]!;
      for (const asset of index.candidates(recall)) {
        const result = scorePair(asset, recall);
        if (result) pairs.push({ asset, recall, score: result });
      }
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const recallProfiles = profilesOfRecalls(recallSet, firms);
  await score(createAssetIndex(profiles), recallProfiles);
  if (changedAssets.length > 0) {
    // Changed assets against every recall not already matched above.
    const done = new Set(recallProfiles.map((r) => r.productResNumber));
    const rest = profilesOfRecalls(
      recallRows(db, null).filter((r) => !done.has(r.productResNumber)),
      firms,
    );
    await score(createAssetIndex(changedAssets), rest);
  }

  const dismissed = new Set(
    db
      .select()
      .from(matchDecisions)
      .where(eq(matchDecisions.decision, 'dismissed'))
      .all()
      .map((d) => `${d.assetTag}\u0000${d.productResNumber}`),
  );
  const stamp = now().toISOString();
  const kept = pairs.filter((p) => !dismissed.has(`${p.asset.assetTag}\u0000${p.recall.productResNumber}`));
  db.$client.transaction(() => {
    if (full) {
      db.run(
        sql`DELETE FROM recall_matches WHERE NOT EXISTS (SELECT 1 FROM match_decisions d WHERE d.asset_tag = recall_matches.asset_tag AND d.product_res_number = recall_matches.product_res_number AND d.decision = 'confirmed')`,
      );
    } else {
      for (const r of recallProfiles) unconfirmed(db, 'recall', r.productResNumber);
      for (const a of changedAssets) unconfirmed(db, 'asset', a.assetTag);
    }
    const insert = db.$client.prepare(
      `INSERT INTO recall_matches (asset_tag, product_res_number, score, confidence, reasons, lot_status, matched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (asset_tag, product_res_number) DO UPDATE SET score = excluded.score, confidence = excluded.confidence,
         reasons = excluded.reasons, lot_status = excluded.lot_status, matched_at = excluded.matched_at`,
    );
    for (const p of kept) {
      insert.run(
        p.asset.assetTag,
        p.recall.productResNumber,
        p.score.score,
        p.score.confidence,
        JSON.stringify(p.score.reasons),
        null,
        stamp,
      );
    }
    db.insert(matchState)
      .values({
        id: stateId,
        recallsUpTo: newestRecall,
        assetsUpTo: newestAsset,
        lastFullAt: full ? stamp : null,
      })
      .onConflictDoUpdate({
        target: matchState.id,
        set: { recallsUpTo: newestRecall, assetsUpTo: newestAsset, ...(full ? { lastFullAt: stamp } : {}) },
      })
      .run();
  })();
  const byConfidence = { high: 0, medium: 0, low: 0 };
  for (const p of kept) byConfidence[p.score.confidence]++;
  return {
    full,
    recallsMatched: recallProfiles.length,
    assetsMatched: full ? profiles.length : changedAssets.length,
    pairs: kept.length,
    byConfidence,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Clears the engine's suggestions for one recall or asset, keeping the confirmed ones. */
function unconfirmed(db: Db, side: 'recall' | 'asset', key: string) {
  const column = side === 'recall' ? 'product_res_number' : 'asset_tag';
  db.run(
    sql`DELETE FROM recall_matches WHERE ${sql.raw(column)} = ${key} AND NOT EXISTS (SELECT 1 FROM match_decisions d WHERE d.asset_tag = recall_matches.asset_tag AND d.product_res_number = recall_matches.product_res_number AND d.decision = 'confirmed')`,
  );
}
