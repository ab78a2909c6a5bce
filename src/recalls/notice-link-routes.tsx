import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { RecallView } from '../../views/recalls/recall';
import type { Actor } from '../audit/log';
import { requires } from '../auth/middleware';
import type { Db } from '../db/client';
import { decideLink, LinkNotFound } from '../sources/linking';
import type { AppEnv } from '../web/env';
import { choiceField, textField, validForm } from '../web/forms';
import type { RecallViewExtra } from './pages';

const linkForm = z.object({
  notice: textField(200, 'the early notice'),
  recall: textField(200, 'the recall'),
  same: choiceField(['yes', 'no'], 'choose whether the notice and the recall are the same'),
});

export type NoticeLinkDeps = {
  db: Db;
  now: () => Date;
  page: (c: Context<AppEnv>, view: RecallView) => Response | Promise<Response>;
  recallView: (c: Context<AppEnv>, id: string, extra?: RecallViewExtra) => RecallView;
  back: (c: Context<AppEnv>, id: string, hash?: string) => Response;
  afterDecision: (decided?: { productResNumber: string; by: Actor }) => void;
};

/**
 * A person's word on a link Vigil was unsure of, from either page (the notice's or the recall's):
 * the same recall, and the notice's case folds into the recall's; or not, and it is never offered
 * again. Either way the page shows the outcome.
 */
export function createNoticeLinkRoutes(deps: NoticeLinkDeps) {
  const { db, now, page, recallView, back } = deps;
  const actor = (c: Context<AppEnv>) => ({ name: c.get('user')!.name, userId: c.get('user')!.id });
  return new Hono<AppEnv>().post(
    '/recalls/:id{[A-Za-z0-9-]+}/notice-link',
    requires('work'),
    validForm(linkForm, (c, problem) =>
      page(c, recallView(c, c.req.param('id')!, { sourcesError: problem })),
    ),
    (c) => {
      const id = c.req.param('id');
      const form = c.req.valid('form');
      try {
        decideLink(
          db,
          { noticeKey: form.notice, productResNumber: form.recall },
          form.same === 'yes',
          actor(c),
          now(),
        );
      } catch (error) {
        if (!(error instanceof LinkNotFound)) throw error;
        c.status(422);
        return page(c, recallView(c, id, { sourcesError: error.message }));
      }
      deps.afterDecision();
      // A notice joined to its recall is worked on the recall's page from now on.
      return back(c, form.same === 'yes' ? form.recall : id, '#sources');
    },
  );
}
