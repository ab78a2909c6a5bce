import { type Db, writeTransaction } from '../db/client';
import type { Logger } from '../log';
import { assetKeysVersion, createAssetIndex, inFamilyOnly, type ModelGroup, recallKeys } from './candidates';
import { gatherKnowledge } from './gather';
import type { Knowledge } from './knowledge';
import { withMatchingLock } from './lock';
import { clearPending, pendingWork } from './pending';
import {
  type AssetProfile,
  type AssetReader,
  createAssetReader,
  modelKey,
  recallProfile,
  recallText,
} from './profiles';
import { judgeModel, mayApply, scorePair } from './score';
import {
  type AssetRow,
  assetRows,
  assetsWithKeys,
  dismissedPairs,
  hasAssets,
  matchingState,
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
 * Matches recalls to assets and stores the suggestions. Incremental by default: the recalls and
 * assets marked as changed since a run last read them (see match_pending), each against
 * everything; `full` redoes everything. One run at a time (see lock.ts). Decisions people made
 * are never touched: a dismissed pair is not suggested again, and a confirmed pair keeps its
 * suggestion whatever the engine now thinks.
 */
export async function runMatching(
  deps: MatchDeps,
  options: { full?: boolean } = {},
): Promise<MatchRunResult> {
  return withMatchingLock(deps, () => matchNow(deps, options));
}

async function matchNow(deps: MatchDeps, options: { full?: boolean }): Promise<MatchRunResult> {
  const { db, now } = deps;
  const started = Date.now();
  const state = matchingState(db);
  const full = options.full === true || state?.keysVersion == null;
  // With no inventory there is nothing to match recalls against, nor a reason to read them: they
  // stay marked, and are read against the assets when those come.
  if (!hasAssets(db)) {
    const none = { high: 0, medium: 0, low: 0 };
    return { full, recallsMatched: 0, assetsMatched: 0, pairs: 0, byConfidence: none, seconds: 0 };
  }
  // What is marked now; whatever changes while this run works is marked again, for the next one.
  const pending = pendingWork(db);
  const changedRecalls = recallRows(db, full ? null : pending.recalls);
  const { knowledge, termsBuiltFrom, fingerprint } = gatherKnowledge(db, now(), {
    termsBuiltFrom: state?.termsRecalls ?? null,
    rebuild: full,
    everyRecall: () => (full ? changedRecalls : recallRows(db)),
  });
  const read = createAssetReader(knowledge);
  const changedAssets = full ? [] : assetRows(db, pending.assets);
  // Stored keys hold for this version of the engine and what it knew when it stored them.
  const keysVersion = assetKeysVersion * 1_000_000_000 + fingerprint;
  const keysCurrent = !full && state?.keysVersion === keysVersion;

  let everyAsset: AssetRow[] | null = null;
  const allAssets = () => {
    everyAsset ??= assetRows(db);
    return everyAsset;
  };
  const pairs: Pair[] = [];
  if (changedRecalls.length > 0) {
    const against =
      keysCurrent && changedRecalls.length <= fewRecalls
        ? assetsNear(db, changedRecalls, knowledge, read)
        : allAssets();
    await scoreRecalls(changedRecalls, groupByModel(against, read), knowledge, pairs);
  }
  if (changedAssets.length > 0) {
    // Changed assets against every recall not already matched above.
    const done = new Set(changedRecalls.map((r) => r.productResNumber));
    const rest = recallRows(db).filter((r) => !done.has(r.productResNumber));
    await scoreRecalls(rest, groupByModel(changedAssets, read), knowledge, pairs);
  }

  const dismissed = dismissedPairs(db);
  const kept = pairs.filter((p) => !dismissed.has(pairKey(p.assetTag, p.productResNumber)));
  const stamp = now().toISOString();
  writeTransaction(db, () => {
    // The marked keys, not only the rows found: a recall or asset gone since takes its
    // suggestions with it.
    storeSuggestions(
      db,
      kept,
      full ? { all: true } : { recalls: pending.recalls, assets: pending.assets },
      stamp,
    );
    if (keysCurrent) storeKeys(db, changedAssets, false, read, knowledge.terms);
    else storeKeys(db, allAssets(), true, read, knowledge.terms);
    clearPending(db, pending.upToSeq);
    storeState(db, { keysVersion, termsRecalls: termsBuiltFrom, fullAt: full ? stamp : null });
  });
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

/**
 * The assets a few new recalls could be about: those filed under a key the recalls hold, where a
 * key that holds only within a firm family ("Prime", "Spectrum") counts for assets of a family
 * one of the recalls is from or names. Read this way, an incremental run reads the assets that
 * can be candidates, not every asset with a common word in its model.
 */
function assetsNear(db: Db, rows: RecallRow[], knowledge: Knowledge, read: AssetReader) {
  const keys = new Set<string>();
  const families = new Set<string>();
  for (const row of rows) {
    const text = recallText(row, knowledge);
    for (const family of text.firm.families) families.add(family);
    for (const key of recallKeys(text)) keys.add(key);
  }
  const found = assetsWithKeys(
    db,
    [...keys].flatMap((k) => [k, inFamilyOnly(k)]),
  );
  return found.filter((asset) => {
    if (!asset.inFamilyOnly) return true;
    const { firm, firmNames } = read.firmOf(asset);
    return firm.families.some((f) => families.has(f)) || firmNames.some((n) => keys.has(n.name));
  });
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
      if (!mayApply(group.model, group.members, recall)) continue;
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
    const key = modelKey(row);
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
