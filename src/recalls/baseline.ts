import { desc, eq, sql } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { baselines, recallCases } from '../db/schema';
import { isCalendarDay } from '../shared/days';
import { Refusal } from '../shared/refusal';
import { fdaStatusIs, fdaStatusSql } from './fda-status';

/**
 * The first day's baseline: an inventory loaded against twenty years of recalls opens hundreds of
 * cases, most of them recalls the FDA terminated long ago that the team dealt with before Vigil.
 * A baseline files those as history, so that the inbox holds what is open at the FDA or recent.
 * It takes only cases nobody has touched (still "new", never filed): work someone started stays.
 */

/** When the recall was posted, or initiated when the record gives no posting day. */
const postedSql = sql`coalesce(r.event_date_posted, r.event_date_initiated)`;
const terminated = fdaStatusIs('terminated', sql`r.recall_status`);

/** Why a case is filed, in SQL over recall_cases `c` and recalls `r`: terminated first, then old. */
function reasonSql(postedBefore: string | null) {
  const old = postedBefore ? sql`${postedSql} < ${postedBefore}` : sql`0`;
  return sql`(CASE WHEN ${terminated} THEN 'terminated' WHEN ${old} THEN 'before' ELSE NULL END)`;
}

export type BaselinePreview = {
  postedBefore: string | null;
  /** Open cases in the inbox now. */
  open: number;
  /** Untouched cases it files: the FDA terminated the recall, or it was posted before the day. */
  terminated: number;
  before: number;
  /** Cases that would qualify but stay, since someone has started on them. */
  worked: number;
  /** What the inbox holds afterwards, by the recall's status at the FDA. */
  stays: number;
  staysByStatus: { open: number; completed: number; other: number };
};

/** What a baseline with this day would do, counted before anything is written. */
export function previewBaseline(db: Db, postedBefore: string | null): BaselinePreview {
  checkDay(postedBefore);
  const reason = reasonSql(postedBefore);
  const rows = db.all<{ reason: string | null; state: string; status: string | null; n: number }>(sql`
    SELECT ${reason} AS reason, c.state, ${fdaStatusSql(sql`r.recall_status`)} AS status,
      count(*) AS n
    FROM recall_cases c LEFT JOIN recalls r ON r.product_res_number = c.product_res_number
    WHERE c.baseline_id IS NULL AND c.state <> 'closed'
    GROUP BY 1, 2, 3`);
  const preview: BaselinePreview = {
    postedBefore,
    open: 0,
    terminated: 0,
    before: 0,
    worked: 0,
    stays: 0,
    staysByStatus: { open: 0, completed: 0, other: 0 },
  };
  for (const r of rows) {
    preview.open += r.n;
    if (r.reason && r.state === 'new') {
      if (r.reason === 'terminated') preview.terminated += r.n;
      else preview.before += r.n;
      continue;
    }
    if (r.reason) preview.worked += r.n;
    preview.stays += r.n;
    const key = r.status === 'open' || r.status === 'completed' ? r.status : 'other';
    preview.staysByStatus[key] += r.n;
  }
  return preview;
}

function checkDay(day: string | null) {
  if (day !== null && !isCalendarDay(day))
    throw new Refusal('the day is not a date: write it as YYYY-MM-DD, such as 2024-01-31');
}

/** Files the cases the preview counted as history, in one transaction with its audit row. */
export function applyBaseline(db: Db, postedBefore: string | null, by: Actor, now: Date) {
  checkDay(postedBefore);
  return writeTransaction(db, () => {
    const at = now.toISOString();
    const { id } = db
      .insert(baselines)
      .values({ postedBefore, cases: 0, appliedBy: by.name, appliedAt: at })
      .returning({ id: baselines.id })
      .get();
    const filed = db.run(sql`
      UPDATE recall_cases SET baseline_id = ${id}, updated_at = ${at}
      WHERE baseline_id IS NULL AND state = 'new' AND product_res_number IN (
        SELECT c.product_res_number FROM recall_cases c
        LEFT JOIN recalls r ON r.product_res_number = c.product_res_number
        WHERE ${reasonSql(postedBefore)} IS NOT NULL)`).changes;
    if (filed === 0)
      throw new Refusal('the baseline files no case: every open case is open at the FDA or recent');
    db.update(baselines).set({ cases: filed }).where(eq(baselines.id, id)).run();
    audit(db, by, now, {
      action: 'baseline.applied',
      entity: 'baseline',
      entityId: String(id),
      after: { postedBefore, cases: filed },
    });
    return { id, cases: filed };
  });
}

/** Puts the cases a baseline filed back into the inbox, as they were. */
export function undoBaseline(db: Db, id: number, by: Actor, now: Date): number {
  return writeTransaction(db, () => {
    const row = db.select().from(baselines).where(eq(baselines.id, id)).get();
    if (!row) throw new Refusal(`there is no baseline ${id}`, 'missing');
    if (row.undoneAt) throw new Refusal(`that baseline was undone already, by ${row.undoneBy}`);
    const at = now.toISOString();
    const back = db
      .update(recallCases)
      .set({ baselineId: null, updatedAt: at })
      .where(eq(recallCases.baselineId, id))
      .run().changes;
    db.update(baselines).set({ undoneAt: at, undoneBy: by.name }).where(eq(baselines.id, id)).run();
    audit(db, by, now, {
      action: 'baseline.undone',
      entity: 'baseline',
      entityId: String(id),
      before: { postedBefore: row.postedBefore, cases: row.cases },
      after: { returned: back },
    });
    return back;
  });
}

export function baselineOf(db: Db, id: number) {
  return db.select().from(baselines).where(eq(baselines.id, id)).get() ?? null;
}

export function baselinesApplied(db: Db) {
  return db.select().from(baselines).orderBy(desc(baselines.id)).all();
}

/**
 * Whether to propose a baseline: none was ever applied, and one would file something now (with
 * terminated recalls alone: the day is the admin's to pick).
 */
export function baselineWanted(db: Db): number {
  if (db.get<{ n: number }>(sql`SELECT count(*) AS n FROM baselines`)!.n > 0) return 0;
  const p = previewBaseline(db, null);
  return p.terminated;
}
