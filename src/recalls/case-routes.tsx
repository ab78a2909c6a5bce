import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { RecallView } from '../../views/recalls/recall';
import { type ActivityView, Notes } from '../../views/recalls/recall-activity';
import { requires } from '../auth/middleware';
import type { Db } from '../db/client';
import { caseStates } from '../db/schema';
import { optionalDay } from '../shared/days';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { choiceField, textField, validForm } from '../web/forms';
import { isHtmx } from '../web/htmx';
import { capitalise } from '../web/text';
import type { DevicesChanged } from './device-routes';
import { addEvidence, type EvidenceSettings, readEvidence } from './evidence';
import type { RecallViewExtra } from './pages';
import { evidenceFile } from './queries';
import { addNote, moveCase, setDueDate } from './service';
import { stateLabels } from './workflow';

/** What the recall page's routes lend these: the page, its view, the way back, the devices redrawn. */
export type CaseDeps = {
  db: Db;
  now: () => Date;
  evidence: EvidenceSettings;
  page: (c: Context<AppEnv>, view: RecallView) => Response | Promise<Response>;
  recallView: (c: Context<AppEnv>, id: string, extra?: RecallViewExtra) => RecallView;
  back: (c: Context<AppEnv>, id: string, hash?: string) => Response;
  devicesChanged: DevicesChanged;
};

// The recall page's forms, as browsers send them.
const assigneeField = z
  .string()
  .optional()
  .transform((s) => (s ? Number(s) : null))
  .refine((n) => n === null || Number.isInteger(n), 'choose who the recall is assigned to');
const stateForm = z.object({
  to: choiceField(caseStates, 'choose the state to move to'),
  assignee: assigneeField,
});
const dueForm = z.object({ due: optionalDay('the due date') });
const noteForm = z.object({ body: textField(10_000, 'a note') });
const evidenceForm = z.object({ file: z.instanceof(File, { message: 'choose a file to attach' }) });

/** A recall's case: its workflow state and due date, its notes and its evidence files. */
export function createCaseRoutes(deps: CaseDeps) {
  const { db, now, page, recallView, back, devicesChanged } = deps;
  const actor = (c: Context<AppEnv>) => ({ name: c.get('user')!.name, userId: c.get('user')!.id });
  // A refused form: the page again (or, for htmx, the devices and the workflow in place) with the
  // reason beside the panel it came from.
  const caseRefused = (c: Context<AppEnv>, problem: string) =>
    devicesChanged(c, c.req.param('id')!, { caseError: problem });

  return new Hono<AppEnv>()
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/state',
      requires('work'),
      validForm(stateForm, caseRefused),
      async (c) => {
        const id = c.req.param('id');
        const { to, assignee } = c.req.valid('form');
        try {
          moveCase(db, id, { to, assignee }, actor(c), now());
          // The close offered beside the devices answers in place; the workflow form with a page.
          if (isHtmx(c))
            return devicesChanged(c, id, { announcement: `The recall is ${stateLabels[to].toLowerCase()}.` });
          return back(c, id, '#case');
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          c.status(422);
          const caseError = `${capitalise(error.message)}.`;
          if (isHtmx(c)) return devicesChanged(c, id, { caseError });
          return page(c, recallView(c, id, { caseError }));
        }
      },
    )
    .post('/recalls/:id{[A-Za-z0-9-]+}/due', requires('work'), validForm(dueForm, caseRefused), async (c) => {
      const id = c.req.param('id');
      try {
        setDueDate(db, id, c.req.valid('form').due ?? null, actor(c), now());
        return back(c, id, '#case');
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        c.status(422);
        return page(c, recallView(c, id, { caseError: `${capitalise(error.message)}.` }));
      }
    })
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/notes',
      requires('work'),
      validForm(noteForm, (c, problem, typed) =>
        noteAnswer(c, c.req.param('id')!, { message: problem, text: typed.body ?? '' }),
      ),
      async (c) => {
        const id = c.req.param('id');
        const { body } = c.req.valid('form');
        let noteError: ActivityView['noteError'];
        try {
          addNote(db, id, body, actor(c), now());
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          noteError = { message: `${capitalise(error.message)}.`, text: body };
        }
        return noteAnswer(c, id, noteError);
      },
    )

    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/evidence',
      requires('work'),
      validForm(evidenceForm, (c, problem) =>
        page(c, recallView(c, c.req.param('id')!, { activity: { evidenceError: problem } })),
      ),
      async (c) => {
        const id = c.req.param('id');
        const { file } = c.req.valid('form');
        try {
          await addEvidence(db, deps.evidence, id, file, actor(c), now());
          return back(c, id, '#evidence');
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          c.status(422);
          return page(c, recallView(c, id, { activity: { evidenceError: `${capitalise(error.message)}.` } }));
        }
      },
    )
    .get('/recalls/:id{[A-Za-z0-9-]+}/evidence/:file{[0-9]+}', requires('read'), (c) => {
      const row = evidenceFile(db, c.req.param('id'), Number(c.req.param('file')));
      const stored = row ? readEvidence(deps.evidence, row) : null;
      if (!row || !stored) throw new HTTPException(404, { message: 'That evidence file is not stored.' });
      const name = encodeURIComponent(row.originalName);
      return c.body(stored.bytes, 200, {
        'content-type': stored.inline ? row.contentType : 'application/octet-stream',
        'content-disposition': `${stored.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      });
    });

  /** After a note: the notes for htmx, the page otherwise; with the reason when it was refused. */
  function noteAnswer(c: Context<AppEnv>, id: string, noteError?: ActivityView['noteError']) {
    if (noteError) c.status(422);
    if (isHtmx(c)) return c.html(<Notes view={recallView(c, id, { activity: { noteError } }).activity} />);
    if (noteError) return page(c, recallView(c, id, { activity: { noteError } }));
    return back(c, id, '#notes');
  }
}
