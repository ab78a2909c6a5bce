import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { BaselinePage, BaselinePreview, type BaselineView } from '../../views/recalls/baseline';
import { requires } from '../auth/middleware';
import type { Db } from '../db/client';
import { facilityDay } from '../shared/clock';
import { isCalendarDay, optionalDay } from '../shared/days';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { validForm } from '../web/forms';
import { isHtmx } from '../web/htmx';
import { asSentence } from '../web/text';
import { applyBaseline, baselinesApplied, previewBaseline, undoBaseline } from './baseline';

export type BaselineDeps = { db: Db; now: () => Date };

const applyForm = z.object({ before: optionalDay('the day') });

/** The first suggestion for the day: a year back, so the inbox keeps the last year's recalls. */
const yearAgo = (now: Date) => facilityDay(new Date(now.getTime() - 365 * 86_400_000));

/** The admin's baseline screen: counts first, then apply; every baseline applied can be undone. */
export function createBaselineRoutes(deps: BaselineDeps) {
  const { db, now } = deps;
  const actor = (c: Context<AppEnv>) => ({ name: c.get('user')!.name, userId: c.get('user')!.id });

  /** The screen (or, for htmx, its counts) for the day as typed; 422 when it is not a date. */
  const screen = (c: Context<AppEnv>, typed: string, error?: string) => {
    const day = typed.trim();
    const valid = day === '' || isCalendarDay(day);
    const problem =
      error ?? (valid ? undefined : `${day} is not a date: write it as YYYY-MM-DD, such as 2024-01-31.`);
    if (problem) c.status(422);
    const view: BaselineView = {
      csrf: c.get('csrf'),
      typed,
      error: problem,
      preview: valid ? previewBaseline(db, day || null) : null,
      applied: baselinesApplied(db),
    };
    if (isHtmx(c)) return c.html(<BaselinePreview view={view} />);
    return c.render(<BaselinePage view={view} />, { title: 'Baseline' });
  };

  return new Hono<AppEnv>()
    .get('/baseline', requires('admin'), (c) => screen(c, c.req.query('before') ?? yearAgo(now())))
    .post(
      '/baseline',
      requires('admin'),
      validForm(applyForm, (c, problem, typed) => screen(c, typed.before ?? '', problem)),
      (c) => {
        const before = c.req.valid('form').before ?? null;
        try {
          applyBaseline(db, before, actor(c), now());
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          return screen(c, before ?? '', asSentence(error.message));
        }
        return c.redirect('/baseline', 303);
      },
    )
    .post('/baseline/:id{[0-9]+}/undo', requires('admin'), (c) => {
      try {
        undoBaseline(db, Number(c.req.param('id')), actor(c), now());
      } catch (error) {
        if (!(error instanceof Refusal) || error.kind === 'missing') throw error;
        return screen(c, yearAgo(now()), asSentence(error.message));
      }
      return c.redirect('/baseline', 303);
    });
}
