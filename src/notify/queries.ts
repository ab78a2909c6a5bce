import { and, asc, count, desc, eq, gt, inArray, isNull, lte, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  assets,
  type CaseState,
  digestState,
  earlyNotices,
  enforcementReports,
  matchDecisions,
  recallCases,
  recallMatches,
  recalls,
} from '../db/schema';
import { countedPair } from '../recalls/counted';
import { classOf } from '../recalls/workflow';
import { sourceLabel } from '../sources/notice';
import type { CaseFacts } from './text';

export type CaseRow = CaseFacts & {
  state: CaseState;
  dueOverride: string | null;
  correctionPromisedBy: string | null;
  correctionDoneOn: string | null;
};

const caseFields = {
  productResNumber: recallCases.productResNumber,
  state: recallCases.state,
  openedAt: recallCases.openedAt,
  dueOverride: recallCases.dueOverride,
  correctionPromisedBy: recallCases.correctionPromisedBy,
  correctionDoneOn: recallCases.correctionDoneOn,
  firm: recalls.recallingFirm,
  productDescription: recalls.productDescription,
  reasonForRecall: recalls.reasonForRecall,
  classification: enforcementReports.classification,
  earlySource: earlyNotices.source,
};

/** Cases with their recall and class, and their matched assets: two queries, whatever the count. */
function casesWhere(db: Db, where: SQL | undefined, limit?: number): CaseRow[] {
  const query = db
    .select(caseFields)
    .from(recallCases)
    .leftJoin(recalls, eq(recalls.productResNumber, recallCases.productResNumber))
    .leftJoin(enforcementReports, eq(enforcementReports.recallNumber, recallCases.productResNumber))
    .leftJoin(earlyNotices, eq(earlyNotices.noticeKey, recallCases.productResNumber))
    .where(where)
    .orderBy(desc(recallCases.openedAt), asc(recallCases.productResNumber));
  const rows = limit === undefined ? query.all() : query.limit(limit).all();
  const byCase = matchedAssets(
    db,
    rows.map((r) => r.productResNumber),
  );
  return rows.map(({ classification, earlySource, ...r }) => ({
    ...r,
    earlySource: earlySource ? sourceLabel(earlySource) : null,
    recallClass: classOf(classification),
    assets: byCase.get(r.productResNumber) ?? [],
  }));
}

/**
 * The assets each recall applies to, by the rule that opened its case (see recalls/counted.ts).
 */
function matchedAssets(db: Db, productResNumbers: string[]): Map<string, CaseFacts['assets']> {
  const out = new Map<string, CaseFacts['assets']>();
  // SQLite caps the parameters of one statement; a first digest can cover thousands of cases.
  for (let i = 0; i < productResNumbers.length; i += 500) {
    const rows = db
      .select({ prn: recallMatches.productResNumber, tag: recallMatches.assetTag, model: assets.model })
      .from(recallMatches)
      .leftJoin(
        matchDecisions,
        and(
          eq(matchDecisions.assetTag, recallMatches.assetTag),
          eq(matchDecisions.productResNumber, recallMatches.productResNumber),
        ),
      )
      .leftJoin(assets, eq(assets.assetTag, recallMatches.assetTag))
      .where(and(inArray(recallMatches.productResNumber, productResNumbers.slice(i, i + 500)), countedPair))
      .orderBy(asc(recallMatches.assetTag))
      .all();
    for (const r of rows) {
      const list = out.get(r.prn) ?? [];
      list.push({ tag: r.tag, model: r.model });
      out.set(r.prn, list);
    }
  }
  return out;
}

/** The newest cases, for the feed. */
export const latestCases = (db: Db, limit = 100) => casesWhere(db, undefined, limit);

/** Cases opened after `after` (every case when null) up to and including `upTo`. */
export const casesOpenedBetween = (db: Db, after: string | null, upTo: string) =>
  casesWhere(
    db,
    and(
      after ? gt(recallCases.openedAt, after) : undefined,
      lte(recallCases.openedAt, upTo),
      // Filed as history by a baseline before the digest went out: old work, not news.
      isNull(recallCases.baselineId),
    ),
  );

/**
 * Every case not closed and not filed as history by a baseline: the digest works out which are
 * due and whose promised correction is late.
 */
export const unclosedCases = (db: Db) =>
  casesWhere(db, and(ne(recallCases.state, 'closed'), isNull(recallCases.baselineId)));

export function casesByState(db: Db): Partial<Record<CaseState, number>> {
  const rows = db
    .select({ state: recallCases.state, n: count() })
    .from(recallCases)
    .groupBy(recallCases.state)
    .all();
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

const digestId = 'daily';

export type DigestStatus = {
  lastSentAt: string | null;
  /** Cases opened up to here have gone out (or there were none to send). */
  coveredUpTo: string | null;
  /** Why the last attempt failed; null once one succeeds. */
  lastError: string | null;
};

/** Where the digest stands, for a status page: when it last went out, and the last failure. */
export function digestStatus(db: Db): DigestStatus {
  const row = db.select().from(digestState).where(eq(digestState.id, digestId)).get();
  return {
    lastSentAt: row?.lastSentAt ?? null,
    coveredUpTo: row?.coveredUpTo ?? null,
    lastError: row?.lastError ?? null,
  };
}

/** Records a run that succeeded: sent (`sentAt`), or found nothing to send (null). */
export function recordDigestDone(db: Db, coveredUpTo: string, sentAt: string | null): void {
  const set = sentAt ? { coveredUpTo, lastSentAt: sentAt, lastError: null } : { coveredUpTo };
  db.insert(digestState)
    .values({ id: digestId, ...set })
    .onConflictDoUpdate({ target: digestState.id, set })
    .run();
}

/** Records a failed send; what it covered stays unsent, for the next run. */
export function recordDigestFailure(db: Db, error: string): void {
  db.insert(digestState)
    .values({ id: digestId, lastError: error })
    .onConflictDoUpdate({ target: digestState.id, set: { lastError: error } })
    .run();
}
