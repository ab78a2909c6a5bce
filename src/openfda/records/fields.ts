import { toIsoDate } from '../dates';

/** A record that does not follow openFDA's documented shape; it is set aside, never half-stored. */
export class Malformed extends Error {}

export type Accepted<Row> = { ok: true; key: string; row: Row };
export type Rejected = { ok: false; key: string | null; reason: string };
export type Normalised<Row> = Accepted<Row> | Rejected;

export type FdaRecord = Record<string, unknown>;

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : `a${typeof value === 'object' ? 'n object' : ` ${typeof value}`}`;
}

/**
 * Text as the FDA sent it, or null when absent or blank. openFDA sends every scalar as a string;
 * a number is accepted as its text, but a list or object where text belongs is malformed.
 */
export function text(record: FdaRecord, field: string): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Malformed(`${field} is ${describe(value)}, expected text`);
}

/** A list of strings (k_numbers, pma_numbers), or null when absent. */
export function textList(record: FdaRecord, field: string): string[] | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new Malformed(`${field} is ${describe(value)}, expected a list of text`);
  }
  return value as string[];
}

/** A nested object (openfda), or an empty one when absent. */
export function object(record: FdaRecord, field: string): FdaRecord {
  const value = record[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new Malformed(`${field} is ${describe(value)}, expected an object`);
  }
  return value as FdaRecord;
}

/** A list of objects (device[], mdr_text[]), or an empty list when absent. */
export function objectList(record: FdaRecord, field: string): FdaRecord[] {
  const value = record[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
    throw new Malformed(`${field} is ${describe(value)}, expected a list of objects`);
  }
  return value as FdaRecord[];
}

/** A date in either openFDA style as YYYY-MM-DD; an unreadable date is null here and kept in raw. */
export function date(record: FdaRecord, field: string): string | null {
  return toIsoDate(text(record, field));
}

/** The natural key, or a rejection when the record has none. */
export function keyOf(record: unknown, fields: string[]): { ok: true; key: string } | Rejected {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { ok: false, key: null, reason: `the record is ${describe(record)}, not an object` };
  }
  for (const field of fields) {
    const value = (record as FdaRecord)[field];
    if (typeof value === 'string' && value.trim() !== '') return { ok: true, key: value.trim() };
    if (typeof value === 'number') return { ok: true, key: String(value) };
  }
  return { ok: false, key: null, reason: `the record has no ${fields.join(' or ')}` };
}

/** Runs a row builder, turning a Malformed field into a rejection that names the record. */
export function normaliseWith<Row>(
  record: unknown,
  keyFields: string[],
  build: (record: FdaRecord, key: string) => Row,
): Normalised<Row> {
  const found = keyOf(record, keyFields);
  if (!found.ok) return found;
  try {
    return { ok: true, key: found.key, row: build(record as FdaRecord, found.key) };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, key: found.key, reason: error.message };
    throw error;
  }
}
