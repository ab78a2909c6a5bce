import type { HistoryLine, IncidentPageView } from '../../views/incidents/incident';
import type { FormError } from '../../views/incidents/incident-parts';
import type { ReportClock } from '../../views/incidents/incident-reportability';
import { historyOf } from '../audit/log';
import type { Db } from '../db/client';
import { facilityDay, facilityMinute } from '../shared/clock';
import { keepUntil } from './archive';
import { devicesToAdd } from './devices';
import { clockOf } from './due';
import { alreadyKnown } from './known';
import { suggestedPatientCode } from './patient-identifiers';
import { type IncidentFile, incidentFile } from './queries';
import { suggestedReportNumber } from './reports-sent';
import { withheldFile } from './withheld-file';

/** What each audited step says in the incident's history. */
const historyText: Record<string, (after: Record<string, unknown> | null) => string> = {
  'incident.opened': () => 'opened the incident',
  'incident.updated': (a) => `changed ${Object.keys(a ?? {}).join(', ') || 'nothing'}`,
  'incident.device_added': (a) => `added device ${a?.assetTag}`,
  'incident.device_updated': (a) => `edited the details of ${a?.assetTag}`,
  'incident.sequestered': (a) => `sequestered ${a?.assetTag} in ${a?.where}`,
  'incident.released': (a) => `released ${a?.assetTag}`,
  'incident.custody': (a) => `logged custody of ${a?.item}`,
  'incident.file': (a) => `kept the file ${a?.file}`,
  'incident.linked': (a) => `linked ${a?.kind === 'recall' ? 'recall' : 'MAUDE report'} ${a?.key}`,
  'incident.unlinked': () => 'removed a link',
  'incident.method': (a) => `set the method to ${a?.method ?? 'nothing'}`,
  'incident.action_added': (a) => `planned an action: ${a?.text}`,
  // Kinds, not texts: the history is shown to viewers, whose free text is withheld (withheld-file.ts).
  'incident.analysis_edited': (a) =>
    `corrected an entry of the analysis (${String(a?.kind).replace('_', ' ')})`,
  'incident.analysis_deleted': () => 'removed an entry of the analysis',
  'incident.action_edited': () => 'corrected an action',
  'incident.action_deleted': () => 'removed an action',
  'incident.action_status': (a) => `set an action to ${String(a?.status).replace('_', ' ')}`,
  'incident.state': (a) => `moved the investigation to ${a?.state}`,
  'incident.reportability': () => 'decided reportability',
  'incident.report_sent': (a) =>
    `recorded the report to the ${a?.recipient} as sent on ${a?.sentOn} (${a?.reportNumber})`,
  'incident.archived': (a) => `archived the incident: ${a?.why}`,
  'incident.restored': () => 'restored the incident',
};

function historyLine(h: { at: string; actor: string; action: string; after: unknown }): HistoryLine {
  const text = historyText[h.action];
  const analysis = h.action.startsWith('incident.analysis.')
    ? `added to the analysis (${h.action.slice(18).replace('_', ' ')})`
    : null;
  return {
    at: h.at,
    actor: h.actor,
    text: analysis ?? (text ? text(h.after as Record<string, unknown> | null) : h.action),
  };
}

/** Each report the decision requires, with its deadline in work days and whether it went. */
export function clocksOf(file: IncidentFile, today: string): ReportClock[] {
  return (file.decision?.reports ?? []).map((r) => {
    const sent = file.reports.find((s) => s.recipient === r.to && s.followUp === 0);
    const clock = clockOf(r.dueOn, today);
    return {
      to: r.to,
      rule: r.rule,
      dueOn: r.dueOn,
      sentOn: sent?.sentOn ?? null,
      ...clock,
      overdue: !sent && clock.overdue,
    };
  });
}

/** Everything the incident page shows, or null for an unknown incident. */
export function incidentPageView(
  db: Db,
  id: number,
  who: {
    csrf: string;
    canWork: boolean;
    canAdmin: boolean;
    seesPatient: boolean;
    now: Date;
    maxUploadMb: number;
    /** The analysis entry ("entry:7") or action ("action:3") whose form is open, sent without script. */
    editing?: string;
  },
  error?: FormError,
  deviceSearch?: string,
): IncidentPageView | null {
  const stored = incidentFile(db, id);
  if (!stored) return null;
  const file = who.seesPatient ? stored : withheldFile(stored);
  const today = facilityDay(who.now);
  return {
    file,
    seesPatient: who.seesPatient,
    suggestedPatientCode: suggestedPatientCode(file.incident.number),
    csrf: who.csrf,
    canWork: who.canWork,
    canAdmin: who.canAdmin,
    today,
    nowMinute: facilityMinute(who.now),
    keepUntil: keepUntil(file.incident),
    clocks: clocksOf(file, today),
    suggestedNumber: suggestedReportNumber(db, id, today),
    known: alreadyKnown(db, file.devices),
    history: historyOf(db, 'incident', String(id)).map(historyLine),
    maxUploadMb: who.maxUploadMb,
    error,
    editing: who.editing,
    found: deviceSearch?.trim() ? devicesToAdd(db, deviceSearch) : null,
  };
}
