import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { InboxPage, type InboxView } from '../../views/recalls/inbox';
import { requires } from '../auth/middleware';
import type { Db } from '../db/client';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { choiceField, textField, tickedField, validForm } from '../web/forms';
import { asSentence } from '../web/text';
import { actOnCases } from './bulk';
import { previousVisit } from './inbox-queries';
import { bulkActions, dismissalReasonOf } from './workflow';

// Several cases at once, from the inbox, as a browser sends the form: unticked boxes send nothing.
const casesForm = z.object({
  action: choiceField(bulkActions, 'choose what to do: acknowledge, assign, or close as not applicable'),
  ids: tickedField(),
  assignee: z
    .string()
    .optional()
    .transform((s) => (s ? Number(s) : null))
    .refine((n) => n === null || Number.isInteger(n), 'choose who the recalls are assigned to'),
  reason: textField(100),
  note: textField(2000, 'a note'),
});

/** The inbox's form for several cases at once: acknowledge, assign, or close as not applicable. */
export function createCaseBulkRoutes(deps: {
  db: Db;
  now: () => Date;
  inboxView: (c: Context<AppEnv>, lastVisit: string | null) => InboxView;
  /** What follows decisions on pairs (here, the dismissals of "not applicable"): the pipeline's. */
  afterDecision: () => void;
}) {
  const { db, now } = deps;

  /** A refused move of several cases: the inbox again, with the reason and the boxes still ticked. */
  function refused(c: Context<AppEnv>, problem: string, typed: Record<string, string>) {
    const view = deps.inboxView(c, previousVisit(db, c.get('user')!.id));
    if (view.bulk) view.bulk = { ...view.bulk, error: problem, typed };
    return c.render(
      <>
        <h1>Recall inbox</h1>
        <InboxPage view={view} />
      </>,
      { title: 'Recall inbox' },
    );
  }

  return new Hono<AppEnv>().post('/cases', requires('work'), validForm(casesForm, refused), async (c) => {
    const { action, ids, assignee, reason, note } = c.req.valid('form');
    const user = c.get('user')!;
    try {
      actOnCases(
        db,
        { action, ids, assignee, reason: dismissalReasonOf(reason), note },
        { name: user.name, userId: user.id },
        now(),
      );
      deps.afterDecision();
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      c.status(422);
      return refused(c, asSentence(error.message), {
        action,
        ids: ids.join(','),
        assignee: assignee === null || assignee === undefined ? '' : String(assignee),
        reason,
        note,
      });
    }
    return c.redirect('/', 303);
  });
}
