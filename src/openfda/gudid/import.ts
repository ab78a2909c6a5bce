import { type Db, writeTransaction } from '../../db/client';
import { type GudidDevice, gudidDevice, gudidRecords } from './read';

export type GudidImport = { file: string; records: number; stored: number; skipped: number };

/** Rows per transaction, as for the other bulk files. */
const batchSize = 1000;

/**
 * Loads a GUDID file into `gudid_devices`: each primary DI with its company, brand, model and
 * catalog number, replacing what was stored for that DI. Importing the same file again changes
 * nothing; a record without a device identifier is skipped and counted.
 */
export async function importGudid(deps: { db: Db; now: () => Date }, file: string): Promise<GudidImport> {
  const { db, now } = deps;
  const stamp = now().toISOString();
  const upsert = db.$client.prepare(
    `INSERT INTO gudid_devices (primary_di, company_name, brand_name, version_or_model_number, catalog_number, imported_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (primary_di) DO UPDATE SET company_name = excluded.company_name, brand_name = excluded.brand_name,
       version_or_model_number = excluded.version_or_model_number, catalog_number = excluded.catalog_number
     WHERE company_name IS NOT excluded.company_name OR brand_name IS NOT excluded.brand_name
       OR version_or_model_number IS NOT excluded.version_or_model_number OR catalog_number IS NOT excluded.catalog_number`,
  );
  const write = (devices: GudidDevice[]) =>
    writeTransaction(db, () => {
      for (const d of devices)
        upsert.run(d.primaryDi, d.companyName, d.brandName, d.model, d.catalogNumber, stamp);
    });
  const result: GudidImport = { file, records: 0, stored: 0, skipped: 0 };
  let batch: GudidDevice[] = [];
  for await (const record of gudidRecords(file)) {
    result.records++;
    const device = gudidDevice(record);
    if (!device) {
      result.skipped++;
      continue;
    }
    batch.push(device);
    if (batch.length >= batchSize) {
      write(batch);
      result.stored += batch.length;
      batch = [];
    }
  }
  write(batch);
  result.stored += batch.length;
  return result;
}
