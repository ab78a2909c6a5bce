import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { decodeCsvBytes } from './csv';
import { type InventoryImportResult, importInventory } from './import';

export type UploadImport = { bytes: Uint8Array; fileName: string; goodRowsOnly: boolean };

/** What an uploaded file would do to the inventory; writes nothing. */
export function previewUpload(deps: { db: Db; now: () => Date }, upload: Pick<UploadImport, 'bytes'>) {
  return importInventory(deps, { text: decodeCsvBytes(upload.bytes), dryRun: true });
}

/**
 * Imports an uploaded file as `vigil inventory import` does, and records who imported what in
 * the same transaction (the import's own transaction becomes a savepoint inside it).
 */
export function importUpload(
  deps: { db: Db; now: () => Date },
  upload: UploadImport,
  actor: Actor,
): InventoryImportResult {
  const { db, now } = deps;
  const text = decodeCsvBytes(upload.bytes);
  return writeTransaction(db, () => {
    const result = importInventory(deps, { text, goodRowsOnly: upload.goodRowsOnly });
    if (result.written) {
      audit(db, actor, now(), {
        action: 'inventory.import',
        entity: 'inventory',
        entityId: 'assets',
        after: {
          file: upload.fileName,
          rows: result.rows,
          added: result.added,
          updated: result.updated,
          unchanged: result.unchanged,
          rowsWithErrors: new Set(result.errors.map((e) => e.line)).size,
          goodRowsOnly: upload.goodRowsOnly,
        },
      });
    }
    return result;
  });
}
