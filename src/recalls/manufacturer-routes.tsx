import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { RecallView } from '../../views/recalls/recall';
import { requires } from '../auth/middleware';
import type { Db } from '../db/client';
import { facilityDay } from '../shared/clock';
import { optionalDay } from '../shared/days';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { textField, validForm } from '../web/forms';
import { capitalise } from '../web/text';
import { addEvidence, type EvidenceSettings } from './evidence';
import { manufacturerSideProblem, newestEvidenceId, setManufacturerSide } from './manufacturer';
import type { RecallViewExtra } from './pages';

/** A file field a browser sent empty (no file chosen) is no file. */
const optionalFile = z
  .union([z.instanceof(File), z.string()])
  .optional()
  .transform((f) => (f instanceof File && f.size > 0 ? f : null));
const manufacturerForm = z.object({
  response_sent_on: optionalDay('the day the response was sent'),
  response_sent_by: textField(200, 'who sent the response'),
  file: optionalFile,
  correction_promised_by: optionalDay('the day the correction was promised by'),
  correction_done_on: optionalDay('the day the correction was done'),
});
/** What the recall page's routes lend this form: the page, its view, and the way back to it. */
export type ManufacturerDeps = {
  db: Db;
  now: () => Date;
  evidence: EvidenceSettings;
  page: (c: Context<AppEnv>, view: RecallView) => Response | Promise<Response>;
  recallView: (c: Context<AppEnv>, id: string, extra?: RecallViewExtra) => RecallView;
  back: (c: Context<AppEnv>, id: string, hash?: string) => Response;
};

/** The manufacturer's side of a case (see manufacturer.ts): one form, which may carry a file. */
export function createManufacturerRoutes(deps: ManufacturerDeps) {
  const { db, now, page, recallView, back } = deps;
  const actor = (c: Context<AppEnv>) => ({ name: c.get('user')!.name, userId: c.get('user')!.id });
  return new Hono<AppEnv>().post(
    '/recalls/:id{[A-Za-z0-9-]+}/manufacturer',
    requires('work'),
    validForm(manufacturerForm, (c, problem, typed) =>
      page(c, recallView(c, c.req.param('id')!, { manufacturer: { error: problem, typed } })),
    ),
    async (c) => {
      const id = c.req.param('id');
      const form = c.req.valid('form');
      const typed = {
        response_sent_on: form.response_sent_on ?? '',
        response_sent_by: form.response_sent_by,
        correction_promised_by: form.correction_promised_by ?? '',
        correction_done_on: form.correction_done_on ?? '',
      };
      const side = {
        responseSentOn: form.response_sent_on ?? null,
        responseSentBy: form.response_sent_by || null,
        correctionPromisedBy: form.correction_promised_by ?? null,
        correctionDoneOn: form.correction_done_on ?? null,
      };
      try {
        // Checked before the file is kept: a refused form stores nothing.
        const problem = manufacturerSideProblem(
          { ...side, withFile: form.file !== null },
          facilityDay(now()),
        );
        if (problem) throw new Refusal(problem);
        // The response kept as evidence first, so the case can point at it.
        if (form.file) await addEvidence(db, deps.evidence, id, form.file, actor(c), now());
        const responseFileId = form.file ? newestEvidenceId(db, id) : null;
        setManufacturerSide(db, id, { ...side, responseFileId }, actor(c), now());
        return back(c, id, '#manufacturer');
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        c.status(422);
        return page(
          c,
          recallView(c, id, { manufacturer: { error: `${capitalise(error.message)}.`, typed } }),
        );
      }
    },
  );
}
