import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AssetRowContext } from '../../views/recalls/recall-assets';
import type { Actor } from '../audit/log';
import { requires } from '../auth/middleware';
import type { Db } from '../db/client';
import { dispositions } from '../db/schema';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { choiceField, textField, tickedField, validForm } from '../web/forms';
import { asSentence, capitalise } from '../web/text';
import { confirmHighConfidence, decide, undoDismissal } from './decisions';
import { setDisposition, setDispositionFor } from './service';
import { dismissalReasonOf, dispositionLabels } from './workflow';

/** What changed among the recall page's devices, or why a change was refused. */
export type DeviceChange = {
  tag?: string;
  announcement?: string;
  rowError?: AssetRowContext['error'];
  assetsError?: string;
  caseError?: string;
};

/** The answer to a change to the devices: see `devicesChanged` in routes.tsx. */
export type DevicesChanged = (
  c: Context<AppEnv>,
  id: string,
  extra: DeviceChange,
) => Response | Promise<Response>;

/** What the recall page's routes lend these: the answer that redraws the devices. */
export type DeviceDeps = {
  db: Db;
  now: () => Date;
  afterDecision: (decided?: { productResNumber: string; by: Actor }) => void;
  devicesChanged: DevicesChanged;
};

// The recall page's forms, as browsers send them.
const dispositionForm = z.object({
  disposition: choiceField(
    dispositions,
    `choose a disposition: ${dispositions.join(', ').replaceAll('_', ' ')}`,
  ),
  note: textField(10_000, 'a note'),
});
const decisionForm = z.object({
  decision: choiceField(['confirmed', 'dismissed', 'undo'], 'choose confirm, dismiss or undo'),
  reason: textField(100),
  note: textField(2000, 'a note'),
});
// Several devices at once: those ticked, or every one not yet finished. The button pressed says
// which; where it is not sent, ticked boxes mean the ticked ones, so none is ever changed unasked.
const severalForm = dispositionForm
  .extend({ scope: z.enum(['selected', 'rest', '']).optional(), tags: tickedField() })
  .transform((f) => ({
    ...f,
    scope:
      f.scope === 'rest' || (!f.scope && f.tags.length === 0) ? ('rest' as const) : ('selected' as const),
  }));

/** The recall page's devices: a decision or a disposition for one device, or for several at once. */
export function createDeviceRoutes(deps: DeviceDeps) {
  const { db, now, devicesChanged } = deps;
  const actor = (c: Context<AppEnv>) => ({ name: c.get('user')!.name, userId: c.get('user')!.id });
  // A refused form: the page again (or, for htmx, the devices and the workflow in place) with the
  // reason beside the panel it came from.
  const assetsRefused = (c: Context<AppEnv>, problem: string) =>
    devicesChanged(c, c.req.param('id')!, { assetsError: problem });
  const rowRefused =
    (form: 'disposition' | 'dismiss') =>
    (c: Context<AppEnv>, problem: string, typed: Record<string, string>) =>
      devicesChanged(c, c.req.param('id')!, {
        tag: c.req.param('tag')!,
        rowError: { assetTag: c.req.param('tag')!, message: problem, form, typed },
      });

  return new Hono<AppEnv>()
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/assets/:tag/disposition',
      requires('work'),
      validForm(dispositionForm, rowRefused('disposition')),
      async (c) => {
        const { id, tag } = c.req.param();
        const { disposition, note } = c.req.valid('form');
        try {
          setDisposition(db, id, tag, { disposition, note }, actor(c), now());
          deps.afterDecision({ productResNumber: id, by: actor(c) });
          const label = dispositionLabels[disposition].toLowerCase();
          return devicesChanged(c, id, { tag, announcement: `Disposition of ${tag}: ${label}.` });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          const rowError = {
            assetTag: tag,
            message: asSentence(error.message),
            form: 'disposition' as const,
          };
          return devicesChanged(c, id, { tag, rowError });
        }
      },
    )
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/assets/:tag/decision',
      requires('work'),
      validForm(decisionForm, rowRefused('dismiss')),
      async (c) => {
        const { id, tag } = c.req.param();
        const { decision, reason, note } = c.req.valid('form');
        const pair = { assetTag: tag, productResNumber: id };
        const user = actor(c);
        try {
          if (decision === 'undo') undoDismissal(db, pair, user, now());
          else {
            decide(
              db,
              pair,
              decision,
              { ...user, note: note || null, reason: dismissalReasonOf(reason) },
              now(),
            );
          }
          deps.afterDecision(decision === 'undo' ? undefined : { productResNumber: id, by: user });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          if (error.kind === 'missing') throw new HTTPException(404, { message: asSentence(error.message) });
          const typed = { reason, note };
          const rowError = {
            assetTag: tag,
            message: asSentence(error.message),
            form: 'dismiss' as const,
            typed,
          };
          return devicesChanged(c, id, { tag, rowError });
        }
        const said = {
          confirmed: `${tag} confirmed: the recall applies to it.`,
          dismissed: `${tag} dismissed: the recall does not apply to it.`,
          undo: `The dismissal of ${tag} is undone.`,
        }[decision];
        return devicesChanged(c, id, { tag, announcement: said });
      },
    )
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/confirm-high',
      requires('work'),
      validForm(z.object({}), assetsRefused),
      async (c) => {
        const id = c.req.param('id');
        const user = actor(c);
        try {
          const tags = confirmHighConfidence(db, id, user, now());
          deps.afterDecision({ productResNumber: id, by: user });
          const said = `${tags.join(', ')} confirmed: the recall applies to ${tags.length === 1 ? 'it' : 'them'}.`;
          return devicesChanged(c, id, { announcement: said });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          if (error.kind === 'missing') throw new HTTPException(404, { message: asSentence(error.message) });
          return devicesChanged(c, id, { assetsError: `${capitalise(error.message)}.` });
        }
      },
    )
    .post(
      '/recalls/:id{[A-Za-z0-9-]+}/dispositions',
      requires('work'),
      validForm(severalForm, assetsRefused),
      async (c) => {
        const id = c.req.param('id');
        const { disposition, note, scope, tags } = c.req.valid('form');
        try {
          const n = setDispositionFor(
            db,
            id,
            { disposition, note, tags: scope === 'selected' ? tags : null },
            actor(c),
            now(),
          );
          deps.afterDecision({ productResNumber: id, by: actor(c) });
          const label = dispositionLabels[disposition].toLowerCase();
          return devicesChanged(c, id, {
            announcement: `Disposition of ${n} ${n === 1 ? 'device' : 'devices'}: ${label}.`,
          });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          return devicesChanged(c, id, { assetsError: `${capitalise(error.message)}.` });
        }
      },
    );
}
