/**
 * The hand-labelled dev set in ../shared/data/matching/dev, and its messy rewrite in ../messy-dev:
 * both inventories imported into one fresh database beside the 31,960-recall corpus (their asset
 * tags differ), matched in one full run, and scored as the READMEs say. The dev set is also
 * scored in its two halves (see dev-split.ts), and messy-dev per class of rewrite.
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
import { type Side, splitDevSet } from './dev-split';
import {
  type ClassScore,
  type Label,
  type Perturbation,
  type SetScore,
  type Suggestion,
  scoreClasses,
  scoreSet,
} from './match-scores';
import { devSetDir, hasSharedData, openFdaData, sharedData } from './shared';

export const devSet = devSetDir;
export const messySet = path.join(sharedData, 'matching/messy-dev');
export const hasDevSet = hasSharedData && fs.existsSync(path.join(devSet, 'labels.csv'));
export const hasMessySet = hasDevSet && fs.existsSync(path.join(messySet, 'perturbations.csv'));

type Row = Record<string, string>;
const readCsv = (file: string) => parse(fs.readFileSync(file), { columns: true }) as Row[];

export type MessyResult = {
  all: SetScore;
  /** Without the brand_only assets, whose every suggestion is a false alarm. */
  withoutBrandOnly: SetScore;
  tune: SetScore;
  heldOut: SetScore;
  classes: ClassScore[];
};

export type Evaluation = {
  db: Db;
  run: MatchRunResult;
  dev: SetScore;
  tune: SetScore;
  heldOut: SetScore;
  /** Null where ../shared holds no messy-dev set. */
  messy: MessyResult | null;
  /** The side of each dev tag, and of each messy tag through its dev row. */
  sideOf: Map<string, Side>;
  /** Closes the database and removes its directory. */
  close: () => void;
};

function importSet(deps: Parameters<typeof importInventory>[0], file: string) {
  const result = importInventory(deps, { file });
  if (!result.written) {
    throw new Error(`${file} did not import: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
  return result.addedTags;
}

export async function evaluateMatchingSets(): Promise<Evaluation> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-dev-set-'));
  const db = openDatabase(path.join(dir, 'vigil.db'));
  const deps = { db, now: () => new Date(), log: quietLogger() };
  await importFiles(deps, [path.join(openFdaData, 'device-recall.cfres.json.zip')]);
  const devTags = importSet(deps, path.join(devSet, 'inventory.csv'));
  const messyTags = hasMessySet ? importSet(deps, path.join(messySet, 'inventory.csv')) : [];
  const run = await runMatching(deps, { full: true });
  const suggestions = db.select().from(recallMatches).all() as Suggestion[];

  const devLabels = readCsv(path.join(devSet, 'labels.csv')) as Label[];
  const sideOf = splitDevSet(readCsv(path.join(devSet, 'inventory.csv')) as never, devLabels);
  const half = (side: Side) => devTags.filter((t) => sideOf.get(t) === side);
  const dev = scoreSet(devTags, suggestions, devLabels);
  let messy: MessyResult | null = null;
  if (hasMessySet) {
    const labels = readCsv(path.join(messySet, 'labels.csv')) as Label[];
    const rows: Perturbation[] = readCsv(path.join(messySet, 'perturbations.csv')).map((r) => ({
      assetTag: r.asset_tag!,
      sourceTag: r.source_tag!,
      classes: r.perturbations!.split(';').filter(Boolean),
    }));
    for (const r of rows) sideOf.set(r.assetTag, sideOf.get(r.sourceTag)!);
    const brandOnly = new Set(rows.filter((r) => r.classes.includes('brand_only')).map((r) => r.assetTag));
    const onSide = (side: Side) => messyTags.filter((t) => sideOf.get(t) === side);
    messy = {
      all: scoreSet(messyTags, suggestions, labels),
      withoutBrandOnly: scoreSet(
        messyTags.filter((t) => !brandOnly.has(t)),
        suggestions,
        labels,
      ),
      tune: scoreSet(onSide('tune'), suggestions, labels),
      heldOut: scoreSet(onSide('held-out'), suggestions, labels),
      classes: scoreClasses(rows, suggestions, labels, suggestions),
    };
  }
  return {
    db,
    run,
    dev,
    tune: scoreSet(half('tune'), suggestions, devLabels),
    heldOut: scoreSet(half('held-out'), suggestions, devLabels),
    messy,
    sideOf,
    close: () => {
      closeDatabase(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
