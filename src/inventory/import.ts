import fs from 'node:fs';
import { getTableColumns } from 'drizzle-orm';
import { type Db, writeTransaction } from '../db/client';
import { assets } from '../db/schema';
import type { DateOrder } from './acquired-on';
import { type ChosenColumns, type ExtraHeader, type MappedHeader, mapHeaders } from './columns';
import { decodeCsvBytes, readCsv } from './csv';
import { emptyColumnWarnings } from './empty-columns';
import { allAssets, insertAsset, type NewAsset, type StoredAsset, updateAsset } from './queries';
import { type AssetValues, fieldsOf, type RowError, type ValidRow, validateRows } from './rows';

export type InventoryImportDeps = { db: Db; now: () => Date };

export type InventoryImportOptions = {
  /** A CSV file to read; or pass its `text` (an upload). */
  file?: string;
  text?: string;
  /** Report what would happen, write nothing. */
  dryRun?: boolean;
  /** With row errors, import the rows that have none instead of nothing. */
  goodRowsOnly?: boolean;
  /** Columns a person chose for headers Vigil does not know (or knows otherwise). */
  columns?: ChosenColumns;
  /** The order of day, month and year in the file's numeric dates; month first by default. */
  dateOrder?: DateOrder;
};

export type InventoryImportResult = {
  mapping: MappedHeader[];
  /** Headers Vigil has no column for: their cells are kept in each asset's `extra`. */
  unmapped: ExtraHeader[];
  /** Data rows read (blank lines aside), good and bad. */
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  /** The first errors by line (see errorsListed); errorCount says how many there are in all. */
  errors: RowError[];
  errorCount: number;
  /** Rows not imported for their errors (every line of a repeated asset tag among them). */
  rowsWithErrors: number;
  /** What stopped the whole file (unreadable, no asset-tag column); nothing is imported then. */
  problem: string | null;
  written: boolean;
  addedTags: string[];
  updatedTags: string[];
  /** For each stored asset the file changes, which fields, from what to what. */
  changes: AssetChange[];
  /** Stored assets this file does not mention: left exactly as they are. */
  notInFile: number;
  /** Known columns left empty while a header kept as extra data may hold them. */
  warnings: string[];
  /** The problem is that no header is the asset tag: a person can choose one. */
  needsAssetTag: boolean;
  /** The problem is that the dates are in another order: a person can say which. */
  needsDateOrder: boolean;
};

type Field = keyof AssetValues;
const dataFields = (Object.keys(getTableColumns(assets)) as (keyof NewAsset)[]).filter(
  (f): f is Field => f !== 'createdAt' && f !== 'updatedAt',
);

/** Key-sorted, so that the same cells always compare and store alike; null when empty. */
function tidyExtra(extra: Record<string, string>): Record<string, string> | null {
  const keys = Object.keys(extra).sort();
  return keys.length === 0 ? null : Object.fromEntries(keys.map((k) => [k, extra[k]!]));
}

/**
 * The row to store: the stored asset with the file's columns laid over it. A column the file
 * does not have keeps its stored value, and so does an `extra` entry under another header, so
 * an export that leaves columns out never blanks what people entered before.
 */
function mergedAsset(
  stored: StoredAsset | undefined,
  row: ValidRow,
  present: Field[],
  extraHeaders: string[],
) {
  const next: Record<string, unknown> = Object.fromEntries(
    dataFields.map((f) => [f, stored ? stored[f] : null]),
  );
  for (const field of present) next[field] = row.values[field] ?? null;
  const extra = { ...(stored?.extra ?? {}) };
  for (const header of extraHeaders) delete extra[header];
  next.extra = tidyExtra({ ...extra, ...(row.values.extra ?? {}) });
  return next as AssetValues;
}

/** One field of a stored asset the file would change; an extra cell is named by its header. */
export type FieldChange = { field: string; before: string | null; after: string | null; extra?: true };
export type AssetChange = { assetTag: string; fields: FieldChange[] };

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/** What the file would change in a stored asset, field by field: empty when it is the same. */
function changedFields(a: AssetValues, b: StoredAsset): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of dataFields) {
    if (f === 'extra') {
      const next = tidyExtra(a.extra ?? {}) ?? {};
      const before = tidyExtra(b.extra ?? {}) ?? {};
      for (const key of [...new Set([...Object.keys(before), ...Object.keys(next)])].sort())
        if (next[key] !== before[key])
          changes.push({ field: key, before: shown(before[key]), after: shown(next[key]), extra: true });
    } else if (a[f] !== b[f]) changes.push({ field: f, before: shown(b[f]), after: shown(a[f]) });
  }
  return changes;
}

