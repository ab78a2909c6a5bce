import { sql } from 'drizzle-orm';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Long free text (descriptions, code_info, reasons) is read from the raw record on demand instead
 * of being stored twice: it halves what a bulk import writes, and raw stays the one copy.
 */
const fromRaw = (name: string) =>
  text(name).generatedAlwaysAs(sql.raw(`nullif(trim(json_extract(raw, '$.${name}')), '')`), {
    mode: 'virtual',
  });

/**
 * openFDA device/recall: one row per recalled product (its Z-number). Every column is a field the
 * FDA sent, normalised (dates as YYYY-MM-DD); `raw` keeps the record exactly as received.
 */
export const recalls = sqliteTable(
  'recalls',
  {
    productResNumber: text('product_res_number').primaryKey(),
    resEventNumber: text('res_event_number'),
    cfresId: text('cfres_id'),
    recallStatus: text('recall_status'),
    recallingFirm: text('recalling_firm'),
    firmFeiNumber: text('firm_fei_number'),
    productCode: text('product_code'),
    productDescription: fromRaw('product_description'),
    codeInfo: fromRaw('code_info'),
    productQuantity: fromRaw('product_quantity'),
    distributionPattern: fromRaw('distribution_pattern'),
    reasonForRecall: fromRaw('reason_for_recall'),
    action: fromRaw('action'),
    rootCauseDescription: text('root_cause_description'),
    kNumbers: text('k_numbers', { mode: 'json' }).$type<string[]>(),
    pmaNumbers: text('pma_numbers', { mode: 'json' }).$type<string[]>(),
    eventDateInitiated: text('event_date_initiated'),
    eventDateCreated: text('event_date_created'),
    eventDatePosted: text('event_date_posted'),
    eventDateTerminated: text('event_date_terminated'),
    deviceName: text('device_name'),
    deviceClass: text('device_class'),
    medicalSpecialty: text('medical_specialty'),
    raw: text('raw').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('recalls_firm').on(t.recallingFirm),
    index('recalls_product_code').on(t.productCode),
    index('recalls_posted').on(t.eventDatePosted),
    index('recalls_status').on(t.recallStatus),
    index('recalls_updated').on(t.updatedAt),
    // Early notices look for their openFDA recall among those begun near their day.
    index('recalls_initiated').on(t.eventDateInitiated),
  ],
);

/**
 * openFDA device/enforcement: the weekly Enforcement Report entry for a recall. Its recall_number
 * equals recalls.product_res_number, and it is where a recall's Class I/II/III comes from.
 */
export const enforcementReports = sqliteTable(
  'enforcement_reports',
  {
    recallNumber: text('recall_number').primaryKey(),
    eventId: text('event_id'),
    status: text('status'),
    classification: text('classification'),
    productType: text('product_type'),
    recallingFirm: text('recalling_firm'),
    address1: text('address_1'),
    address2: text('address_2'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    country: text('country'),
    voluntaryMandated: text('voluntary_mandated'),
    initialFirmNotification: text('initial_firm_notification'),
    distributionPattern: fromRaw('distribution_pattern'),
    productDescription: fromRaw('product_description'),
    productQuantity: fromRaw('product_quantity'),
    reasonForRecall: fromRaw('reason_for_recall'),
    codeInfo: fromRaw('code_info'),
    moreCodeInfo: fromRaw('more_code_info'),
    recallInitiationDate: text('recall_initiation_date'),
    centerClassificationDate: text('center_classification_date'),
    terminationDate: text('termination_date'),
    reportDate: text('report_date'),
    raw: text('raw').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('enforcement_class').on(t.classification),
    index('enforcement_status').on(t.status),
    index('enforcement_report_date').on(t.reportDate),
    index('enforcement_firm').on(t.recallingFirm),
    index('enforcement_event').on(t.eventId),
  ],
);
