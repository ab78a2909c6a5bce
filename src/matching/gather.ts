/**
 * Gathers what a matching run knows beyond the records it compares (see knowledge.ts) from the
 * database: the alias table, the recalls' own FEI numbers and firm names, the FDA device names,
 * and the corpus's term statistics, rebuilt when they are missing or the corpus has grown.
 */
import { isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { recalls } from '../db/schema';
import { loadFirmAliases } from './aliases';
import { deviceNames, loadTerms, recallCount, storeTerms } from './corpus/store';
import { buildTerms, type CorpusTerms, corpusTerms } from './corpus/terms';
import { createFirmLeads } from './firm-leads';
import { coreOf, createFirmIndex, type FirmIndex, firmNames } from './firms';
import { createKnowledge, type Knowledge } from './knowledge';

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
  db.$client.transaction(() => storeTerms(db, built))();
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
): { knowledge: Knowledge; termsBuiltFrom: number } {
  const firms = createFirmIndex(loadFirmAliases(db, now), firmsByFei(db));
  const count = recallCount(db);
  const built = options.termsBuiltFrom;
  const stale = built === null || built === 0 || count > built * (1 + staleGrowth);
  const terms =
    options.rebuild || stale ? rebuildTerms(db, firms, options.everyRecall(), count) : loadTerms(db, built);
  const leads = createFirmLeads(firms.knownNames(), corpusFirmNames(db));
  const recallingFamilies = new Set(
    db
      .selectDistinct({ firm: recalls.recallingFirm })
      .from(recalls)
      .all()
      .flatMap((r) => firms.identify(r.firm).families),
  );
  return {
    knowledge: createKnowledge({ firms, leads, terms, deviceNames: deviceNames(db), recallingFamilies }),
    termsBuiltFrom: options.rebuild || stale ? count : built!,
  };
}
