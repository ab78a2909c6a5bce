import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * openFDA device/event (MAUDE). report_key is mdr_report_key, or report_number for the records
 * that lack one; a follow-up report replaces the whole record under the same key.
 */
export const maudeReports = sqliteTable(
  'maude_reports',
  {
    reportKey: text('report_key').primaryKey(),
    mdrReportKey: text('mdr_report_key'),
    reportNumber: text('report_number'),
    eventKey: text('event_key'),
    eventType: text('event_type'),
    reportSourceCode: text('report_source_code'),
    adverseEventFlag: text('adverse_event_flag'),
    productProblemFlag: text('product_problem_flag'),
    manufacturerName: text('manufacturer_name'),
    eventLocation: text('event_location'),
    dateReceived: text('date_received'),
    dateOfEvent: text('date_of_event'),
    dateReport: text('date_report'),
    dateFacilityAware: text('date_facility_aware'),
    raw: text('raw').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('maude_reports_received').on(t.dateReceived),
    index('maude_reports_event_type').on(t.eventType),
    index('maude_reports_report_number').on(t.reportNumber),
    index('maude_reports_manufacturer').on(t.manufacturerName),
  ],
);

/** The devices named in a MAUDE report (device[]), in the order the report lists them. */
export const maudeDevices = sqliteTable(
  'maude_devices',
  {
    reportKey: text('report_key')
      .notNull()
      .references(() => maudeReports.reportKey, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    deviceSequenceNumber: text('device_sequence_number'),
    brandName: text('brand_name'),
    genericName: text('generic_name'),
    manufacturerName: text('manufacturer_d_name'),
    modelNumber: text('model_number'),
    catalogNumber: text('catalog_number'),
    lotNumber: text('lot_number'),
    udiDi: text('udi_di'),
    udiPublic: text('udi_public'),
    productCode: text('product_code'),
    deviceClass: text('device_class'),
  },
  (t) => [
    primaryKey({ columns: [t.reportKey, t.position] }),
    index('maude_devices_manufacturer').on(t.manufacturerName),
    index('maude_devices_product_code').on(t.productCode),
    index('maude_devices_model').on(t.modelNumber),
    index('maude_devices_catalog').on(t.catalogNumber),
    index('maude_devices_brand').on(t.brandName),
    index('maude_devices_udi_di').on(t.udiDi),
  ],
);

/** The narratives of a MAUDE report (mdr_text[]): event description, manufacturer narrative, … */
export const maudeTexts = sqliteTable(
  'maude_texts',
  {
    reportKey: text('report_key')
      .notNull()
      .references(() => maudeReports.reportKey, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    mdrTextKey: text('mdr_text_key'),
    textTypeCode: text('text_type_code'),
    patientSequenceNumber: text('patient_sequence_number'),
    dateReport: text('date_report'),
    text: text('text'),
  },
  (t) => [primaryKey({ columns: [t.reportKey, t.position] })],
);

/**
 * A MAUDE history fetched on request for a manufacturer or product code the sync does not cover:
 * what was asked, how far it got (updated with each stored page) and how it ended. Also the
 * guard against asking openFDA twice: a running fetch is not started again, and one that
 * succeeded in the last week is not repeated unless forced.
 */
export const maudeHistoryFetches = sqliteTable(
  'maude_history_fetches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['manufacturer', 'product_code'] }).notNull(),
    /** As asked, spaces collapsed; product codes upper-case. Compared without regard to case. */
    value: text('value').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    /** Reports received and stored so far; `added` of them were new here. */
    fetched: integer('fetched').notNull().default(0),
    added: integer('added').notNull().default(0),
    /** openFDA's meta.results.total for the search; null until the first page. */
    total: integer('total'),
    /** Stopped at Vigil's cap on one fetch, short of the total. */
    capped: integer('capped', { mode: 'boolean' }).notNull().default(false),
    error: text('error'),
    requestedBy: text('requested_by').notNull(),
    startedAt: text('started_at').notNull(),
    /** Written with every page, so a fetch whose process died can be told from a slow one. */
    heartbeatAt: text('heartbeat_at').notNull(),
    finishedAt: text('finished_at'),
    pid: integer('pid'),
  },
  (t) => [
    index('maude_history_fetches_value').on(t.kind, t.value),
    index('maude_history_fetches_started').on(t.startedAt),
  ],
);
