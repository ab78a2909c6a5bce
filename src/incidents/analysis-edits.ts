import { and, eq, gt, sql } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { incidentActions, incidentAnalysis } from '../db/schema';
import { Refusal } from '../shared/refusal';
import { type ActionInput, checkedAction, checkedEntry } from './analysis-rules';
import { changeableIncident } from './record';

/** The entry of this incident, or a refusal that makes a 404: an id from another incident is not ours to touch. */
function entryOf(db: Db, incidentId: number, entryId: number) {
  const key = and(eq(incidentAnalysis.id, entryId), eq(incidentAnalysis.incidentId, incidentId));
  const row = db.select().from(incidentAnalysis).where(key).get();
  if (!row) throw new Refusal('there is no such entry in this analysis', 'missing');
  return { row, key };
}

/** Corrects an entry of the analysis in place; its kind and its place among the whys stay. */
export function updateAnalysis(
  db: Db,
  incidentId: number,
  entryId: number,
  input: { text: string; at?: string; category?: string },
  by: Actor,
  now: Date,
): void {
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const { row, key } = entryOf(db, incidentId, entryId);
    const checked = checkedEntry({ kind: row.kind, ...input });
    db.update(incidentAnalysis).set(checked).where(key).run();
    audit(db, by, now, {
      action: 'incident.analysis_edited',
      entity: 'incident',
      entityId: String(incidentId),
      before: { id: entryId, kind: row.kind, text: row.text, at: row.at, category: row.category },
      after: { id: entryId, kind: row.kind, ...checked },
    });
  });
}

/** Removes an entry; the whys after a removed why move up one, so the chain keeps no gap. */
export function deleteAnalysis(db: Db, incidentId: number, entryId: number, by: Actor, now: Date): void {
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const { row, key } = entryOf(db, incidentId, entryId);
    db.delete(incidentAnalysis).where(key).run();
    if (row.kind === 'why' && row.position !== null)
      db.update(incidentAnalysis)
        .set({ position: sql`${incidentAnalysis.position} - 1` })
        .where(
          and(
            eq(incidentAnalysis.incidentId, incidentId),
            eq(incidentAnalysis.kind, 'why'),
            gt(incidentAnalysis.position, row.position),
          ),
        )
        .run();
    audit(db, by, now, {
      action: 'incident.analysis_deleted',
      entity: 'incident',
      entityId: String(incidentId),
      before: { id: entryId, kind: row.kind, text: row.text, at: row.at, category: row.category },
    });
  });
}

function actionOf(db: Db, incidentId: number, actionId: number) {
  const key = and(eq(incidentActions.id, actionId), eq(incidentActions.incidentId, incidentId));
  const row = db.select().from(incidentActions).where(key).get();
  if (!row) throw new Refusal('there is no such action in this incident', 'missing');
  return { row, key };
}

/** Corrects a planned action; its status is set on its own (setActionStatus). */
export function updateAction(
  db: Db,
  incidentId: number,
  actionId: number,
  input: ActionInput,
  by: Actor,
  now: Date,
): void {
  const checked = checkedAction(input);
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const { row, key } = actionOf(db, incidentId, actionId);
    db.update(incidentActions)
      .set({ ...checked, updatedAt: now.toISOString() })
      .where(key)
      .run();
    const { incidentId: _, updatedAt: __, status: ___, ...before } = row;
    audit(db, by, now, {
      action: 'incident.action_edited',
      entity: 'incident',
      entityId: String(incidentId),
      before,
      after: { id: actionId, ...checked },
    });
  });
}

export function deleteAction(db: Db, incidentId: number, actionId: number, by: Actor, now: Date): void {
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const { row, key } = actionOf(db, incidentId, actionId);
    db.delete(incidentActions).where(key).run();
    audit(db, by, now, {
      action: 'incident.action_deleted',
      entity: 'incident',
      entityId: String(incidentId),
      before: row,
    });
  });
}
