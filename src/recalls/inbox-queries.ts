import { eq, sql } from 'drizzle-orm';
import { type Db, prepareOnce } from '../db/client';
import { type CaseState, recallCases, users } from '../db/schema';
import { countedMatch } from './counted';
import { type FdaStatus, fdaStatusIs } from './fda-status';
import { promiseLateSql } from './manufacturer';
import { holdsCaseOpen } from './queries';
import { classOrder, classRank } from './workflow';

export type InboxFilters = {
  /** `history`: the cases a baseline filed as before Vigil, which no other choice shows. */
  state: CaseState | 'open' | 'all' | 'history';
  recallClass: 'I' | 'II' | 'III' | 'unclassified' | null;
  fdaStatus: FdaStatus | null;
  /** The facility's today, to list only cases whose promised correction is late; null for all. */
  lateOn: string | null;
  department: string | null;
  manufacturer: string | null;
  page: number;
};

export type InboxRow = {
  productResNumber: string;
  state: CaseState;
  openedAt: string;
  dueOverride: string | null;
  classification: string | null;
  recallingFirm: string | null;
  productDescription: string | null;
  postedAt: string | null;
  recallStatus: string | null;
  terminatedAt: string | null;
  baselineId: number | null;
  responseSentOn: string | null;
  correctionPromisedBy: string | null;
  correctionDoneOn: string | null;
  assignee: string | null;
  assets: number;
  undecided: number;
  /** Set when the case is an early notice's: its source, and the source's own class. */
  noticeSource: string | null;
  noticeClass: string | null;
  /** The sources of early notices joined to this openFDA recall, comma-separated. */
  heardFrom: string | null;
};

export const inboxPageSize = 50;

/** classRank in SQL, over the enforcement report `e` that gives the class ("Class I"). */
const classRankSql = sql`CASE e.classification ${sql.join(
  classOrder.flatMap((c, rank) => (c ? [sql`WHEN ${`Class ${c}`} THEN ${rank}`] : [])),
  sql` `,
)} ELSE ${classRank(null)} END`;