type Plan = {
  added: AssetValues[];
  updated: (AssetValues & { createdAt: string })[];
  changes: AssetChange[];
  unchanged: number;
  notInFile: number;
};

/** Compares the file's good rows with what is stored: what would be added, updated, left alone. */
function planImport(
  db: Db,
  rows: ValidRow[],
  fileTags: Set<string>,
  present: Field[],
  extraHeaders: string[],
) {
  const stored = new Map(allAssets(db).map((a) => [a.assetTag, a]));
  const notInFile = [...stored.keys()].filter((tag) => !fileTags.has(tag)).length;
  const plan: Plan = { added: [], updated: [], changes: [], unchanged: 0, notInFile };
  for (const row of rows) {
    const existing = stored.get(row.values.assetTag);
    const next = mergedAsset(existing, row, present, extraHeaders);
    if (!existing) {
      plan.added.push(next);
      continue;
    }
    const fields = changedFields(next, existing);
    if (fields.length === 0) plan.unchanged++;
    else {
      plan.updated.push({ ...next, createdAt: existing.createdAt });
      plan.changes.push({ assetTag: existing.assetTag, fields });
    }
  }
  return plan;
}

/**
 * Imports a CMMS inventory export. Every row is validated first; with any error nothing is
 * written unless `goodRowsOnly`, and a file-level problem stops everything. Rows upsert on
 * asset_tag in one transaction. Assets missing from the file are never deleted: a partial
 * export must not wipe the inventory.
 */
export function importInventory(
  deps: InventoryImportDeps,
  options: InventoryImportOptions,
): InventoryImportResult {
  const { db, now } = deps;
  const result: InventoryImportResult = {
    mapping: [],
    unmapped: [],
    rows: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    errors: [],
    errorCount: 0,
    rowsWithErrors: 0,
    problem: null,
    written: false,
    addedTags: [],
    updatedTags: [],
    changes: [],
    notInFile: 0,
    warnings: [],
    needsAssetTag: false,
    needsDateOrder: false,
  };
  let text = options.text;
  if (text === undefined) {
    if (!options.file || !fs.existsSync(options.file)) {
      return { ...result, problem: `${options.file ?? 'the file'} does not exist` };
    }
    text = decodeCsvBytes(fs.readFileSync(options.file));
  }
  const table = readCsv(text);
  const headers = mapHeaders(table.header, options.columns);
  Object.assign(result, { mapping: headers.mapping, unmapped: headers.unmapped, rows: table.records.length });
  if (table.problem && table.header.length === 0) return { ...result, problem: table.problem.message };
  if (headers.problem) {
    const needsAssetTag = headers.mapping.length + headers.unmapped.length > 0;
    return { ...result, problem: `line 1: ${headers.problem}`, needsAssetTag };
  }

  const today = now();
  const checked = validateRows(table.records, headers, table.header.length, today, options.dateOrder);
  const { rows } = checked;
  Object.assign(result, {
    errors: checked.errors,
    errorCount: checked.errorCount,
    rowsWithErrors: checked.rowsWithErrors,
  });
  result.warnings = emptyColumnWarnings(headers, table.records);
  if (table.problem) result.problem = `line ${table.problem.line}: ${table.problem.message}`;
  else if (checked.problem) Object.assign(result, { problem: checked.problem, needsDateOrder: true });
  const present = headers.mapping.flatMap((m) => fieldsOf(m.column));
  const extraHeaders = headers.unmapped.map((u) => u.header);
  const tagIndex = headers.mapping.find((m) => m.column === 'asset_tag')!.index;
  const fileTags = new Set(table.records.map((r) => (r.cells[tagIndex] ?? '').trim()));

  const write =
    !options.dryRun && !result.problem && (checked.errorCount === 0 || options.goodRowsOnly === true);
  const apply = () => {
    const plan = planImport(db, rows, fileTags, present, extraHeaders);
    const stamp = today.toISOString();
    if (write) {
      for (const asset of plan.added) insertAsset(db, { ...asset, createdAt: stamp, updatedAt: stamp });
      for (const asset of plan.updated) updateAsset(db, { ...asset, updatedAt: stamp });
    }
    return plan;
  };
  // IMMEDIATE takes the write lock before reading, so the plan cannot go stale under us.
  const plan = write ? writeTransaction(db, apply) : apply();
  return {
    ...result,
    added: plan.added.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged,
    written: write,
    addedTags: plan.added.map((a) => a.assetTag),
    updatedTags: plan.updated.map((a) => a.assetTag),
    changes: plan.changes,
    notInFile: plan.notInFile,
  };
}
