import type { ComplianceTotals, Timeliness } from '../../views/reports/reports';
import type { DueDays } from '../config';
import type { CaseState, DismissalReason, Disposition } from '../db/schema';
import { classOf, classOrder, dueDate, type RecallClass } from '../recalls/workflow';
import { facilityDay, stampDay } from '../shared/clock';
import { median } from '../shared/median';

export type { ComplianceTotals, Timeliness };
export { median };

/** A recall case as the database gives it, before the report's judgements. */
export type CaseRecord = {
  productResNumber: string;
  classification: string | null;
  firm: string | null;
  product: string | null;
  openedAt: string;
  dueOverride: string | null;
  state: CaseState;
  assignedTo: string | null;
  closedAt: string | null;
  closedBy: string | null;
  /** Filed as history by a baseline: dealt with before Vigil, not judged against a due date. */
  beforeVigil: number | boolean;
};

export type AssetRecord = {
  productResNumber: string;
  assetTag: string;
  device: string | null;
  serialNumber: string | null;
  department: string | null;
  disposition: Disposition | null;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** When a person said the recall does not apply to this device: why, who and when. */
  dismissal: { reason: DismissalReason | null; note: string | null; by: string; at: string } | null;
};

export const timelinessLabels: Record<Timeliness, string> = {
  on_time: 'On time',
  late: 'Late',
  overdue: 'Open, overdue',
  open: 'Open, not yet due',
  before_vigil: 'Before Vigil',
};

export type ComplianceRecall = Omit<CaseRecord, 'classification' | 'dueOverride' | 'beforeVigil'> & {
  recallClass: RecallClass;
  due: string;
  daysToClose: number | null;
  timeliness: Timeliness;
  assets: AssetRecord[];
};

const dayMs = 86_400_000;
/** A stored time's facility day, or a day as written, as a number to count days with. */
const day = (iso: string) => Date.parse(iso.length > 10 ? stampDay(iso) : iso);

/** Calendar days (the facility's) from the day a case opened to the day it closed. */
export function daysToClose(openedAt: string, closedAt: string | null): number | null {
  if (!closedAt) return null;
  return Math.round((day(closedAt) - day(openedAt)) / dayMs);
}

/** A case closed on its due day is on time; an open case is overdue from the day after. */
export function timelinessOf(due: string, closedAt: string | null, now: Date): Timeliness {
  if (closedAt) return day(closedAt) <= day(due) ? 'on_time' : 'late';
  return day(facilityDay(now)) > day(due) ? 'overdue' : 'open';
}

/** Each case with its class, due date and timeliness, and its assets under it. */
export function judgeCases(
  cases: CaseRecord[],
  assets: AssetRecord[],
  dueDays: DueDays,
  now: Date,
): ComplianceRecall[] {
  const byRecall = new Map<string, AssetRecord[]>();
  for (const a of assets) {
    const list = byRecall.get(a.productResNumber);
    if (list) list.push(a);
    else byRecall.set(a.productResNumber, [a]);
  }
  return cases.map(({ classification, dueOverride, beforeVigil, ...c }) => {
    const recallClass = classOf(classification);
    const due = dueDate(c.openedAt, recallClass, dueDays, dueOverride);
    return {
      ...c,
      recallClass,
      due,
      daysToClose: daysToClose(c.openedAt, c.closedAt),
      timeliness: beforeVigil && !c.closedAt ? 'before_vigil' : timelinessOf(due, c.closedAt, now),
      assets: byRecall.get(c.productResNumber) ?? [],
    };
  });
}

export function complianceTotals(recalls: ComplianceRecall[]): ComplianceTotals {
  const count = (t: Timeliness) => recalls.filter((r) => r.timeliness === t).length;
  const closedOnTime = count('on_time');
  const closed = closedOnTime + count('late');
  const openOverdue = count('overdue');
  const due = closed + openOverdue;
  return {
    recalls: recalls.length,
    closed,
    closedOnTime,
    due,
    onTimeShare: due === 0 ? null : closedOnTime / due,
    openOverdue,
    openNotDue: count('open'),
    medianDaysToClose: median(recalls.flatMap((r) => (r.daysToClose === null ? [] : [r.daysToClose]))),
    dismissedDevices: recalls.reduce((n, r) => n + r.assets.filter((a) => a.dismissal).length, 0),
    beforeVigil: count('before_vigil'),
  };
}

/** The last 90 days up to the facility's today, the report's range when none is asked for. */
export const defaultRange = (now: Date) => ninetyDaysTo(facilityDay(now));

/** The 90 days up to a day, both ends included in the report. */
export function ninetyDaysTo(to: string): { from: string; to: string } {
  return { from: new Date(day(to) - 90 * dayMs).toISOString().slice(0, 10), to };
}

/** The day after a YYYY-MM-DD day: a range's end is inclusive, so queries stop before this. */
export const dayAfter = (date: string) => new Date(day(date) + dayMs).toISOString().slice(0, 10);

/** Totals for each class that has a recall in the report, Class I first. */
export function totalsByClass(
  recalls: ComplianceRecall[],
): { recallClass: RecallClass; totals: ComplianceTotals }[] {
  return classOrder.flatMap((recallClass) => {
    const of = recalls.filter((r) => r.recallClass === recallClass);
    return of.length === 0 ? [] : [{ recallClass, totals: complianceTotals(of) }];
  });
}

export const classLabel = (c: RecallClass) => (c ? `Class ${c}` : 'Unclassified');
