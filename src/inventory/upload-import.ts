import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import type { DateOrder } from './acquired-on';
import { type CanonicalColumn, type ChosenColumns, canonicalColumns, headerKey } from './columns';
import { decodeCsvBytes, readCsv } from './csv';
import { type InventoryImportResult, importInventory } from './import';

/** What a person chose on the preview page: a column for some headers, and the order of dates. */
export type ImportChoices = { columns: ChosenColumns; dateOrder?: DateOrder };

export type UploadImport = { bytes: Uint8Array; fileName: string; goodRowsOnly: boolean } & ImportChoices;

const orders = new Set<string>(['dmy', 'mdy', 'ymd']);

/**
 * The choices a preview form sends: `map_<n>` is the column for the file's n-th header ("extra"
 * keeps it as extra data, empty leaves it as Vigil reads it), `date_format` the order of dates.
 */
export function choicesFromForm(bytes: Uint8Array, fields: Record<string, unknown>): ImportChoices {
  const headers = readCsv(decodeCsvBytes(bytes)).header;
  const columns: ChosenColumns = new Map();
  for (const [name, value] of Object.entries(fields)) {
    const index = /^map_(\d+)$/.exec(name)?.[1];
    const header = index === undefined ? undefined : headers[Number(index)];
    if (header === undefined || typeof value !== 'string' || value === '') continue;
    if (value === 'extra') columns.set(headerKey(header), null);
    else if ((canonicalColumns as readonly string[]).includes(value))
      columns.set(headerKey(header), value as CanonicalColumn);
  }
  const order = typeof fields.date_format === 'string' && orders.has(fields.date_format);
  return { columns, ...(order ? { dateOrder: fields.date_format as DateOrder } : {}) };
}

/** What an uploaded file would do to the inventory, with the choices made so far; writes nothing. */
export function previewUpload(
  deps: { db: Db; now: () => Date },
  upload: Pick<UploadImport, 'bytes'> & Partial<ImportChoices>,
) {
  return importInventory(deps, {
    text: decodeCsvBytes(upload.bytes),
    dryRun: true,
    columns: upload.columns,
    dateOrder: upload.dateOrder,
  });
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
    const result = importInventory(deps, {
      text,
      goodRowsOnly: upload.goodRowsOnly,
      columns: upload.columns,
      dateOrder: upload.dateOrder,
    });
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
          rowsWithErrors: result.rowsWithErrors,
          goodRowsOnly: upload.goodRowsOnly,
          columnsChosen: Object.fromEntries(upload.columns),
          ...(upload.dateOrder ? { dateOrder: upload.dateOrder } : {}),
        },
      });
    }
    return result;
  });
}
