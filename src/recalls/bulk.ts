import { inArray } from 'drizzle-orm';
import type { Actor } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { type DismissalReason, recallCases } from '../db/schema';
import { Refusal } from '../shared/refusal';
import { dismissAllSuggested } from './decisions';
import { moveCase } from './service';
import { type BulkAction, dismissalProblem } from './workflow';

export type BulkInput = {
  action: BulkAction;
  /** The recalls ticked on the inbox. */
  ids: readonly string[];
  assignee: number | null;
  reason: DismissalReason | null;
  note: string;
};

/**
 * One move for several cases from the inbox, all or none: a refusal names the recall that
 * stopped it and nothing is written. Acknowledging passes over cases already further along;
 * assigning and closing go through the same rules as on a recall's page (moveCase), and "not
 * applicable" dismisses each device still suggested with the one reason before it closes.
 * Returns how many cases moved.
 */
export function actOnCases(db: Db, input: BulkInput, by: Actor, now: Date): number {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw new Refusal('tick the recalls to act on first');
  if (input.action === 'assign' && input.assignee === null)
    throw new Refusal('choose who the recalls are assigned to');
  if (input.action === 'not_applicable') {
    const problem = dismissalProblem(input.reason, input.note);
    if (problem) throw new Refusal(problem);
  }
  return writeTransaction(db, () => {
    const cases = db.select().from(recallCases).where(inArray(recallCases.productResNumber, ids)).all();
    const missing = ids.filter((id) => !cases.some((c) => c.productResNumber === id));
    if (missing.length > 0) throw new Refusal(`${missing.join(', ')} has no case to work`, 'missing');
    let moved = 0;
    for (const kase of cases) {
      const id = kase.productResNumber;
      const attempt = (work: () => void) => {
        try {
          work();
          moved++;
        } catch (error) {
          if (error instanceof Refusal && !error.message.startsWith(id))
            throw new Refusal(`${id}: ${error.message}`, error.kind);
          throw error;
        }
      };
      if (input.action === 'acknowledge') {
        if (kase.state === 'new')
          attempt(() => moveCase(db, id, { to: 'acknowledged', assignee: null }, by, now));
      } else if (input.action === 'assign') {
        attempt(() => moveCase(db, id, { to: 'assigned', assignee: input.assignee }, by, now));
      } else {
        attempt(() => {
          dismissAllSuggested(db, id, { ...by, reason: input.reason, note: input.note }, now);
          moveCase(db, id, { to: 'closed', assignee: null }, by, now);
        });
      }
    }
    return moved;
  });
}
