import type { enforcementReports } from '../../db/schema';
import { date, normaliseWith, object, text } from './fields';

export type EnforcementRow = Omit<
  typeof enforcementReports.$inferInsert,
  'raw' | 'firstSeenAt' | 'updatedAt'
>;

/** A device/enforcement record as a row. Records from before June 2012 lack many fields. */
export function normaliseEnforcement(record: unknown) {
  return normaliseWith<EnforcementRow>(record, ['recall_number'], (r, key) => {
    object(r, 'openfda'); // always {} for devices, but still an object
    return {
      recallNumber: key,
      eventId: text(r, 'event_id'),
      status: text(r, 'status'),
      classification: text(r, 'classification'),
      productType: text(r, 'product_type'),
      recallingFirm: text(r, 'recalling_firm'),
      address1: text(r, 'address_1'),
      address2: text(r, 'address_2'),
      city: text(r, 'city'),
      state: text(r, 'state'),
      postalCode: text(r, 'postal_code'),
      country: text(r, 'country'),
      voluntaryMandated: text(r, 'voluntary_mandated'),
      initialFirmNotification: text(r, 'initial_firm_notification'),
      recallInitiationDate: date(r, 'recall_initiation_date'),
      centerClassificationDate: date(r, 'center_classification_date'),
      terminationDate: date(r, 'termination_date'),
      reportDate: date(r, 'report_date'),
    };
  });
}
