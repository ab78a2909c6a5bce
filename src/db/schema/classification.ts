import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** openFDA device/classification: what each three-letter FDA product code means. */
export const productClasses = sqliteTable(
  'product_classes',
  {
    productCode: text('product_code').primaryKey(),
    deviceName: text('device_name'),
    deviceClass: text('device_class'),
    medicalSpecialty: text('medical_specialty'),
    medicalSpecialtyDescription: text('medical_specialty_description'),
    regulationNumber: text('regulation_number'),
    reviewPanel: text('review_panel'),
    submissionTypeId: text('submission_type_id'),
    implantFlag: text('implant_flag'),
    lifeSustainSupportFlag: text('life_sustain_support_flag'),
    definition: text('definition'),
    raw: text('raw').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('product_classes_device_class').on(t.deviceClass)],
);
