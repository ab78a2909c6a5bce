import type { DueDays } from '../config';
import type { CaseState, Disposition } from '../db/schema';

/** The order a recall case moves through; each state names what has happened so far. */
export const stateLabels: Record<CaseState, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  assigned: 'Assigned',
  in_progress: 'Action in progress',
  closed: 'Closed',
};

export const dispositionLabels: Record<Disposition, string> = {
  affected: 'Affected',
  not_affected: 'Not affected',
  removed_from_service: 'Removed from service',
  corrected: 'Corrected',
  returned_to_vendor: 'Returned to vendor',
};

/**
 * Where a case may go from each state. Forward one step, or straight to closed when the work is
 * done; a closed case may be reopened (back to in progress) when, say, the firm extends the recall.
 */
const moves: Record<CaseState, CaseState[]> = {
  new: ['acknowledged', 'assigned', 'closed'],
  acknowledged: ['assigned', 'in_progress', 'closed'],
  assigned: ['in_progress', 'assigned', 'closed'],
  in_progress: ['assigned', 'closed'],
  closed: ['in_progress'],
};

export const nextStates = (from: CaseState): CaseState[] => moves[from];

export type Transition = { to: CaseState; assignee: number | null };

/** Why a move is not allowed, or null when it is. */
export function transitionProblem(from: CaseState, t: Transition, openAssets: number): string | null {
  if (!moves[from].includes(t.to))
    return `a ${stateLabels[from].toLowerCase()} recall cannot be moved to ${stateLabels[t.to].toLowerCase()}`;
  if (t.to === 'assigned' && t.assignee === null) return 'choose who the recall is assigned to';
  if (t.to === 'closed' && openAssets > 0)
    return `${openAssets} matched ${openAssets === 1 ? 'asset has' : 'assets have'} no disposition yet: record one for each before closing`;
  return null;
}

export type RecallClass = 'I' | 'II' | 'III' | null;

/** "Class I", "Class II", "Class III" (enforcement) or "1", "2", "3" (recall's device_class is not it). */
export function classOf(classification: string | null | undefined): RecallClass {
  const m = /^\s*class\s+(I{1,3})\s*$/i.exec(classification ?? '');
  return m ? (m[1]!.toUpperCase() as RecallClass) : null;
}

const dayMs = 86_400_000;

/** The day a case is due: opened + the class's days, unless a person set another date. */
export function dueDate(
  openedAt: string,
  recallClass: RecallClass,
  days: DueDays,
  override?: string | null,
): string {
  if (override) return override;
  const n = recallClass ? days[recallClass] : days.unclassified;
  return new Date(Date.parse(openedAt) + n * dayMs).toISOString().slice(0, 10);
}

/** Whole days from today to the due day: negative when overdue. */
export function daysLeft(due: string, now: Date): number {
  const today = Date.parse(now.toISOString().slice(0, 10));
  return Math.round((Date.parse(due) - today) / dayMs);
}

/** Severity first (Class I on top, unclassified after III), then newest. */
export const classRank = (c: RecallClass) => (c === 'I' ? 0 : c === 'II' ? 1 : c === 'III' ? 2 : 3);
