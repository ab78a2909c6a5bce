import type { maudeDevices, maudeReports, maudeTexts } from '../../db/schema';
import { date, normaliseWith, object, objectList, text } from './fields';

type Stored = 'raw' | 'firstSeenAt' | 'updatedAt';
export type MaudeReportRow = Omit<typeof maudeReports.$inferInsert, Stored>;
export type MaudeDeviceRow = typeof maudeDevices.$inferInsert;
export type MaudeTextRow = typeof maudeTexts.$inferInsert;
export type MaudeRows = { report: MaudeReportRow; devices: MaudeDeviceRow[]; texts: MaudeTextRow[] };

/**
 * A MAUDE report with its devices and narratives. Reports without an mdr_report_key (some
 * extracts) are keyed by report_number instead.
 */
export function normaliseEvent(record: unknown) {
  return normaliseWith<MaudeRows>(record, ['mdr_report_key', 'report_number'], (r, key) => ({
    report: {
      reportKey: key,
      mdrReportKey: text(r, 'mdr_report_key'),
      reportNumber: text(r, 'report_number'),
      eventKey: text(r, 'event_key'),
      eventType: text(r, 'event_type'),
      reportSourceCode: text(r, 'report_source_code'),
      adverseEventFlag: text(r, 'adverse_event_flag'),
      productProblemFlag: text(r, 'product_problem_flag'),
      manufacturerName: text(r, 'manufacturer_name'),
      eventLocation: text(r, 'event_location'),
      dateReceived: date(r, 'date_received'),
      dateOfEvent: date(r, 'date_of_event'),
      dateReport: date(r, 'date_report'),
      dateFacilityAware: date(r, 'date_facility_aware'),
    },
    devices: objectList(r, 'device').map((d, position) => ({
      reportKey: key,
      position,
      deviceSequenceNumber: text(d, 'device_sequence_number'),
      brandName: text(d, 'brand_name'),
      genericName: text(d, 'generic_name'),
      manufacturerName: text(d, 'manufacturer_d_name'),
      modelNumber: text(d, 'model_number'),
      catalogNumber: text(d, 'catalog_number'),
      lotNumber: text(d, 'lot_number'),
      udiDi: text(d, 'udi_di'),
      udiPublic: text(d, 'udi_public'),
      productCode: text(d, 'device_report_product_code'),
      deviceClass: text(object(d, 'openfda'), 'device_class'),
    })),
    texts: objectList(r, 'mdr_text').map((t, position) => ({
      reportKey: key,
      position,
      mdrTextKey: text(t, 'mdr_text_key'),
      textTypeCode: text(t, 'text_type_code'),
      patientSequenceNumber: text(t, 'patient_sequence_number'),
      dateReport: date(t, 'date_report'),
      text: text(t, 'text'),
    })),
  }));
}
