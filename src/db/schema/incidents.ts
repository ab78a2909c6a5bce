import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { fishboneCategories } from '../../shared/vocabulary';
import { storedFileColumns } from './workflow';

export const incidentOutcomes = ['death', 'serious_injury', 'malfunction', 'near_miss', 'use_error'] as const;
export const harmLevels = ['none', 'mild', 'moderate', 'severe', 'death'] as const;
/** The serious outcomes Form 3500A block B2 names besides death (21 CFR 803.32(b)(2), 803.3). */
export const seriousOutcomes = [
  'life_threatening',
  'hospitalization',
  'disability',
  'congenital_anomaly',
  'required_intervention',
  'other_serious',
] as const;
export type SeriousOutcome = (typeof seriousOutcomes)[number];
export const incidentStates = ['open', 'analysis', 'actions', 'closed'] as const;
export type IncidentState = (typeof incidentStates)[number];

/**
 * An incident investigation (domain.md §2). Never deleted: archiving hides it from the lists,
 * and records are kept at least two years from the event (21 CFR 803.18).
 */
export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Shown to people and printed on forms: INC-2026-0001. */
    number: text('number').notNull().unique(),
    title: text('title').notNull(),
    /** When it happened, as local date and time (YYYY-MM-DDTHH:MM) where known. */
    eventAt: text('event_at'),
    /** The day anyone in the facility became aware: starts the 803 reporting clock. */
    awareOn: text('aware_on').notNull(),
    reporter: text('reporter'),
    location: text('location'),
    outcome: text('outcome', { enum: incidentOutcomes }).notNull(),
    harm: text('harm', { enum: harmLevels }),
    sentinel: integer('sentinel', { mode: 'boolean' }).notNull().default(false),
    description: text('description'),
    /** What the 3500A asks beyond the header (blocks B2, B6, D11, F10, E3). */
    deathOn: text('death_on'),
    /** B2's other boxes: the serious outcomes attributed to the event (see seriousOutcomes). */
    seriousOutcomes: text('serious_outcomes', { mode: 'json' }).$type<SeriousOutcome[]>(),
    relevantTests: text('relevant_tests'),
    concomitantProducts: text('concomitant_products'),
    /** FDA patient and device problem codes, comma-separated. */
    patientProblemCodes: text('patient_problem_codes'),
    deviceProblemCodes: text('device_problem_codes'),
    reporterOccupation: text('reporter_occupation'),
    /** E2: whether the initial reporter is a health professional. */
    reporterHealthProfessional: integer('reporter_health_professional', { mode: 'boolean' }),
    /** E4: whether the initial reporter also sent a report to the FDA, if known. */
    reporterAlsoSentToFda: text('reporter_also_sent_to_fda', { enum: ['yes', 'no', 'unknown'] }),
    /** Minimal and PHI-aware: an identifier, never a name. */
    patientIdentifier: text('patient_identifier'),
    patientAge: text('patient_age'),
    patientSex: text('patient_sex'),
    patientWeightKg: text('patient_weight_kg'),
    patientHistory: text('patient_history'),
    state: text('state', { enum: incidentStates }).notNull(),
    /** The facts the reportability decision was made on, and the decision with its reasoning. */
    deviceMayHaveContributed: integer('device_may_have_contributed', { mode: 'boolean' }),
    manufacturerKnown: integer('manufacturer_known', { mode: 'boolean' }),
    reportability: text('reportability', { mode: 'json' }).$type<unknown>(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    /** How the analysis was done (RCA², five whys, fishbone…). */
    method: text('method'),
    archivedAt: text('archived_at'),
    archivedWhy: text('archived_why'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('incidents_aware').on(t.awareOn), index('incidents_state').on(t.state)],
);

/**
 * A device involved: an asset from the inventory (its details copied in, then editable, as the
 * form needs what was true at the time), and whether it is sequestered.
 */
