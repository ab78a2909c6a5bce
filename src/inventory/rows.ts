import type { assets } from '../db/schema';
import { type DateOrder, dateOrders, likelyOrder, parseAcquiredOn } from './acquired-on';
import type { CanonicalColumn, HeaderMapping } from './columns';
import type { CsvRecord } from './csv';
import { parseUdi } from './udi';

/** An `assets` row without its timestamps. */
export type AssetValues = Omit<typeof assets.$inferInsert, 'createdAt' | 'updatedAt'>;

/** What is wrong with one row: the physical line, the header as the file spells it, and why. */
export type RowError = { line: number; column: string | null; message: string };

/**
 * A good row: only the columns the file has are set, so a column missing from an export never
 * blanks what is stored (see import.ts). `extra` holds the non-blank unmapped cells.
 */
export type ValidRow = { line: number; values: Partial<AssetValues> & { assetTag: string } };

type Field = Exclude<keyof AssetValues, 'extra'>;

const fieldOf: Record<CanonicalColumn, Field> = {
  asset_tag: 'assetTag',
  manufacturer: 'manufacturer',
  model: 'model',
  catalog_number: 'catalogNumber',
  serial_number: 'serialNumber',
  udi: 'udi',
  product_code: 'productCode',
  device_name: 'deviceName',
  department: 'department',
  location: 'location',
  status: 'status',
  software_version: 'softwareVersion',
  acquired_on: 'acquiredOn',
};

/** The stored fields a column of the file stands for (a UDI fills its parsed parts too). */
export function fieldsOf(column: CanonicalColumn): Field[] {
  if (column !== 'udi') return [fieldOf[column]];
  return ['udi', 'udiIssuer', 'udiDi', 'udiLot', 'udiSerial', 'udiExpiry', 'udiManufactured'];
}

/** The UDI as given and its parsed parts, or why it is not a valid UDI. */
function udiColumns(udi: string | null, today: Date): Partial<AssetValues> | string {
  if (udi === null) {
    return {
      udi,
      udiIssuer: null,
      udiDi: null,
      udiLot: null,
      udiSerial: null,
      udiExpiry: null,
      udiManufactured: null,
    };
  }
  const parsed = parseUdi(udi, { today });
  if (!parsed.ok) return `UDI "${udi}" is not valid: ${parsed.reason}`;
  return {
    udi,
    udiIssuer: parsed.issuer,
    udiDi: parsed.di,
    udiLot: parsed.lot,
    udiSerial: parsed.serial,
    udiExpiry: parsed.expiry,
    udiManufactured: parsed.manufactured,
  };
}

/**
 * Validates and normalises one row; each problem is reported, not just the first. `width` is the
 * number of fields every row must have: a row with more or fewer has shifted cells.
 */
export function validateRow(
  record: CsvRecord,
  columns: HeaderMapping,
  width: number,
  today: Date,
  order: DateOrder = 'mdy',
): { values: ValidRow['values'] | null; errors: RowError[] } {
  const { line, cells } = record;
  const errors: RowError[] = [];
  const fail = (column: string | null, message: string) => errors.push({ line, column, message });
  if (cells.length !== width) {
    const header = columns.mapping.length + columns.unmapped.length;
    fail(
      null,
      `has ${cells.length} fields but the header has ${header}; look for a stray comma or a missing quote`,
    );
    return { values: null, errors };
  }
  const values: Partial<AssetValues> = {};
  for (const { header, index, column } of columns.mapping) {
    const text = cells[index]!.trim();
    const value = text === '' ? null : text;
    if (column === 'asset_tag' && value === null) {
      fail(header, 'the asset tag is empty; every asset needs one');
    } else if (column === 'product_code' && value !== null) {
      const code = value.toUpperCase();
      if (/^[A-Z]{3}$/.test(code)) values.productCode = code;
      else fail(header, `"${value}" is not an FDA product code (three letters, such as FRN)`);
    } else if (column === 'udi') {
      const udi = udiColumns(value, today);
      if (typeof udi === 'string') fail(header, udi);
      else Object.assign(values, udi);
    } else if (column === 'acquired_on' && value !== null) {
      const date = parseAcquiredOn(value, today, order);
      if (date.ok) values.acquiredOn = date.date;
      else fail(header, date.reason);
    } else {
      (values as Record<Field, string | null>)[fieldOf[column]] = value;
    }
  }
  const extra: Record<string, string> = {};
  for (const { header, index } of columns.unmapped) {
    const text = cells[index]!.trim();
    if (text !== '') extra[header] = text;
  }
  values.extra = Object.keys(extra).length > 0 ? extra : null;
  if (errors.length > 0) return { values: null, errors };
  return { values: values as ValidRow['values'], errors };
}

