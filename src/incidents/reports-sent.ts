import { and, asc, eq, sql } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { incidentReports, reportRecipients } from '../db/schema';
import { facilityDay } from '../shared/clock';
import { isCalendarDay } from '../shared/days';
import { Refusal } from '../shared/refusal';
import { facilityDetails } from './facility';
import { changeableIncident } from './record';

export type SentReport = typeof incidentReports.$inferSelect;

export function reportsSentFor(db: Db, incidentId: number): SentReport[] {
  return db
    .select()
    .from(incidentReports)
    .where(eq(incidentReports.incidentId, incidentId))
    .orderBy(asc(incidentReports.sentOn), asc(incidentReports.id))
    .all();
}

/**
 * The user facility report number for the incident's next report: the one it already has (a
 * follow-up and the copy to the other recipient keep the initial report's number), or the
 * facility's number, the year and the next sequence in that year (1234567-2026-0003), as the
 * 3500A instructions for block F2 ask.
 */
export function suggestedReportNumber(db: Db, incidentId: number, sentOn: string): string {
  const existing = reportsSentFor(db, incidentId)[0];
  if (existing) return existing.reportNumber;
  const facilityNumber = facilityDetails(db).number ?? 'FACILITY';
  const year = sentOn.slice(0, 4);
  const { n } = db.get<{ n: number }>(
    sql`SELECT count(DISTINCT report_number) AS n FROM incident_reports WHERE report_number LIKE ${`%-${year}-%`}`,
  )!;
  return `${facilityNumber}-${year}-${String(n + 1).padStart(4, '0')}`;
}

export type ReportSentInput = {
  recipient: string;
  recipientName?: string;
  sentOn: string;
  reportNumber?: string;
  followUp?: number;
  note?: string;
};

/**
 * Records a report as sent: to whom, when, under which report number. These rows, not what was
 * due, are what Form 3419 summarises and what clears a deadline from the inbox.
 */
export function recordReportSent(
  db: Db,
  incidentId: number,
  input: ReportSentInput,
  by: Actor,
  now: Date,
): SentReport {
  if (!reportRecipients.includes(input.recipient as never))
    throw new Refusal('say whether the report went to the FDA or to the manufacturer');
  if (!isCalendarDay(input.sentOn)) throw new Refusal('give the day it was sent as YYYY-MM-DD');
  if (input.sentOn > facilityDay(now))
    throw new Refusal('the day it was sent is in the future: record a report once it has gone');
  const followUp = input.followUp ?? 0;
  if (!Number.isInteger(followUp) || followUp < 0 || followUp > 99)
    throw new Refusal('a follow-up is numbered 1, 2, …; 0 is the initial report');
  const reportNumber =
    (input.reportNumber ?? '').trim() || suggestedReportNumber(db, incidentId, input.sentOn);
  if (reportNumber.length > 40) throw new Refusal('a report number is at most 40 characters');
  return writeTransaction(db, () => {
    const incident = changeableIncident(db, incidentId);
    if (!incident.reportability)
      throw new Refusal('decide reportability first: it says who must be told and by when');
    if (input.sentOn < incident.awareOn)
      throw new Refusal(`a report cannot be sent before the facility became aware (${incident.awareOn})`);
    const twice = db
      .select()
      .from(incidentReports)
      .where(
        and(
          eq(incidentReports.incidentId, incidentId),
          eq(incidentReports.recipient, input.recipient as 'FDA'),
          eq(incidentReports.followUp, followUp),
        ),
      )
      .get();
    if (twice)
      throw new Refusal(
        followUp === 0
          ? `the initial report to the ${input.recipient} is already recorded (sent ${twice.sentOn}); record a follow-up instead`
          : `follow-up ${followUp} to the ${input.recipient} is already recorded`,
      );
    const row = db
      .insert(incidentReports)
      .values({
        incidentId,
        recipient: input.recipient as 'FDA',
        recipientName: input.recipientName?.trim().slice(0, 300) || null,
        sentOn: input.sentOn,
        reportNumber,
        followUp,
        note: input.note?.trim().slice(0, 2000) || null,
        recordedBy: by.name,
        recordedAt: now.toISOString(),
      })
      .returning()
      .get();
    audit(db, by, now, {
      action: 'incident.report_sent',
      entity: 'incident',
      entityId: String(incidentId),
      after: row,
    });
    return row;
  });
}
