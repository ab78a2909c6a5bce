import { eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assets, enforcementReports, matchDecisions, matchState, recalls } from '../db/schema';
import type { Logger } from '../log';
import { loadFirmAliases } from './aliases';
import { createAssetIndex, type ModelGroup } from './candidates';
import { createFirmIndex, type FirmIndex } from './firms';
import { assetProfile, recallProfile } from './profiles';
import { judgeModel, type PairScore, scorePair } from './score';

export type MatchDeps = { db: Db; now: () => Date; log: Logger };

export type MatchRunResult = {
  full: boolean;
  recallsMatched: number;
  assetsMatched: number;
  pairs: number;
  byConfidence: { high: number; medium: number; low: number };
  seconds: number;
};

type Pair = { assetTag: string; productResNumber: string; score: PairScore };

const stateId = 'recalls';

/** Recalls with the enforcement report's code_info (where lots, serials and UDIs are listed). */
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

type RecallRow = ReturnType<typeof recallRows>[number];

/**
 * Scores recalls against the assets in an index, one recall at a time so that only the pairs
 * are held, not every recall's text; it yields to the event loop every few hundred recalls, so a
 * server running a full match keeps answering its pages.
 */
async function scoreRecalls(rows: RecallRow[], groups: ModelGroup[], firms: FirmIndex, into: Pair[]) {
  const index = createAssetIndex(groups);
  for (let i = 0; i < rows.length; i++) {
    const recall = recallProfile(rows[i]!, firms);
    for (const group of index.candidates(recall)) {
      const verdict = judgeModel(group.model, recall);
      for (const asset of group.members) {
        const score = scorePair(asset, recall, verdict);
        if (score) into.push({ assetTag: asset.assetTag, productResNumber: recall.productResNumber, score });
      }
    }
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
}

type AssetRow = typeof assets.$inferSelect;

/** Groups assets by what the engine reads of their model; each member keeps its own UDI and serial. */
function modelGroups(rows: AssetRow[], firms: FirmIndex): ModelGroup[] {
  const groups = new Map<string, ModelGroup>();
  for (const row of rows) {
    const key = [row.manufacturer, row.model, row.catalogNumber, row.productCode]
      .map((v) => (v ?? '').trim().toLowerCase())
      .join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = { model: assetProfile(row, firms), members: [] };
      groups.set(key, group);
    }
    group.members.push({
      ...group.model,
      assetTag: row.assetTag,
      udiDi: row.udiDi,
      serial: row.udiSerial ?? row.serialNumber,
      lot: row.udiLot,
      softwareVersion: row.softwareVersion,
    });
  }
  return [...groups.values()];
}

const newest = (values: string[], floor: string | null) =>
  values.reduce<string | null>((max, v) => (max === null || v > max ? v : max), floor);

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
  const changedAssets = full ? [] : assetRows.filter((a) => a.updatedAt > (state?.assetsUpTo ?? ''));
  const changedRecalls = recallRows(db, full ? null : (state?.recallsUpTo ?? null));

  const pairs: Pair[] = [];
  await scoreRecalls(changedRecalls, modelGroups(assetRows, firms), firms, pairs);
  if (changedAssets.length > 0) {
    // Changed assets against every recall not already matched above.
    const done = new Set(changedRecalls.map((r) => r.productResNumber));
    const rest = recallRows(db, null).filter((r) => !done.has(r.productResNumber));
    await scoreRecalls(rest, modelGroups(changedAssets, firms), firms, pairs);
  }

  const dismissed = new Set(
    db
      .select()
      .from(matchDecisions)
      .where(eq(matchDecisions.decision, 'dismissed'))
      .all()
      .map((d) => `${d.assetTag}\u0000${d.productResNumber}`),
  );
  const kept = pairs.filter((p) => !dismissed.has(`${p.assetTag}\u0000${p.productResNumber}`));
  const recallsUpTo = full
    ? (db
        .select({ at: sql<string | null>`max(${recalls.updatedAt})` })
        .from(recalls)
        .get()?.at ?? null)
    : newest(
        changedRecalls.map((r) => r.updatedAt),
        state?.recallsUpTo ?? null,
      );
  const assetsUpTo = newest(
    assetRows.map((a) => a.updatedAt),
    null,
  );
  const stamp = now().toISOString();
  db.$client.transaction(() => {
    if (full) {
      db.run(sql`DELETE FROM recall_matches WHERE NOT ${confirmedPair}`);
    } else {
      for (const r of changedRecalls) {
        db.run(
          sql`DELETE FROM recall_matches WHERE product_res_number = ${r.productResNumber} AND NOT ${confirmedPair}`,
        );
      }
      for (const a of changedAssets) {
        db.run(sql`DELETE FROM recall_matches WHERE asset_tag = ${a.assetTag} AND NOT ${confirmedPair}`);
      }
    }
    const insert = db.$client.prepare(
      `INSERT INTO recall_matches (asset_tag, product_res_number, score, confidence, reasons, lot_status, matched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (asset_tag, product_res_number) DO UPDATE SET score = excluded.score, confidence = excluded.confidence,
         reasons = excluded.reasons, lot_status = excluded.lot_status, matched_at = excluded.matched_at`,
    );
    for (const p of kept) {
      const { score, confidence, reasons, lotStatus } = p.score;
      insert.run(
        p.assetTag,
        p.productResNumber,
        score,
        confidence,
        JSON.stringify(reasons),
        lotStatus,
        stamp,
      );
    }
    db.insert(matchState)
      .values({ id: stateId, recallsUpTo, assetsUpTo, lastFullAt: full ? stamp : null })
      .onConflictDoUpdate({
        target: matchState.id,
        set: { recallsUpTo, assetsUpTo, ...(full ? { lastFullAt: stamp } : {}) },
      })
      .run();
  })();
  const byConfidence = { high: 0, medium: 0, low: 0 };
  for (const p of kept) byConfidence[p.score.confidence]++;
  return {
    full,
    recallsMatched: changedRecalls.length,
    assetsMatched: full ? assetRows.length : changedAssets.length,
    pairs: kept.length,
    byConfidence,
    seconds: (Date.now() - started) / 1000,
  };
}

/** A pair a person confirmed: its suggestion is kept whatever the engine now thinks. */
const confirmedPair = sql`EXISTS (SELECT 1 FROM match_decisions d WHERE d.asset_tag = recall_matches.asset_tag
  AND d.product_res_number = recall_matches.product_res_number AND d.decision = 'confirmed')`;