/** Row errors listed, in line order; a file with more says how many more (a person fixes these first). */
export const errorsListed = 100;

/** How many lines of a repeated asset tag an error names. */
const linesNamed = 5;

export type ValidatedRows = {
  rows: ValidRow[];
  /** The first `errorsListed` errors by line. */
  errors: RowError[];
  errorCount: number;
  rowsWithErrors: number;
  problem: string | null;
};

/**
 * Validates every row of a file. An asset tag used on more than one line is one error, at its
 * first line, with how many lines and the first few: which of them is right is a person's call,
 * so none is imported. (Listing every other line on every line took 2 GB for one tag repeated
 * 20,000 times.)
 */
export function validateRows(
  records: CsvRecord[],
  columns: HeaderMapping,
  width: number,
  today: Date,
  order: DateOrder = 'mdy',
): ValidatedRows {
  const rows: ValidRow[] = [];
  const errors: RowError[] = [];
  const badLines = new Set<number>();
  // Some exports end every data line with the same empty fields; one line alone doing so is a shift.
  const first = records[0]?.cells.length ?? width;
  const padded =
    first > width &&
    records.every((r) => r.cells.length === first && r.cells.slice(width).every((c) => !c.trim()));
  for (const record of records) {
    const result = validateRow(record, columns, padded ? first : width, today, order);
    for (const error of result.errors) errors.push(error);
    if (result.errors.length > 0) badLines.add(record.line);
    if (result.values) rows.push({ line: record.line, values: result.values });
  }
  const tagHeader = columns.mapping.find((m) => m.column === 'asset_tag')?.header ?? 'asset_tag';
  const tagIndex = columns.mapping.find((m) => m.column === 'asset_tag')?.index ?? 0;
  const linesOf = new Map<string, number[]>();
  for (const { line, cells } of records) {
    const tag = (cells[tagIndex] ?? '').trim();
    if (tag === '') continue;
    const lines = linesOf.get(tag);
    if (lines) lines.push(line);
    else linesOf.set(tag, [line]);
  }
  const repeated = new Set<string>();
  for (const [tag, lines] of linesOf) {
    if (lines.length < 2) continue;
    repeated.add(tag);
    for (const line of lines) badLines.add(line);
    const named = lines.slice(0, linesNamed).join(', ');
    const more =
      lines.length > linesNamed ? ` and ${(lines.length - linesNamed).toLocaleString('en-US')} more` : '';
    errors.push({
      line: lines[0]!,
      column: tagHeader,
      message: `asset tag ${tag} is on ${lines.length.toLocaleString('en-US')} lines (${named}${more}); none of them is imported`,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return {
    rows: rows.filter((row) => !repeated.has(row.values.assetTag)),
    errors: errors.slice(0, errorsListed),
    errorCount: errors.length,
    rowsWithErrors: badLines.size,
    problem: dateOrderProblem(records, columns, today, order),
  };
}

/**
 * Dates written in another order than the one they are read in fail only where the day is past
 * 12, and the others are silently misread (3 April read as 4 March): when every failing date
 * reads in another order, the whole file is refused, naming that order.
 */
function dateOrderProblem(
  records: CsvRecord[],
  columns: HeaderMapping,
  today: Date,
  order: DateOrder,
): string | null {
  const column = columns.mapping.find((m) => m.column === 'acquired_on');
  if (!column) return null;
  const failed: { raw: string; line: number }[] = [];
  let read = 0;
  for (const { line, cells } of records) {
    const raw = (cells[column.index] ?? '').trim();
    if (raw && !parseAcquiredOn(raw, today, order).ok) failed.push({ raw, line });
    else if (raw) read++;
  }
  const likely = likelyOrder(
    failed.map((f) => f.raw),
    order,
    today,
  );
  if (!likely) return null;
  const first = failed[0]!;
  const count = failed.length === 1 ? 'one date' : `${failed.length} dates`;
  return (
    `the ${column.header} dates look ${dateOrders[likely]}: ${count}, such as "${first.raw}" on line ${first.line}, ` +
    `cannot be ${dateOrders[order]}${read > 0 ? `, and the other ${read} would be misread` : ''}; import again with --date-format ${likely}`
  );
}
