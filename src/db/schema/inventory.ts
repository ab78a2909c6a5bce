import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The hospital's own devices, as imported from its CMMS. Columns are the canonical inventory
 * columns; the UDI is kept as given and parsed into its device identifier and production
 * identifiers; anything else the export carried stays in `extra` so nothing is dropped.
 */
export const assets = sqliteTable(
  'assets',
  {
    assetTag: text('asset_tag').primaryKey(),
    manufacturer: text('manufacturer'),
    model: text('model'),
    catalogNumber: text('catalog_number'),
    serialNumber: text('serial_number'),
    udi: text('udi'),
    udiIssuer: text('udi_issuer'),
    udiDi: text('udi_di'),
    udiLot: text('udi_lot'),
    udiSerial: text('udi_serial'),
    udiExpiry: text('udi_expiry'),
    udiManufactured: text('udi_manufactured'),
    productCode: text('product_code'),
    deviceName: text('device_name'),
    department: text('department'),
    location: text('location'),
    status: text('status'),
    softwareVersion: text('software_version'),
    acquiredOn: text('acquired_on'),
    /** Columns of the export that Vigil has no place for, as a JSON object. */
    extra: text('extra', { mode: 'json' }).$type<Record<string, string>>(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('assets_manufacturer').on(t.manufacturer),
    index('assets_product_code').on(t.productCode),
    index('assets_udi_di').on(t.udiDi),
    index('assets_department').on(t.department),
    index('assets_status').on(t.status),
    index('assets_updated').on(t.updatedAt),
  ],
);
