/**
 * GUDID device records (openFDA device/udi) from the files FDA publishes or openFDA serves: an
 * envelope ({"meta": …, "results": [ … ]}, as *.json or *.json.zip) or one record per line
 * (*.ndjson, *.ndjson.zip). Records stream through; nothing is read into memory whole.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { RecordFramer } from '../bulk/framer';
import { jsonMembers } from '../bulk/members';

/** What Vigil keeps of a GUDID record. */
export type GudidDevice = {
  primaryDi: string;
  companyName: string | null;
  brandName: string | null;
  model: string | null;
  catalogNumber: string | null;
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** The fields Vigil keeps, or null for a record without a primary device identifier. */
export function gudidDevice(record: unknown): GudidDevice | null {
  if (typeof record !== 'object' || record === null) return null;
  const r = record as Record<string, unknown>;
  const identifiers = Array.isArray(r.identifiers) ? (r.identifiers as Record<string, unknown>[]) : [];
  const primary = identifiers.find((i) => i.type === 'Primary') ?? identifiers[0];
  const di = text(primary?.id);
  if (!di) return null;
  return {
    primaryDi: di,
    companyName: text(r.company_name),
    brandName: text(r.brand_name),
    model: text(r.version_or_model_number),
    catalogNumber: text(r.catalog_number),
  };
}

/** Whether a record is a GUDID device record: identifiers with a company, not a recall or event. */
export function isGudidRecord(record: unknown): boolean {
  return typeof record === 'object' && record !== null && 'identifiers' in record && 'company_name' in record;
}

async function* lines(stream: Readable): AsyncGenerator<unknown> {
  for await (const line of readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim()) yield JSON.parse(line);
  }
}

async function* ndjsonZip(file: string): AsyncGenerator<unknown> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (error, z) =>
      error ? reject(error) : resolve(z),
    ),
  );
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(null));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (!entry) return;
      if (!/\.(nd)?jsonl?$/i.test(entry.fileName)) continue;
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
      );
      yield* lines(stream);
    }
  } finally {
    zip.close();
  }
}

/** Every record of a GUDID file, in order. */
export async function* gudidRecords(file: string): AsyncGenerator<unknown> {
  const name = file.toLowerCase();
  if (/\.(ndjson|jsonl)\.zip$/.test(name)) {
    yield* ndjsonZip(file);
    return;
  }
  if (/\.(ndjson|jsonl)$/.test(name)) {
    yield* lines(fs.createReadStream(file));
    return;
  }
  for await (const member of jsonMembers(file)) {
    // A GUDID device record is a few KB: one past a megabyte is not one, and is not held whole.
    const framer = new RecordFramer(1024 * 1024);
    const found: unknown[] = [];
    for await (const chunk of member.stream) {
      framer.push(chunk as Buffer, ({ text, oversized }) => {
        if (oversized === null) found.push(JSON.parse(text));
      });
      yield* found.splice(0);
    }
    framer.end();
    yield* found.splice(0);
  }
}

/**
 * Whether a file holds GUDID device records, judged by its first record. Only a regular file is
 * looked into: a pipe (`vigil import <(unzip -p …)`) can be read once, and that read is the import's.
 */
export async function isGudidFile(file: string): Promise<boolean> {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return false;
  try {
    for await (const record of gudidRecords(file)) return isGudidRecord(record);
  } catch {
    return false;
  }
  return false;
}
