import { sql } from 'drizzle-orm';
import type { Clock, DueReport } from '../../views/shared/reports-due';
import type { Db } from '../db/client';
import { addWorkDays, workDaysBetween } from './calendar';
import type { ReportabilityDecision } from './reportability';

export type { Clock, DueReport };

export function clockOf(dueOn: string, today: string): Clock {
  const overdue = today > dueOn;
  return {
    overdue,
    workDaysLeft: overdue ? 0 : workDaysBetween(today, dueOn),
    daysLate: overdue ? Math.round((Date.parse(today) - Date.parse(dueOn)) / 86_400_000) : 0,
  };
}

/**
 * What the inbox must not let anyone miss: every MedWatch report a decision requires that is not
 * recorded as sent, and every death or serious injury whose reportability is still undecided
 * (its 10-work-day clock runs from the aware date all the same). Overdue first, then soonest.
 */
export function reportsDue(db: Db, today: string): DueReport[] {
  const rows = db.all<{
    id: number;
    number: string;
    title: string;
    outcome: string;
    awareOn: string;
    reportability: string | null;
    sent: string | null;
  }>(sql`
    SELECT i.id, i.number, i.title, i.outcome, i.aware_on AS awareOn, i.reportability,
           (SELECT json_group_array(r.recipient) FROM incident_reports r WHERE r.incident_id = i.id) AS sent
    FROM incidents i
    WHERE i.archived_at IS NULL
      AND (json_extract(i.reportability, '$.reportable') = 1
           OR (i.reportability IS NULL AND i.outcome IN ('death', 'serious_injury')))`);
  const due: DueReport[] = [];
  const entry = (r: (typeof rows)[number], to: DueReport['to'], dueOn: string): DueReport => ({
    incidentId: r.id,
    incidentNumber: r.number,
    title: r.title,
    to,
    dueOn,
    ...clockOf(dueOn, today),
  });
  for (const r of rows) {
    if (!r.reportability) {
      due.push(entry(r, null, addWorkDays(r.awareOn, 10)));
      continue;
    }
    const decision = JSON.parse(r.reportability) as ReportabilityDecision;
    const sent = new Set(JSON.parse(r.sent ?? '[]') as string[]);
    for (const report of decision.reports)
      if (!sent.has(report.to)) due.push(entry(r, report.to, report.dueOn));
  }
  return due.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}
