import type { Db } from '../db/client';
import type { Logger } from '../log';
import { openCases } from '../recalls/cases';
import { assetKeysVersion, createAssetIndex, type ModelGroup, recallKeys } from './candidates';
import { gatherKnowledge } from './gather';
import type { Knowledge } from './knowledge';
import { type AssetProfile, createAssetReader, recallProfile, recallText } from './profiles';
import { judgeModel, scorePair } from './score';
import {
  type AssetRow,
  assetRows,
  assetsWithKeys,
  dismissedPairs,
  matchingState,
  newestChanges,
  type Pair,
  pairKey,
  type RecallRow,
  recallRows,
  storeKeys,
  storeState,
  storeSuggestions,
} from './store';

export type MatchDeps = { db: Db; now: () => Date; log: Logger };

export type MatchRunResult = {
  full: boolean;
  recallsMatched: number;
  assetsMatched: number;
  pairs: number;
  byConfidence: { high: number; medium: number; low: number };
  seconds: number;
};

/**
 * Up to this many changed recalls, an incremental run reads only the assets that share a key
 * with one of them; past it (a first sync, a bulk import), reading every asset is quicker.
 */
const fewRecalls = 1000;

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
  const state = matchingState(db);
  const full = options.full === true || state === null;
  // Changes made while this run works are left to the next one.
  const upTo = newestChanges(db);
  const changedRecalls = recallRows(db, full ? null : state.recallsUpTo, upTo.recalls);
  const { knowledge, termsBuiltFrom } = gatherKnowledge(db, now(), {
    termsBuiltFrom: state?.termsRecalls ?? null,
    rebuild: full,
    everyRecall: () => (full ? changedRecalls : recallRows(db, null, upTo.recalls)),
  });
  const read = createAssetReader(knowledge);
  const changedAssets = full ? [] : assetRows(db, state.assetsUpTo, upTo.assets);
  const keysCurrent = !full && state.keysVersion === assetKeysVersion;

  let everyAsset: AssetRow[] | null = null;
  const allAssets = () => {
    everyAsset ??= assetRows(db, null, upTo.assets);
    return everyAsset;
  };
  const pairs: Pair[] = [];
  if (changedRecalls.length > 0) {
    const against =
      keysCurrent && changedRecalls.length <= fewRecalls
        ? assetsWithKeys(db, keysOf(changedRecalls, knowledge))
        : allAssets();
    await scoreRecalls(changedRecalls, groupByModel(against, read), knowledge, pairs);
  }
  if (changedAssets.length > 0) {
    // Changed assets against every recall not already matched above.
    const done = new Set(changedRecalls.map((r) => r.productResNumber));
    const rest = recallRows(db, null, upTo.recalls).filter((r) => !done.has(r.productResNumber));
    await scoreRecalls(rest, groupByModel(changedAssets, read), knowledge, pairs);
  }

  const dismissed = dismissedPairs(db);
  const kept = pairs.filter((p) => !dismissed.has(pairKey(p.assetTag, p.productResNumber)));
  const stamp = now().toISOString();
  db.$client.transaction(() => {
    storeSuggestions(
      db,
      kept,
      full
        ? { all: true }
        : {
            recalls: changedRecalls.map((r) => r.productResNumber),
            assets: changedAssets.map((a) => a.assetTag),
          },
      stamp,
    );
    if (keysCurrent) storeKeys(db, changedAssets, false, read);
    else storeKeys(db, allAssets(), true, read);
    storeState(db, {
      recallsUpTo: full ? upTo.recalls : (upTo.recalls ?? state.recallsUpTo),
      assetsUpTo: upTo.assets,
      keysVersion: assetKeysVersion,
      termsRecalls: termsBuiltFrom,
      fullAt: full ? stamp : null,
    });
    openCases(db, new Date(stamp));
  })();
  const byConfidence = { high: 0, medium: 0, low: 0 };
  for (const p of kept) byConfidence[p.score.confidence]++;
  return {
    full,
    recallsMatched: changedRecalls.length,
    assetsMatched: full ? allAssets().length : changedAssets.length,
    pairs: kept.length,
    byConfidence,
    seconds: (Date.now() - started) / 1000,
  };
}

function keysOf(rows: RecallRow[], knowledge: Knowledge): Set<string> {
  const keys = new Set<string>();
  for (const row of rows) for (const key of recallKeys(recallText(row, knowledge))) keys.add(key);
  return keys;
}

/**
 * Scores recalls against the assets in an index, one recall at a time so that only the pairs
 * are held; it yields to the event loop every few hundred recalls, so a server running a full
 * match keeps answering its pages.
 */
async function scoreRecalls(rows: RecallRow[], groups: ModelGroup[], knowledge: Knowledge, into: Pair[]) {
  const index = createAssetIndex(groups, knowledge.terms);
  for (let i = 0; i < rows.length; i++) {
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    const read = recallText(rows[i]!, knowledge);
    const candidates = index.candidates(read);
    if (candidates.size === 0) continue;
    const recall = recallProfile(rows[i]!, knowledge, read);
    for (const group of candidates) {
      const verdict = judgeModel(group.model, recall, knowledge);
      for (const asset of group.members) {
        const score = scorePair(asset, recall, verdict);
        if (score) into.push({ assetTag: asset.assetTag, productResNumber: recall.productResNumber, score });
      }
    }
  }
}

/** Groups assets by what the engine reads of their model; each member keeps its own UDI and serial. */
function groupByModel(rows: AssetRow[], read: (row: AssetRow) => AssetProfile): ModelGroup[] {
  const groups = new Map<string, ModelGroup>();
  for (const row of rows) {
    const key = [row.manufacturer, row.model, row.catalogNumber, row.productCode, row.deviceName]
      .map((v) => (v ?? '').trim().toLowerCase())
      .join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = { model: read(row), members: [] };
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
