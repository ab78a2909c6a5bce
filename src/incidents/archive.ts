import { eq } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { incidents } from '../db/schema';
import { Refusal } from '../shared/refusal';
import { sequestrationsOf } from './asset-incidents';
import { changeableIncident } from './record';
import type { ReportabilityDecision } from './reportability';
import { reportsSentFor } from './reports-sent';

/**
 * The MDR event file is kept at least two years from the event (21 CFR 803.18(b)). Vigil never
 * deletes an incident at all; this is the date it shows so nobody purges a copy early.
 */
export function keepUntil(incident: { eventAt: string | null; awareOn: string }): string {
  const from = (incident.eventAt ?? incident.awareOn).slice(0, 10);
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  // 29 February plus two years rolls over to 1 March: the record is never let go a day early.
  return new Date(Date.UTC(y + 2, m - 1, d)).toISOString().slice(0, 10);
}

/** Reports the decision requires that have not been recorded as sent. */
export function reportsOutstanding(db: Db, incidentId: number, decision: ReportabilityDecision | null) {
  if (!decision) return [];
  const sent = new Set(reportsSentFor(db, incidentId).map((r) => r.recipient));
  return decision.reports.filter((r) => !sent.has(r.to));
}

/**
 * Archives an investigation: it leaves the lists but is kept whole and can be restored. Refused
 * while it still holds a device out of use or owes a report, since either would then be missed.
 */
export function archiveIncident(db: Db, incidentId: number, why: string, by: Actor, now: Date): void {
  const reason = why.trim().slice(0, 1000);
  if (!reason) throw new Refusal('say why the incident is archived');
  writeTransaction(db, () => {
    const incident = changeableIncident(db, incidentId);
    const held = [...sequestrationsOf(db)].filter(([, s]) => s.incidentId === incidentId);
    if (held.length > 0)
      throw new Refusal(
        `${held.map(([tag]) => tag).join(', ')} ${held.length === 1 ? 'is' : 'are'} still sequestered: release ${held.length === 1 ? 'it' : 'them'} first`,
      );
    const owed = reportsOutstanding(db, incidentId, incident.reportability as ReportabilityDecision | null);
    if (owed.length > 0)
      throw new Refusal(
        `the report to the ${owed.map((r) => r.to).join(' and the ')} is not recorded as sent: record it first`,
      );
    const at = now.toISOString();
    db.update(incidents)
      .set({ archivedAt: at, archivedWhy: reason, updatedAt: at })
      .where(eq(incidents.id, incidentId))
      .run();
    audit(db, by, now, {
      action: 'incident.archived',
      entity: 'incident',
      entityId: String(incidentId),
      after: { why: reason },
    });
  });
}

export function restoreIncident(db: Db, incidentId: number, by: Actor, now: Date): void {
  writeTransaction(db, () => {
    const incident = db.select().from(incidents).where(eq(incidents.id, incidentId)).get();
    if (!incident) throw new Refusal(`there is no incident ${incidentId}`, 'missing');
    if (!incident.archivedAt) throw new Refusal(`${incident.number} is not archived`);
    db.update(incidents)
      .set({ archivedAt: null, archivedWhy: null, updatedAt: now.toISOString() })
      .where(eq(incidents.id, incidentId))
      .run();
    audit(db, by, now, {
      action: 'incident.restored',
      entity: 'incident',
      entityId: String(incidentId),
      before: { archivedAt: incident.archivedAt, why: incident.archivedWhy },
    });
  });
}
