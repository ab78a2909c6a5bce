import { and, eq, sql } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { actionStates, type IncidentState, incidentActions, incidentAnalysis, incidents } from '../db/schema';
import { Refusal } from '../shared/refusal';
import { type ActionInput, type AnalysisEntry, checkedAction, checkedEntry } from './analysis-rules';
import { changeableIncident } from './record';
import { incidentTransitionProblem } from './workflow';

/** Adds a line of the root-cause analysis: a timeline event, a why, a factor, a causal statement. */
export function addAnalysis(db: Db, incidentId: number, entry: AnalysisEntry, by: Actor, now: Date): void {
  const checked = checkedEntry(entry);
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
      ...checked,
      position,
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

export type { ActionInput };

/** Plans an action, rated on the action hierarchy, with its owner, due date and measure of effect. */
export function addAction(db: Db, incidentId: number, input: ActionInput, by: Actor, now: Date): number {
  const checked = checkedAction(input);
  return writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const row = {
      incidentId,
      ...checked,
      status: 'planned' as const,
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
