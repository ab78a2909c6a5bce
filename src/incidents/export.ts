import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { csvOf } from '../shared/csv';
import type { Form3419 } from './form3419';
import { yesNo } from './medwatch/format';
import { withheldText } from './patient-identifiers';
import type { ReportabilityDecision } from './reportability';

export type ExportFilters = { archived: boolean; from?: string; to?: string };

type SentCell = { to: string; on: string; number: string; followUp: number };

export type ExportRow = {
  number: string;
  title: string;
  eventAt: string | null;
  awareOn: string;
  location: string | null;
  outcome: string;
  harm: string | null;
  sentinel: number;
  state: string;
  devices: string | null;
  decision: ReportabilityDecision | null;
  sent: SentCell[];
  archivedAt: string | null;
  createdBy: string;
  createdAt: string;
  /** Read only to withhold its words from the title if it is a name. */
  patientIdentifier: string | null;
};

/** The incidents for the export, in the order they became known: live ones, or all of them. */
export function incidentsForExport(db: Db, f: ExportFilters): ExportRow[] {
  return db
    .all<Omit<ExportRow, 'decision' | 'sent'> & { decision: string | null; sent: string }>(sql`
      SELECT i.number, i.title, i.event_at AS eventAt, i.aware_on AS awareOn, i.location, i.outcome,
             i.harm, i.sentinel, i.state, i.archived_at AS archivedAt, i.created_by AS createdBy,
             i.created_at AS createdAt, i.reportability AS decision, i.patient_identifier AS patientIdentifier,
             (SELECT group_concat(asset_tag, ', ') FROM
               (SELECT asset_tag FROM incident_devices d WHERE d.incident_id = i.id ORDER BY asset_tag)) AS devices,
             (SELECT json_group_array(json_object('to', recipient, 'on', sent_on, 'number', report_number,
                                                  'followUp', follow_up)) FROM
               (SELECT * FROM incident_reports r WHERE r.incident_id = i.id ORDER BY sent_on, id)) AS sent
      FROM incidents i
      WHERE 1 = 1
        ${f.archived ? sql`` : sql`AND i.archived_at IS NULL`}
        ${f.from ? sql`AND i.aware_on >= ${f.from}` : sql``}
        ${f.to ? sql`AND i.aware_on <= ${f.to}` : sql``}
      ORDER BY i.aware_on, i.number`)
    .map((r) => ({
      ...r,
      decision: r.decision ? (JSON.parse(r.decision) as ReportabilityDecision) : null,
      sent: JSON.parse(r.sent) as SentCell[],
    }));
}

const incidentColumns = [
  'number',
  'title',
  'event_at',
  'aware_on',
  'location',
  'outcome',
  'harm',
  'sentinel',
  'state',
  'devices',
  'reportable',
  'reports_required',
  'reports_sent',
  'archived_at',
  'created_by',
  'created_at',
];

/**
 * One row per incident; several reports share a cell, separated by "; ". A CSV leaves the record,
 * so its free text (title, location) loses patient identifiers.
 */
export function incidentsCsv(rows: ExportRow[]): string {
  return csvOf([
    incidentColumns,
    ...rows.map((r) => [
      r.number,
      withheldText(r.title, r.patientIdentifier),
      r.eventAt,
      r.awareOn,
      withheldText(r.location, r.patientIdentifier),
      r.outcome,
      r.harm,
      yesNo(Boolean(r.sentinel)),
      r.state,
      r.devices,
      yesNo(r.decision?.reportable),
      (r.decision?.reports ?? []).map((q) => `${q.to} due ${q.dueOn}`).join('; '),
      r.sent
        .map((s) => `${s.to} ${s.on} ${s.number}${s.followUp ? ` (follow-up ${s.followUp})` : ''}`)
        .join('; '),
      r.archivedAt,
      r.createdBy,
      r.createdAt,
    ]),
  ]);
}

const annualColumns = [
  'reporting_year',
  'report_number',
  'incident',
  'first_sent_on',
  'manufacturer',
  'brand_and_common_name',
  'model_catalog_serial_lot',
  'description',
  'submitted_to',
];

/** The entries of Form 3419 (803.33(a)(7)), one row per user facility report number. */
export function annualCsv(form: Form3419): string {
  return csvOf([
    annualColumns,
    ...form.entries.map((e) => [
      form.year,
      e.reportNumber,
      e.incidentNumber,
      e.firstSentOn,
      e.manufacturer,
      e.brandAndCommonName,
      e.modelCatalogSerialLot,
      e.description,
      e.submittedTo.join('; '),
    ]),
  ]);
}
