import type { recalls } from '../../db/schema';
import { date, normaliseWith, object, text, textList } from './fields';

export type RecallRow = Omit<typeof recalls.$inferInsert, 'raw' | 'firstSeenAt' | 'updatedAt'>;

/** A device/recall record as a row; older shapes and absent fields are kept as they come. */
export function normaliseRecall(record: unknown) {
  return normaliseWith<RecallRow>(record, ['product_res_number'], (r, key) => {
    const openfda = object(r, 'openfda');
    return {
      productResNumber: key,
      resEventNumber: text(r, 'res_event_number'),
      cfresId: text(r, 'cfres_id'),
      recallStatus: text(r, 'recall_status'),
      recallingFirm: text(r, 'recalling_firm'),
      firmFeiNumber: text(r, 'firm_fei_number'),
      productCode: text(r, 'product_code'),
      rootCauseDescription: text(r, 'root_cause_description'),
      kNumbers: textList(r, 'k_numbers'),
      pmaNumbers: textList(r, 'pma_numbers'),
      eventDateInitiated: date(r, 'event_date_initiated'),
      eventDateCreated: date(r, 'event_date_created'),
      eventDatePosted: date(r, 'event_date_posted'),
      eventDateTerminated: date(r, 'event_date_terminated'),
      deviceName: text(openfda, 'device_name'),
      deviceClass: text(openfda, 'device_class'),
      medicalSpecialty: text(openfda, 'medical_specialty_description'),
    };
  });
}
