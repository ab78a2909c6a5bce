import type { productClasses } from '../../db/schema';
import { normaliseWith, text } from './fields';

export type ProductClassRow = Omit<typeof productClasses.$inferInsert, 'raw' | 'firstSeenAt' | 'updatedAt'>;

/** A device/classification record: what a product code means and its device class. */
export function normaliseClassification(record: unknown) {
  return normaliseWith<ProductClassRow>(record, ['product_code'], (r, key) => ({
    productCode: key,
    deviceName: text(r, 'device_name'),
    deviceClass: text(r, 'device_class'),
    medicalSpecialty: text(r, 'medical_specialty'),
    medicalSpecialtyDescription: text(r, 'medical_specialty_description'),
    regulationNumber: text(r, 'regulation_number'),
    reviewPanel: text(r, 'review_panel'),
    submissionTypeId: text(r, 'submission_type_id'),
    implantFlag: text(r, 'implant_flag'),
    lifeSustainSupportFlag: text(r, 'life_sustain_support_flag'),
    definition: text(r, 'definition'),
  }));
}
