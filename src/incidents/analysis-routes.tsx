import { Hono } from 'hono';
import { z } from 'zod';
import { requires } from '../auth/middleware';
import type { AppEnv } from '../web/env';
import { textFields } from '../web/forms';
import { addAction, addAnalysis, setActionStatus } from './analysis';
import { deleteAction, deleteAnalysis, updateAction, updateAnalysis } from './analysis-edits';
import { type IncidentDeps, investigationSteps } from './investigation-steps';
import { setMethod } from './record';

/** An incident's analysis: its method, the root-cause analysis entries and the actions taken. */
export function createIncidentAnalysisRoutes(deps: IncidentDeps) {
  const { db, now } = deps;
  const { actor, idOf, section, step } = investigationSteps(deps);

  const id = '/incidents/:id{[0-9]+}';
  return (
    new Hono<AppEnv>()
      .post(
        `${id}/method`,
        requires('work'),
        ...step('method', '#analysis', textFields('method'), (c, id, f) =>
          setMethod(db, id, f.method, actor(c), now()),
        ),
      )
      // The analysis and the actions as htmx swaps them in: with one entry's form open (Edit), or none (Cancel).
      .get(`${id}/analysis`, requires('read'), (c) => section(c, idOf(c), 'analysis'))
      .get(`${id}/actions`, requires('read'), (c) => section(c, idOf(c), 'actions'))
      .post(
        `${id}/analysis`,
        requires('work'),
        ...step(
          'analysis',
          '#analysis',
          textFields('kind', 'text', 'at', 'category'),
          (c, id, f) =>
            addAnalysis(
              db,
              id,
              {
                kind: f.kind as Parameters<typeof addAnalysis>[2]['kind'],
                text: f.text,
                at: f.at || undefined,
                category: f.category || undefined,
              },
              actor(c),
              now(),
            ),
          'analysis',
        ),
      )
      .post(
        `${id}/analysis/:entry{[0-9]+}`,
        requires('work'),
        ...step(
          (c) => `entry:${c.req.param('entry')}`,
          '#analysis',
          textFields('text', 'at', 'category'),
          (c, id, f) =>
            updateAnalysis(
              db,
              id,
              Number(c.req.param('entry')),
              { text: f.text, at: f.at || undefined, category: f.category || undefined },
              actor(c),
              now(),
            ),
          'analysis',
        ),
      )
      .post(
        `${id}/analysis/:entry{[0-9]+}/delete`,
        requires('work'),
        ...step(
          (c) => `entry:${c.req.param('entry')}`,
          '#analysis',
          z.object({}),
          (c, id) => deleteAnalysis(db, id, Number(c.req.param('entry')), actor(c), now()),
          'analysis',
        ),
      )
      .post(
        `${id}/actions`,
        requires('work'),
        ...step(
          'action',
          '#actions',
          textFields('text', 'strength', 'owner', 'dueOn', 'measure'),
          (c, id, f) => addAction(db, id, f, actor(c), now()),
          'actions',
        ),
      )
      .post(
        `${id}/actions/:action{[0-9]+}`,
        requires('work'),
        ...step(
          'action-status',
          '#actions',
          textFields('status'),
          (c, id, f) => setActionStatus(db, id, Number(c.req.param('action')), f.status, actor(c), now()),
          'actions',
        ),
      )
      .post(
        `${id}/actions/:action{[0-9]+}/edit`,
        requires('work'),
        ...step(
          (c) => `action:${c.req.param('action')}`,
          '#actions',
          textFields('text', 'strength', 'owner', 'dueOn', 'measure'),
          (c, id, f) => updateAction(db, id, Number(c.req.param('action')), f, actor(c), now()),
          'actions',
        ),
      )
      .post(
        `${id}/actions/:action{[0-9]+}/delete`,
        requires('work'),
        ...step(
          (c) => `action:${c.req.param('action')}`,
          '#actions',
          z.object({}),
          (c, id) => deleteAction(db, id, Number(c.req.param('action')), actor(c), now()),
          'actions',
        ),
      )
  );
}
