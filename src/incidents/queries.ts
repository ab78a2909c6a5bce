import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  custodyLog,
  type IncidentState,
  incidentActions,
  incidentAnalysis,
  incidentDevices,
  incidentFiles,
  incidents,
} from '../db/schema';
import type { ReportabilityDecision } from './reportability';
import { reportsSentFor } from './reports-sent';

export type IncidentRow = typeof incidents.$inferSelect;

export type IncidentListFilters = { archived: boolean; state?: IncidentState; q?: string };
export type IncidentListRow = {
  id: number;
  number: string;
  title: string;
  outcome: IncidentRow['outcome'];
  state: IncidentState;
  awareOn: string;
  eventAt: string | null;
  location: string | null;
  devices: string | null;
  reportable: boolean | null;
  archivedAt: string | null;
};

/** The incidents, newest first: live ones, or the archive. */
export function listIncidents(db: Db, f: IncidentListFilters): IncidentListRow[] {
  const like = f.q ? `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  return db
    .all<Omit<IncidentListRow, 'reportable'> & { reportable: number | null }>(sql`
      SELECT i.id, i.number, i.title, i.outcome, i.state, i.aware_on AS awareOn, i.event_at AS eventAt,
             i.location, i.archived_at AS archivedAt,
             json_extract(i.reportability, '$.reportable') AS reportable,
             (SELECT group_concat(asset_tag, ', ') FROM incident_devices d WHERE d.incident_id = i.id) AS devices
      FROM incidents i
      WHERE ${f.archived ? sql`i.archived_at IS NOT NULL` : sql`i.archived_at IS NULL`}
        ${f.state ? sql`AND i.state = ${f.state}` : sql``}
        ${like ? sql`AND (i.number LIKE ${like} ESCAPE '\\' OR i.title LIKE ${like} ESCAPE '\\' OR i.location LIKE ${like} ESCAPE '\\' OR EXISTS (SELECT 1 FROM incident_devices d WHERE d.incident_id = i.id AND d.asset_tag LIKE ${like} ESCAPE '\\'))` : sql``}
      ORDER BY i.aware_on DESC, i.id DESC
      LIMIT 500`)
    .map((r) => ({ ...r, reportable: r.reportable === null ? null : r.reportable === 1 }));
}

export function incidentById(db: Db, id: number): IncidentRow | undefined {
  return db.select().from(incidents).where(eq(incidents.id, id)).get();
}

export type LinkedItem = {
  kind: 'recall' | 'maude';
  key: string;
  note: string | null;
  linkedBy: string;
  linkedAt: string;
  /** A line saying what it is: the recall's firm and product, the report's type and date. */
  summary: string | null;
};

/** Everything on file for one investigation, for its page and its printed report. */
export function incidentFile(db: Db, id: number) {
  const incident = incidentById(db, id);
  if (!incident) return null;
  const devices = db
    .select()
    .from(incidentDevices)
    .where(eq(incidentDevices.incidentId, id))
    .orderBy(asc(incidentDevices.assetTag))
    .all();
  const custody = db
    .select()
    .from(custodyLog)
    .where(eq(custodyLog.incidentId, id))
    .orderBy(asc(custodyLog.at), asc(custodyLog.id))
    .all();
  const analysis = db
    .select()
    .from(incidentAnalysis)
    .where(eq(incidentAnalysis.incidentId, id))
    .orderBy(asc(incidentAnalysis.at), asc(incidentAnalysis.position), asc(incidentAnalysis.id))
    .all();
  const actions = db
    .select()
    .from(incidentActions)
    .where(eq(incidentActions.incidentId, id))
    .orderBy(asc(incidentActions.dueOn), asc(incidentActions.id))
    .all();
  const files = db
    .select()
    .from(incidentFiles)
    .where(eq(incidentFiles.incidentId, id))
    .orderBy(asc(incidentFiles.uploadedAt))
    .all();
  const links = db.all<LinkedItem>(sql`
    SELECT l.kind, l.key, l.note, l.linked_by AS linkedBy, l.linked_at AS linkedAt,
           CASE l.kind
             WHEN 'recall' THEN (SELECT coalesce(r.recalling_firm, '') || ': ' || coalesce(substr(r.product_description, 1, 160), '')
                                 FROM recalls r WHERE r.product_res_number = l.key)
             ELSE (SELECT coalesce(m.event_type, 'Report') || ', received ' || coalesce(m.date_received, '?') || ', ' || coalesce(m.manufacturer_name, '')
                   FROM maude_reports m WHERE m.report_key = l.key)
           END AS summary
    FROM incident_links l WHERE l.incident_id = ${id}
    ORDER BY l.kind DESC, l.linked_at`);
  return {
    incident,
    decision: (incident.reportability as ReportabilityDecision | null) ?? null,
    devices,
    custody,
    analysis,
    actions,
    files,
    links,
    reports: reportsSentFor(db, id),
  };
}
export type IncidentFile = NonNullable<ReturnType<typeof incidentFile>>;

export function incidentFileRow(db: Db, incidentId: number, fileId: number) {
  return db
    .select()
    .from(incidentFiles)
    .where(and(eq(incidentFiles.incidentId, incidentId), eq(incidentFiles.id, fileId)))
    .get();
}
