import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import {
  type FetchPageView,
  type FetchView,
  HistoryFetchPage,
  HistoryListPage,
  HistoryProgress,
} from '../../views/events/event-history';
import { audit } from '../audit/log';
import { requires } from '../auth/middleware';
import { can } from '../auth/roles';
import type { Db } from '../db/client';
import { runDuration } from '../shared/duration';
import type { AppEnv } from '../web/env';
import { textField, validForm } from '../web/forms';
import { type HistoryFetchRow, historyFetchById, recentHistoryFetches } from './history-queries';
import { readHistoryAsk, searchLink } from './history-rules';
import type { HistoryStarter } from './history-runner';

export type EventHistoryDeps = {
  db: Db;
  now: () => Date;
  /** Runs fetches in the background; absent where Vigil cannot reach openFDA from the web app. */
  history?: HistoryStarter | undefined;
};

/** What was asked, read by the history rules; their problem is the form's reason. */
const historyForm = z
  .object({ kind: textField(40), value: textField(400), force: textField(10) })
  .transform((form, ctx) => {
    const read = readHistoryAsk(form.kind, form.value);
    if (!read.ok) {
      ctx.addIssue({ code: 'custom', message: read.problem });
      return z.NEVER;
    }
    return { ask: read.ask, force: form.force === '1' };
  });

const askedValues = ['started', 'running', 'recent'] as const;

/**
 * MAUDE history on request: ask openFDA for a manufacturer's or product code's whole history,
 * watch it arrive, and find the fetches made before.
 */
export function createEventHistoryRoutes(deps: EventHistoryDeps) {
  const { db } = deps;
  const fetchView = (f: HistoryFetchRow, now: Date): FetchView => ({
    ...f,
    duration: runDuration(f.startedAt, f.finishedAt, now),
    searchUrl: searchLink(f),
  });
  const fetchOf = (c: Context<AppEnv>) => {
    const id = Number(c.req.param('id'));
    const fetch = Number.isInteger(id) ? historyFetchById(db, id) : undefined;
    if (!fetch) throw new HTTPException(404, { message: `There is no history fetch ${c.req.param('id')}.` });
    return fetch;
  };
  const listPage = (c: Context<AppEnv>, form?: { kind: string; value: string; problem: string }) => {
    const now = deps.now();
    const view = {
      fetches: recentHistoryFetches(db).map((f) => fetchView(f, now)),
      now,
      csrf: c.get('csrf'),
      canWork: can(c.get('user')!.role, 'work'),
      ...(form ? { form } : {}),
    };
    return c.render(<HistoryListPage view={view} />, { title: 'MAUDE histories' });
  };

  return new Hono<AppEnv>()
    .get('/events/history', requires('read'), (c) => listPage(c))
    .post(
      '/events/history',
      requires('work'),
      validForm(historyForm, (c, problem, typed) =>
        listPage(c, { kind: typed.kind ?? '', value: typed.value ?? '', problem }),
      ),
      async (c) => {
        const read = c.req.valid('form');
        if (!deps.history) {
          c.status(503);
          return listPage(c, {
            ...read.ask,
            problem:
              'Fetching history is not available here: this Vigil runs without its openFDA connection.',
          });
        }
        const user = c.get('user')!;
        const { decision, fetch } = deps.history.request(read.ask, {
          force: read.force,
          requestedBy: user.name,
          onOpen: (opened) =>
            audit(db, { name: user.name, userId: user.id }, deps.now(), {
              action: 'maude-history.requested',
              entity: 'maude-history',
              entityId: String(opened.id),
              after: read.ask,
            }),
        });
        return c.redirect(
          `/events/history/${fetch.id}?asked=${decision === 'start' ? 'started' : decision}`,
          303,
        );
      },
    )
    .get('/events/history/:id{[0-9]+}', requires('read'), (c) => {
      const now = deps.now();
      const asked = askedValues.find((a) => a === c.req.query('asked')) ?? null;
      const view: FetchPageView = {
        fetch: fetchView(fetchOf(c), now),
        now,
        csrf: c.get('csrf'),
        canWork: can(c.get('user')!.role, 'work'),
        asked,
      };
      return c.render(<HistoryFetchPage view={view} />, { title: `MAUDE history: ${view.fetch.value}` });
    })
    .get('/events/history/:id{[0-9]+}/progress', requires('read'), (c) => {
      const now = deps.now();
      return c.html(<HistoryProgress fetch={fetchView(fetchOf(c), now)} now={now} />);
    });
}
