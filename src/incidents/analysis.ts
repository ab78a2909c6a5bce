import { and, eq, sql } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import {
  actionStates,
  actionStrengths,
  type analysisKinds,
  fishboneCategories,
  type IncidentState,
  incidentActions,
  incidentAnalysis,
  incidents,
} from '../db/schema';
import { isCalendarDay } from '../shared/days';
import { Refusal } from '../shared/refusal';
import { changeableIncident } from './record';
import { incidentTransitionProblem } from './workflow';

type Kind = (typeof analysisKinds)[number];

/** Adds a line of the root-cause analysis: a timeline event, a why, a factor, a causal statement. */
export function addAnalysis(
  db: Db,
  incidentId: number,
  entry: { kind: Kind; text: string; at?: string; category?: string },
  by: Actor,
  now: Date,
): void {
  const text = entry.text.trim();
  if (!text) throw new Refusal('write the entry first');
  if (entry.kind === 'timeline' && !entry.at) throw new Refusal('a timeline entry needs its time');
  if (entry.kind === 'interview' && !entry.at) throw new Refusal('say when the interview took place');
  if (entry.kind === 'factor' && !fishboneCategories.includes(entry.category as never))
    throw new Refusal(`a contributing factor belongs to one of: ${fishboneCategories.join(', ')}`);
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const position =
      entry.kind === 'why'
        ? db.get<{ n: number }>(
            sql`SELECT count(*) + 1 AS n FROM incident_analysis WHERE incident_id = ${incidentId} AND kind = 'why'`,
          )!.n
        : null;
    const row = {
      incidentId,
      kind: entry.kind,
      text,
      at: entry.kind === 'timeline' || entry.kind === 'interview' ? (entry.at ?? null) : null,
      position,
      category: entry.kind === 'factor' ? (entry.category as (typeof fishboneCategories)[number]) : null,
      recordedBy: by.name,
      recordedAt: now.toISOString(),
    };
    db.insert(incidentAnalysis).values(row).run();
    audit(db, by, now, {
      action: `incident.analysis.${entry.kind}`,
      entity: 'incident',
      entityId: String(incidentId),
      after: row,
    });
  });
}

export type ActionInput = { text: string; strength: string; owner: string; dueOn: string; measure: string };

/** Plans an action, rated on the action hierarchy, with its owner, due date and measure of effect. */
export function addAction(db: Db, incidentId: number, input: ActionInput, by: Actor, now: Date): number {
  const text = input.text.trim();
  const owner = input.owner.trim();
  const measure = input.measure.trim();
  if (!text) throw new Refusal('say what the action is');
  if (!actionStrengths.includes(input.strength as never))
    throw new Refusal(`rate the action: ${actionStrengths.join(', ')}`);
  if (!owner) throw new Refusal('every action needs an owner');
  if (!isCalendarDay(input.dueOn)) throw new Refusal('every action needs a due date (YYYY-MM-DD)');
  if (!measure) throw new Refusal('say how the effect of the action will be measured');
  return writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const row = {
      incidentId,
      text,
      strength: input.strength as (typeof actionStrengths)[number],
      owner,
      dueOn: input.dueOn,
      status: 'planned' as const,
      measure,
      updatedAt: now.toISOString(),
    };
    const { id } = db.insert(incidentActions).values(row).returning({ id: incidentActions.id }).get();
    audit(db, by, now, {
      action: 'incident.action_added',
      entity: 'incident',
      entityId: String(incidentId),
      after: { id, ...row },
    });
    return id;
  });
}

export function setActionStatus(
  db: Db,
  incidentId: number,
  actionId: number,
  status: string,
  by: Actor,
  now: Date,
): void {
  if (!actionStates.includes(status as never)) throw new Refusal(`an action is ${actionStates.join(', ')}`);
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const key = and(eq(incidentActions.id, actionId), eq(incidentActions.incidentId, incidentId));
    const before = db.select().from(incidentActions).where(key).get();
    if (!before) throw new Refusal('there is no such action in this incident', 'missing');
    db.update(incidentActions)
      .set({ status: status as (typeof actionStates)[number], updatedAt: now.toISOString() })
      .where(key)
      .run();
    audit(db, by, now, {
      action: 'incident.action_status',
      entity: 'incident',
      entityId: String(incidentId),
      before: { id: actionId, status: before.status },
      after: { id: actionId, status },
    });
  });
}

/** Moves the investigation along open → analysis → actions → closed (see workflow.ts). */
export function moveIncident(db: Db, incidentId: number, to: IncidentState, by: Actor, now: Date): void {
  writeTransaction(db, () => {
    const incident = changeableIncident(db, incidentId);
    const facts = db.get<{ causal: number; actions: number; open: number }>(sql`
      SELECT
        (SELECT count(*) FROM incident_analysis WHERE incident_id = ${incidentId} AND kind = 'causal_statement') AS causal,
        (SELECT count(*) FROM incident_actions WHERE incident_id = ${incidentId}) AS actions,
        (SELECT count(*) FROM incident_actions WHERE incident_id = ${incidentId} AND status IN ('planned', 'in_progress')) AS open`)!;
    const problem = incidentTransitionProblem(incident.state, to, {
      causalStatements: facts.causal,
      actions: facts.actions,
      actionsOpen: facts.open,
      reportabilityDecided: incident.reportability !== null,
    });
    if (problem) throw new Refusal(problem);
    db.update(incidents)
      .set({ state: to, updatedAt: now.toISOString() })
      .where(eq(incidents.id, incidentId))
      .run();
    audit(db, by, now, {
      action: 'incident.state',
      entity: 'incident',
      entityId: String(incidentId),
      before: { state: incident.state },
      after: { state: to },
    });
  });
}
