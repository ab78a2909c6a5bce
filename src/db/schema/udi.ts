import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * GUDID device records (openFDA device/udi): who labels each device identifier, under what brand
 * and model. The matcher reads it for firm identity: the company behind an asset's UDI-DI or
 * behind a brand written in its model, where the asset's manufacturer was left blank.
 */
export const gudidDevices = sqliteTable(
  'gudid_devices',
  {
    primaryDi: text('primary_di').primaryKey(),
    companyName: text('company_name'),
    brandName: text('brand_name'),
    model: text('version_or_model_number'),
    catalogNumber: text('catalog_number'),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [index('gudid_devices_brand').on(t.brandName)],
);