function inboxWhere(f: InboxFilters) {
  const parts = [f.state === 'history' ? sql`c.baseline_id IS NOT NULL` : sql`c.baseline_id IS NULL`];
  if (f.state === 'open') parts.push(sql`c.state <> 'closed'`);
  else if (f.state !== 'all' && f.state !== 'history') parts.push(sql`c.state = ${f.state}`);
  if (f.fdaStatus) parts.push(fdaStatusIs(f.fdaStatus, sql`r.recall_status`));
  if (f.lateOn) parts.push(promiseLateSql(f.lateOn));
  if (f.recallClass === 'unclassified') parts.push(sql`e.classification IS NULL`);
  else if (f.recallClass) parts.push(sql`e.classification = ${`Class ${f.recallClass}`}`);
  if (f.department || f.manufacturer) {
    const asset = [sql`1 = 1`];
    if (f.department) asset.push(sql`a.department = ${f.department}`);
    if (f.manufacturer) {
      const pattern = `%${f.manufacturer.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      asset.push(sql`a.manufacturer LIKE ${pattern} ESCAPE '\\'`);
    }
    parts.push(sql`EXISTS (
      SELECT 1 FROM recall_matches m
      JOIN assets a ON a.asset_tag = m.asset_tag
      LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
      WHERE m.product_res_number = c.product_res_number AND ${countedMatch} AND ${sql.join(asset, sql` AND `)})`);
  }
  return sql.join(parts, sql` AND `);
}

/** One page of the inbox: most severe first (Class I on top), then newest. */
export function inboxRows(db: Db, f: InboxFilters): { rows: InboxRow[]; total: number } {
  const where = inboxWhere(f);
  const total = db.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM recall_cases c
    LEFT JOIN recalls r ON r.product_res_number = c.product_res_number
    LEFT JOIN enforcement_reports e ON e.recall_number = c.product_res_number
    WHERE ${where}`)!.n;
  // The page's keys are sorted first, and only its 50 rows are then read whole: sorting
  // thousands of cases with their descriptions (read out of the raw JSON) and counts was the cost.
  const rows = db.all<InboxRow>(sql`
    WITH page AS (
      SELECT c.product_res_number AS id, ${classRankSql} AS rank,
        coalesce(r.event_date_posted, r.event_date_initiated, c.opened_at) AS newest
      FROM recall_cases c
      LEFT JOIN recalls r ON r.product_res_number = c.product_res_number
      LEFT JOIN enforcement_reports e ON e.recall_number = c.product_res_number
      WHERE ${where}
      ORDER BY rank, newest DESC, c.product_res_number DESC
      LIMIT ${inboxPageSize} OFFSET ${(f.page - 1) * inboxPageSize})
    SELECT c.product_res_number AS productResNumber, c.state, c.opened_at AS openedAt,
      c.due_override AS dueOverride, e.classification, r.recalling_firm AS recallingFirm,
      substr(coalesce(r.product_description, e.product_description), 1, 300) AS productDescription,
      r.event_date_posted AS postedAt, r.recall_status AS recallStatus,
      coalesce(r.event_date_terminated, e.termination_date) AS terminatedAt, c.baseline_id AS baselineId,
      c.response_sent_on AS responseSentOn, c.correction_promised_by AS correctionPromisedBy,
      c.correction_done_on AS correctionDoneOn, u.name AS assignee,
      (SELECT count(*) FROM recall_matches m
        LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
        WHERE m.product_res_number = c.product_res_number AND ${countedMatch}) AS assets,
      (SELECT count(*) FROM recall_matches m
        LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
        LEFT JOIN asset_dispositions p ON p.product_res_number = m.product_res_number AND p.asset_tag = m.asset_tag
        WHERE m.product_res_number = c.product_res_number AND ${holdsCaseOpen}) AS undecided,
      n.source AS noticeSource, n.source_class AS noticeClass,
      (SELECT group_concat(DISTINCT j.source) FROM notice_links l
        JOIN early_notices j ON j.notice_key = l.notice_key
        WHERE l.product_res_number = c.product_res_number AND l.state IN ('linked', 'confirmed')) AS heardFrom
    FROM page
    JOIN recall_cases c ON c.product_res_number = page.id
    LEFT JOIN early_notices n ON n.notice_key = c.product_res_number
    LEFT JOIN recalls r ON r.product_res_number = c.product_res_number
    LEFT JOIN enforcement_reports e ON e.recall_number = c.product_res_number
    LEFT JOIN users u ON u.id = c.assigned_to
    ORDER BY page.rank, page.newest DESC, c.product_res_number DESC`);
  return { rows, total };
}

/** Cases per workflow state, for the counts above the inbox; `history` counts those a baseline filed. */
export function stateCounts(db: Db): Record<CaseState | 'history', number> {
  const out = { new: 0, acknowledged: 0, assigned: 0, in_progress: 0, closed: 0, history: 0 };
  for (const r of db
    .select({
      state: sql<
        CaseState | 'history'
      >`CASE WHEN ${recallCases.baselineId} IS NULL THEN ${recallCases.state} ELSE 'history' END`,
      n: sql<number>`count(*)`,
    })
    .from(recallCases)
    .groupBy(sql`1`)
    .all())
    out[r.state] = r.n;
  return out;
}

/** The departments the inbox filter offers: those of the devices that recalls matched. */
export function inboxChoices(db: Db): { departments: string[] } {
  const rows = db.all<{ department: string }>(sql`
    SELECT DISTINCT a.department
    FROM (SELECT DISTINCT m.asset_tag FROM recall_matches m
          LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
          WHERE ${countedMatch}) t
    JOIN assets a ON a.asset_tag = t.asset_tag
    WHERE a.department IS NOT NULL
    ORDER BY a.department`);
  return { departments: rows.map((r) => r.department) };
}

const visitsOf = (db: Db) =>
  prepareOnce(db, 'visits', () =>
    db
      .select({ last: users.lastVisitAt, previous: users.previousVisitAt })
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare(),
  );

/** Marks a visit to the inbox; a visit within half an hour of the last one is the same visit. */
export function recordVisit(db: Db, userId: number, now: Date): string | null {
  const user = visitsOf(db).get({ id: userId });
  if (!user) return null;
  const sinceLast = user.last ? now.getTime() - Date.parse(user.last) : Number.POSITIVE_INFINITY;
  // Reloading the inbox again and again is one visit, and need not write each time.
  if (sinceLast < 60_000) return user.previous;
  if (sinceLast < 30 * 60_000) {
    db.update(users).set({ lastVisitAt: now.toISOString() }).where(eq(users.id, userId)).run();
    return user.previous;
  }
  db.update(users)
    .set({ previousVisitAt: user.last, lastVisitAt: now.toISOString() })
    .where(eq(users.id, userId))
    .run();
  return user.last;
}

/** The visit before the current one: what "new since your last visit" is measured from. */
export function previousVisit(db: Db, userId: number): string | null {
  return visitsOf(db).get({ id: userId })?.previous ?? null;
}

export function casesOpenedSince(db: Db, since: string): number {
  return db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM recall_cases WHERE opened_at > ${since} AND baseline_id IS NULL`,
  )!.n;
}

/** Open cases, not filed as history, whose promised correction is late on `today`. */
export function latePromiseCount(db: Db, today: string): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM recall_cases c
    WHERE c.baseline_id IS NULL AND c.state <> 'closed' AND ${promiseLateSql(today)}`)!.n;
}

/** Whether any enforcement report is loaded: a recall's class comes from its report. */
export function enforcementLoaded(db: Db): boolean {
  return db.get<{ any: number }>(sql`SELECT EXISTS (SELECT 1 FROM enforcement_reports) AS any`)!.any === 1;
}
