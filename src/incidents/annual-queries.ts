import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { SentRow } from './form3419';

/**
 * Every report row that can count in `year`'s Form 3419: all rows (initial, copies, follow-ups)
 * of each report number with an initial report sent that year. `annualReport` decides which
 * year an event belongs to; archived incidents count, since their reports were sent all the same.
 */
export function sentRowsOf(db: Db, year: number): SentRow[] {
  const rows = db.all<Omit<SentRow, 'devices'> & { incidentId: number }>(sql`
    SELECT r.report_number AS reportNumber, r.recipient, r.recipient_name AS recipientName,
           r.sent_on AS sentOn, r.follow_up AS followUp, i.number AS incidentNumber,
           i.description, i.patient_identifier AS patientIdentifier, i.id AS incidentId
    FROM incident_reports r JOIN incidents i ON i.id = r.incident_id
    WHERE r.report_number IN (
      SELECT report_number FROM incident_reports
      WHERE follow_up = 0 AND sent_on >= ${`${year}-01-01`} AND sent_on < ${`${year + 1}-01-01`})
    ORDER BY r.sent_on, r.id`);
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.incidentId))];
  const devices = new Map<number, Record<string, string>[]>();
  for (const d of db.all<{ incidentId: number; details: string }>(sql`
    SELECT incident_id AS incidentId, details FROM incident_devices
    WHERE incident_id IN ${ids} ORDER BY asset_tag`))
    devices.set(d.incidentId, [...(devices.get(d.incidentId) ?? []), JSON.parse(d.details)]);
  return rows.map(({ incidentId, ...row }) => ({ ...row, devices: devices.get(incidentId) ?? [] }));
}
