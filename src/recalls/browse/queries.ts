import { and, desc, eq, gte, inArray, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { enforcementReports, matchDecisions, recallMatches, recalls } from '../../db/schema';
import { ftsQuery } from '../../shared/fts';
import { countedPair } from '../counted';
import { pageSize, type RecallFilters } from './search';
import { refreshRecallSearch } from './search-index';

export type RecallListRow = {
  productResNumber: string;
  classification: string | null;
  firm: string | null;
  product: string | null;
  posted: string | null;
  status: string | null;
  productCode: string | null;
  /** Our assets the recall matches: suggested at medium confidence or above, or confirmed. */
  matchedAssets: number;
  terminatedAt: string | null;
  /** Our case for the recall is still open (not closed, not filed as history). */
  caseOpen: boolean;
};

export type RecallList = { rows: RecallListRow[]; total: number; page: number; pages: number };

const decisionOfPair = and(
  eq(matchDecisions.assetTag, recallMatches.assetTag),
  eq(matchDecisions.productResNumber, recallMatches.productResNumber),
);

/** From this many hits on, a page is found faster by walking the recalls by date (see below). */
const denseHits = 1000;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause of the list. `byDate` makes SQLite walk the recalls newest first and keep the
 * ones the search found, instead of fetching every hit and sorting them: far quicker when the
 * words are common (a page of "the" in 16 ms, not 100), far slower when they are rare.
 */
function conditions(filters: RecallFilters, byDate = false): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  const match = ftsQuery(filters.q);
  if (match) {
    // A unary + keeps SQLite from looking recalls up by the search's hits.
    const key = byDate ? sql`+${recalls.productResNumber}` : sql`${recalls.productResNumber}`;
    where.push(sql`${key} IN (
      SELECT i.product_res_number FROM recall_search
      JOIN recall_search_ids i ON i.id = recall_search.rowid
      WHERE recall_search MATCH ${match})`);
  }
  if (filters.recallClass) where.push(eq(enforcementReports.classification, `Class ${filters.recallClass}`));
  if (filters.status) where.push(eq(recalls.recallStatus, filters.status));
  if (filters.firm)
    where.push(sql`${recalls.recallingFirm} LIKE ${`%${escapeLike(filters.firm)}%`} ESCAPE '\\'`);
  if (filters.productCode) where.push(eq(recalls.productCode, filters.productCode));
  if (filters.postedFrom) where.push(gte(recalls.eventDatePosted, filters.postedFrom));
  if (filters.postedTo) where.push(lte(recalls.eventDatePosted, filters.postedTo));
  if (filters.matchedOnly) {
    where.push(sql`${recalls.productResNumber} IN (
      SELECT ${recallMatches.productResNumber} FROM ${recallMatches}
      LEFT JOIN ${matchDecisions} ON ${decisionOfPair} WHERE ${countedPair})`);
  }
  return and(...where);
}

/**
 * One page of every stored recall, newest posted first, filtered and searched: three queries
 * (how many, the page, and our matched assets on it) whatever the page shows.
 */
export function listRecalls(db: Db, filters: RecallFilters): RecallList {
  if (filters.q) refreshRecallSearch(db);
  const where = conditions(filters);
  const classOfRecall = eq(enforcementReports.recallNumber, recalls.productResNumber);
  const counting = db.select({ n: sql<number>`count(*)` }).from(recalls).$dynamic();
  // Joined only when the class is filtered on: a join per hit doubles the count of a common word.
  const total =
    (filters.recallClass ? counting.innerJoin(enforcementReports, classOfRecall) : counting)
      .where(where)
      .get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pages);
  const rows = db
    .select({
      productResNumber: recalls.productResNumber,
      classification: enforcementReports.classification,
      firm: recalls.recallingFirm,
      // The list shows the start of a description; the rest stays in the database.
      product: sql<string | null>`substr(${recalls.productDescription}, 1, 400)`,
      posted: recalls.eventDatePosted,
      status: recalls.recallStatus,
      terminatedAt: recalls.eventDateTerminated,
      productCode: recalls.productCode,
      caseOpen: sql<number>`EXISTS (SELECT 1 FROM recall_cases c WHERE c.product_res_number = ${recalls.productResNumber}
        AND c.state <> 'closed' AND c.baseline_id IS NULL)`,
    })
    .from(recalls)
    .leftJoin(enforcementReports, classOfRecall)
    .where(total >= denseHits ? conditions(filters, true) : where)
    // Ties (same day) by rowid, which recalls_posted holds: SQLite walks the index alone and
    // skips to a deep page without reading the rows before it (1 ms, not 120, for page 300).
    .orderBy(desc(recalls.eventDatePosted), desc(sql`${recalls}.rowid`))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const matched = new Map(
    rows.length === 0
      ? []
      : db
          .select({
            productResNumber: recallMatches.productResNumber,
            n: sql<number>`count(DISTINCT ${recallMatches.assetTag})`,
          })
          .from(recallMatches)
          .leftJoin(matchDecisions, decisionOfPair)
          .where(
            and(
              inArray(
                recallMatches.productResNumber,
                rows.map((r) => r.productResNumber),
              ),
              countedPair,
            ),
          )
          .groupBy(recallMatches.productResNumber)
          .all()
          .map((m) => [m.productResNumber, m.n]),
  );
  return {
    rows: rows.map((r) => ({
      ...r,
      caseOpen: Boolean(r.caseOpen),
      matchedAssets: matched.get(r.productResNumber) ?? 0,
    })),
    total,
    page,
    pages,
  };
}

/** The recall statuses the FDA uses, for the filter's list. */
export function recallStatuses(db: Db): string[] {
  return db
    .selectDistinct({ status: recalls.recallStatus })
    .from(recalls)
    .where(isNotNull(recalls.recallStatus))
    .orderBy(recalls.recallStatus)
    .all()
    .map((r) => r.status!);
}
