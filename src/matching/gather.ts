/**
 * Gathers what a matching run knows beyond the records it compares (see knowledge.ts) from the
 * database: the alias table, the recalls' own FEI numbers and firm names, the FDA device names,
 * and the corpus's term statistics, rebuilt when they are missing or the corpus has grown.
 */
import { isNotNull, sql } from 'drizzle-orm';
import { type Db, writeTransaction } from '../db/client';
import { recalls } from '../db/schema';
import { loadFirmAliases } from './aliases';
import { deviceNames, loadTerms, recallCount, storeTerms } from './corpus/store';
import { buildTerms, type CorpusTerms, corpusTerms } from './corpus/terms';
import { createFirmLeads } from './firm-leads';
import { coreOf, createFirmIndex, type FirmIndex, firmNames } from './firms';
import { gudidCompanies } from './gudid';
import { createKnowledge, type Knowledge, lazily } from './knowledge';

/** The statistics are rebuilt once the corpus has grown by this share since they were built. */
const staleGrowth = 0.1;

/** Firm names that recalls of one FEI number carry: one firm, however each recall spells it. */
function firmsByFei(db: Db): string[][] {
  const rows = db
    .select({ fei: recalls.firmFeiNumber, firm: recalls.recallingFirm })
    .from(recalls)
    .where(isNotNull(recalls.firmFeiNumber))
    .groupBy(recalls.firmFeiNumber, recalls.recallingFirm)
    .all();
  const groups = new Map<string, string[]>();
  for (const { fei, firm } of rows) {
    if (!fei || !firm || /^0*$/.test(fei)) continue;
    groups.set(fei, [...(groups.get(fei) ?? []), firm]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** Each recalling firm's names and their cores, with how many recalls carry them. */
function corpusFirmNames(db: Db): Map<string, number> {
  const counts = new Map<string, number>();
  const rows = db
    .select({ firm: recalls.recallingFirm, n: sql<number>`count(*)` })
    .from(recalls)
    .groupBy(recalls.recallingFirm)
    .all();
  for (const { firm, n } of rows) {
    for (const name of firmNames(firm ?? '')) {
      for (const key of new Set([name, coreOf(name)])) counts.set(key, (counts.get(key) ?? 0) + n);
    }
  }
  return counts;
}

type Described = {
  recallingFirm: string | null;
  productCode: string | null;
  productDescription: string | null;
};

function rebuildTerms(db: Db, firms: FirmIndex, rows: Iterable<Described>, count: number): CorpusTerms {
  const built = buildTerms(
    (function* () {
      for (const r of rows) {
        yield {
          description: r.productDescription,
          families: firms.identify(r.recallingFirm).families,
          productCode: r.productCode,
        };
      }
    })(),
  );
  writeTransaction(db, () => storeTerms(db, built));
  return corpusTerms(built, count);
}

/**
 * The run's knowledge. `everyRecall` gives every recall's firm, product code and description,
 * read only when the statistics must be rebuilt (a full run passes the rows it has already read).
 */
export function gatherKnowledge(
  db: Db,
  now: Date,
  options: { termsBuiltFrom: number | null; rebuild: boolean; everyRecall: () => Iterable<Described> },
): { knowledge: Knowledge; termsBuiltFrom: number; fingerprint: number } {
  const aliases = loadFirmAliases(db, now);
  const firms = createFirmIndex(aliases, firmsByFei(db));
  const count = recallCount(db);
  const built = options.termsBuiltFrom;
  const stale = built === null || built === 0 || count > built * (1 + staleGrowth);
  const terms =
    options.rebuild || stale ? rebuildTerms(db, firms, options.everyRecall(), count) : loadTerms(db, built);
  // Read only where a run needs them: leads for assets with no manufacturer, the recalling
  // families where a firm differs.
  const leads = lazily(() => createFirmLeads(firms.knownNames(), corpusFirmNames(db)));
  const recallingFamilies = lazily(
    () =>
      new Set(
        db
          .selectDistinct({ firm: recalls.recallingFirm })
          .from(recalls)
          .all()
          .flatMap((r) => firms.familiesAsWritten(r.firm)),
      ),
  );
  const names = deviceNames(db);
  const termsBuiltFrom = options.rebuild || stale ? count : built!;
  const gudid = gudidCompanies(db);
  return {
    knowledge: createKnowledge({ firms, leads, terms, deviceNames: names, recallingFamilies, gudid }),
    termsBuiltFrom,
    fingerprint: fingerprintOf([
      ...aliases.map((a) => `${a.name}=${a.family}`).sort(),
      `terms:${termsBuiltFrom}`,
      `device names:${[...names.values()].reduce((n, list) => n + list.length, 0)}`,
      `gudid:${db.get<{ n: number }>(sql`SELECT count(*) AS n FROM gudid_devices`).n}`,
    ]),
  };
}

/**
 * A number that changes when what the engine knows changes (the alias table, the corpus the
 * statistics came from, the device names): the stored asset keys were made with it (FNV-1a).
 */
function fingerprintOf(parts: string[]): number {
  let hash = 0x811c9dc5;
  for (const ch of parts.join('\n')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 1_000_000_000;
}
