import type { DueDays } from '../config';
import {
  type CaseState,
  type DismissalReason,
  type Disposition,
  dismissalReasons,
  dispositions,
} from '../db/schema';
import { facilityDay, stampDay } from '../shared/clock';

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

export const dismissalReasonLabels: Record<DismissalReason, string> = {
  different_model: 'Different model',
  different_lot_serial: 'Different lot or serial number',
  not_in_service: 'Not in service',
  not_ours: 'Not ours',
  other: 'Other',
};

/** Reads a reason as a person or a command gives it: "not_ours", "not-ours" or "Not ours". */
export function dismissalReasonOf(text: string | null | undefined): DismissalReason | null {
  const key = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (dismissalReasons as readonly string[]).includes(key) ? (key as DismissalReason) : null;
}

/** Why a dismissal cannot be recorded as given, or null when it can. */
export function dismissalProblem(
  reason: DismissalReason | null,
  note: string | null | undefined,
): string | null {
  if (!reason)
    return `say why the recall does not apply: ${dismissalReasons.map((r) => dismissalReasonLabels[r].toLowerCase()).join(', ')}`;
  if (reason === 'other' && !note?.trim()) return 'for "other", write the reason in the note';
  return null;
}

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

/**
 * What a technician's first decision on a case says of the case itself: whoever records it has
 * acknowledged the recall and taken it on, so a new case (or an acknowledged one nobody has)
 * becomes assigned to them. A case someone already has, or that has moved on, is left as it is.
 */
export function takenUpBy(state: CaseState, assignedTo: number | null, by: number): Transition | null {
  if (state === 'new' || (state === 'acknowledged' && assignedTo === null))
    return { to: 'assigned', assignee: by };
  return null;
}

/** The moves the inbox offers for several cases at once. */
export const bulkActions = ['acknowledge', 'assign', 'not_applicable'] as const;
export type BulkAction = (typeof bulkActions)[number];

/**
 * What finishes a device's part in a recall. "Affected" says the recall applies and the work is
 * still to do, so it keeps the case open; a dismissed match (not this device, with its reason)
 * is finished too, and no longer counts among the case's devices.
 */
export const finalDispositions = dispositions.filter((d) => d !== 'affected');
export const isFinalDisposition = (d: string | null): boolean =>
  d !== null && (finalDispositions as readonly string[]).includes(d);

/** A matched device that keeps its case open, and what is recorded of it so far. */
export type OpenDevice = { assetTag: string; disposition: string | null };

/** "BME-1001 (affected), BME-1002 (no disposition) and 3 more". */
export function openDevicesText(open: OpenDevice[], max = 5): string {
  const named = open
    .slice(0, max)
    .map(
      (d) =>
        `${d.assetTag} (${d.disposition ? dispositionLabels[d.disposition as Disposition].toLowerCase() : 'no disposition'})`,
    );
  const more = open.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '');
}

/** Why a move is not allowed, or null when it is. */
export function transitionProblem(from: CaseState, t: Transition, open: OpenDevice[]): string | null {
  if (!moves[from].includes(t.to))
    return `a ${stateLabels[from].toLowerCase()} recall cannot be moved to ${stateLabels[t.to].toLowerCase()}`;
  if (t.to === 'assigned' && t.assignee === null) return 'choose who the recall is assigned to';
  if (t.to === 'closed' && open.length > 0)
    return `${openDevicesText(open)} ${open.length === 1 ? 'keeps' : 'keep'} the recall open: record a final disposition for each (${finalDispositions.map((d) => dispositionLabels[d].toLowerCase()).join(', ')}), or dismiss the match with its reason, before closing`;
  return null;
}

/** Whether a case can be closed now: the page offers the close as soon as this holds. */
export const canClose = (from: CaseState, open: OpenDevice[]) =>
  transitionProblem(from, { to: 'closed', assignee: null }, open) === null;

export type RecallClass = 'I' | 'II' | 'III' | null;

/** "Class I", "Class II", "Class III" (enforcement) or "1", "2", "3" (recall's device_class is not it). */
export function classOf(classification: string | null | undefined): RecallClass {
  const m = /^\s*class\s+(I{1,3})\s*$/i.exec(classification ?? '');
  return m ? (m[1]!.toUpperCase() as RecallClass) : null;
}

const dayMs = 86_400_000;

/**
 * The day a case is due: the facility's day it opened plus the class's days, unless a person set
 * another date.
 */
export function dueDate(
  openedAt: string,
  recallClass: RecallClass,
  days: DueDays,
  override?: string | null,
): string {
  if (override) return override;
  const n = recallClass ? days[recallClass] : days.unclassified;
  return new Date(Date.parse(stampDay(openedAt)) + n * dayMs).toISOString().slice(0, 10);
}

/** Whole days from the facility's today to the due day: negative when overdue. */
export function daysLeft(due: string, now: Date): number {
  return Math.round((Date.parse(due) - Date.parse(facilityDay(now))) / dayMs);
}

/** Severity first: Class I on top, unclassified after III. Lists sort by it, then newest. */
export const classOrder: RecallClass[] = ['I', 'II', 'III', null];
export const classRank = (c: RecallClass) => classOrder.indexOf(c);