export const incidentDevices = sqliteTable(
  'incident_devices',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    assetTag: text('asset_tag').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    sequesteredAt: text('sequestered_at'),
    sequesteredWhere: text('sequestered_where'),
    releasedAt: text('released_at'),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.assetTag] }),
    index('incident_devices_asset').on(t.assetTag),
  ],
);

/** The chain of custody of a device or other evidence: who had it, when, and why. */
export const custodyLog = sqliteTable(
  'custody_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    item: text('item').notNull(),
    at: text('at').notNull(),
    who: text('who').notNull(),
    action: text('action').notNull(),
    why: text('why').notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('custody_incident').on(t.incidentId, t.at)],
);

export const analysisKinds = ['timeline', 'interview', 'why', 'factor', 'causal_statement'] as const;

/**
 * The root-cause analysis, one entry per line: timeline events (with their time), interviews, the five
 * whys (in order), contributing factors under a fishbone category, and causal statements.
 */
export const incidentAnalysis = sqliteTable(
  'incident_analysis',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind', { enum: analysisKinds }).notNull(),
    /** Timeline: when it happened; whys: their order. */
    at: text('at'),
    position: integer('position'),
    category: text('category', { enum: fishboneCategories }),
    text: text('text').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('incident_analysis_incident').on(t.incidentId, t.kind)],
);

export const actionStrengths = ['stronger', 'intermediate', 'weaker'] as const;
export const actionStates = ['planned', 'in_progress', 'done', 'dropped'] as const;

/** What will be done, rated on the action hierarchy, with who owns it and how its effect is measured. */
export const incidentActions = sqliteTable(
  'incident_actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    text: text('text').notNull(),
    strength: text('strength', { enum: actionStrengths }).notNull(),
    owner: text('owner').notNull(),
    dueOn: text('due_on').notNull(),
    status: text('status', { enum: actionStates }).notNull(),
    measure: text('measure').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('incident_actions_incident').on(t.incidentId)],
);

export const linkKinds = ['recall', 'maude'] as const;

/**
 * What is already known, kept with the investigation: a recall (by its product/res number) or a
 * MAUDE report (by its MDR report key) that bears on the event, and why it was linked.
 */
export const incidentLinks = sqliteTable(
  'incident_links',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind', { enum: linkKinds }).notNull(),
    key: text('key').notNull(),
    note: text('note'),
    linkedBy: text('linked_by').notNull(),
    linkedAt: text('linked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.kind, t.key] })],
);

export const reportRecipients = ['FDA', 'manufacturer'] as const;

/**
 * A MedWatch 3500A report as actually sent: to whom, on which day, under which user facility
 * report number, and whether it was the initial report or a follow-up. Form 3419 is built from
 * these rows, never from what was merely due.
 */
export const incidentReports = sqliteTable(
  'incident_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    recipient: text('recipient', { enum: reportRecipients }).notNull(),
    /** The manufacturer's name, or the FDA office, as addressed. */
    recipientName: text('recipient_name'),
    sentOn: text('sent_on').notNull(),
    /** The user facility report number (facility number-year-sequence), the MDR report number. */
    reportNumber: text('report_number').notNull(),
    /** 0 for the initial report, 1 and up for follow-ups. */
    followUp: integer('follow_up').notNull().default(0),
    note: text('note'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('incident_reports_incident').on(t.incidentId), index('incident_reports_sent').on(t.sentOn)],
);

/** Files kept as evidence (photos as found, error logs, the manufacturer's evaluation). */
export const incidentFiles = sqliteTable(
  'incident_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    description: text('description').notNull(),
    ...storedFileColumns(),
  },
  (t) => [index('incident_files_incident').on(t.incidentId)],
);

/**
 * The reporting facility as the MedWatch forms name it (3500A section F, Form 3419): one row,
 * kept by an administrator.
 */
export const facility = sqliteTable('facility', {
  id: integer('id').primaryKey(),
  details: text('details', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: text('updated_at').notNull(),
});
