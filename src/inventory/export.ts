import type { Db } from '../db/client';
import { csvOf } from '../shared/csv';
import { canonicalColumns } from './columns';
import { allAssets, type StoredAsset } from './queries';

const cellOf: Record<(typeof canonicalColumns)[number], (a: StoredAsset) => string | null> = {
  asset_tag: (a) => a.assetTag,
  manufacturer: (a) => a.manufacturer,
  model: (a) => a.model,
  catalog_number: (a) => a.catalogNumber,
  serial_number: (a) => a.serialNumber,
  udi: (a) => a.udi,
  product_code: (a) => a.productCode,
  device_name: (a) => a.deviceName,
  department: (a) => a.department,
  location: (a) => a.location,
  status: (a) => a.status,
  software_version: (a) => a.softwareVersion,
  acquired_on: (a) => a.acquiredOn,
};

/**
 * The stored inventory as CSV: the canonical columns, then one column per `extra` header that
 * any asset carries, so importing the export again changes nothing. The UDI is written as it was
 * given (its parsed parts are derived from it); dates are YYYY-MM-DD. A cell a spreadsheet would
 * run as a formula gets a leading apostrophe, which the import takes off again.
 */
export function exportInventory(db: Db): { csv: string; assets: number } {
  const stored = allAssets(db);
  const extraHeaders = [...new Set(stored.flatMap((a) => Object.keys(a.extra ?? {})))].sort();
  const rows = stored.map((a) => [
    ...canonicalColumns.map((c) => cellOf[c](a) ?? ''),
    ...extraHeaders.map((h) => a.extra?.[h] ?? ''),
  ]);
  const csv = csvOf([[...canonicalColumns, ...extraHeaders], ...rows]);
  return { csv, assets: stored.length };
}
