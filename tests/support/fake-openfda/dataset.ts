/**
 * The records the fake serves, loaded from files shaped like openFDA bulk downloads
 * (`{"meta":{…,"last_updated"},"results":[…]}`, plain or as a one-member zip) and keyed by the
 * document id openFDA's pipelines use.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import yauzl from 'yauzl';
import { ENDPOINTS, type Endpoint } from './fields';

/** One record as openFDA serves it: string scalars, nested objects and arrays. */
export type FdaRecord = Record<string, unknown>;

export interface EndpointData {
  /** Records by `_id`, in load order. */
  records: Map<string, FdaRecord>;
  /** The base file's meta.last_updated (YYYY-MM-DD). */
  lastUpdated: string;
}

export type Dataset = Record<Endpoint, EndpointData>;

export interface LoadOptions {
  /** Serve sample-file records that the base file lacks (by default they are left out). */
  addSamples?: boolean;
  log?: (line: string) => void;
}

// What api.js reports before it has read the index metadata.
const DEFAULT_LAST_UPDATED = '2014-05-29';
const FILE_NAME = /^device-(recall|enforcement|event|classification|udi)(\.[^/]+)?\.json(\.zip)?$/;

/** The `_id` openFDA gives a record, or undefined when the record lacks its key field. */
export function recordKey(endpoint: Endpoint, record: FdaRecord): string | undefined {
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  switch (endpoint) {
    case 'recall':
      return text(record.product_res_number);
    case 'enforcement':
      // The RES pipeline hashes product_type + recall_number; a record without recall_number still
      // gets an id, and real openFDA serves it.
      return createHash('sha256')
        .update(`${text(record.product_type) ?? ''}${text(record.recall_number) ?? ''}`)
        .digest('hex');
    case 'event':
      return text(record.mdr_report_key) ?? text(record.report_number);
    case 'classification':
      return text(record.product_code);
    case 'udi': {
      const identifiers = record.identifiers;
      return Array.isArray(identifiers) ? text((identifiers[0] as FdaRecord | undefined)?.id) : undefined;
    }
  }
}

/** An empty dataset, or one built from in-memory records (tests). */
export function createDataset(
  contents: Partial<Record<Endpoint, { lastUpdated?: string; results: FdaRecord[] }>> = {},
): Dataset {
  const dataset = Object.fromEntries(
    ENDPOINTS.map((e) => [
      e,
      { records: new Map(), lastUpdated: contents[e]?.lastUpdated ?? DEFAULT_LAST_UPDATED },
    ]),
  ) as Dataset;
  for (const endpoint of ENDPOINTS) {
    for (const record of contents[endpoint]?.results ?? []) upsertRecord(dataset, endpoint, record);
  }
  return dataset;
}

/** Adds or replaces a record by its key; returns its `_id`. */
export function upsertRecord(dataset: Dataset, endpoint: Endpoint, record: FdaRecord): string {
  const id = recordKey(endpoint, record);
  if (id === undefined) throw new Error(`a ${endpoint} record needs its key field to be stored`);
  dataset[endpoint].records.set(id, record);
  return id;
}

/** Removes a record by `_id` (or, for enforcement, by recall_number); true when one was removed. */
export function removeRecord(dataset: Dataset, endpoint: Endpoint, key: string): boolean {
  const { records } = dataset[endpoint];
  if (records.delete(key)) return true;
  if (endpoint !== 'enforcement') return false;
  for (const [id, record] of records) {
    if (record.recall_number === key) return records.delete(id);
  }
  return false;
}

interface Envelope {
  file: string;
  lastUpdated: string | undefined;
  results: FdaRecord[];
}

/**
 * Loads every `device-<endpoint>[.<name>].json[.zip]` at the top of dir. `*.sample.json` files overlay
 * a non-sample file of the same endpoint (matching records are patched field by field, new ones are
 * added only with addSamples); an endpoint with only a sample file serves it as its base.
 */
export async function loadDataset(dir: string, options: LoadOptions = {}): Promise<Dataset> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`no such data directory: ${dir}`);
  const files = (await readdir(dir)).filter((name) => FILE_NAME.test(name)).sort();
  if (files.length === 0)
    throw new Error(`no openFDA device files (device-<endpoint>.….json[.zip]) in ${dir}`);

  // Read every file at once: unzipping runs off the main thread while another file is parsed.
  const envelopes = new Map(
    await Promise.all(files.map(async (f) => [f, await readEnvelope(join(dir, f))] as const)),
  );
  const dataset = createDataset();
  for (const endpoint of ENDPOINTS) {
    const mine = files.filter((name) => FILE_NAME.exec(name)?.[1] === endpoint);
    const isSample = (name: string) => /\.sample\.json(\.zip)?$/.test(name);
    const bases = mine.filter((name) => !isSample(name));
    const samples = mine.filter(isSample);
    if (mine.length === 0) continue;
    const baseEnvelopes = (bases.length ? bases : samples).map((f) => envelopes.get(f)!);
    const data = dataset[endpoint];
    for (const envelope of baseEnvelopes) {
      for (const record of envelope.results) storeOrSkip(dataset, endpoint, record, envelope.file, log);
    }
    const dates = baseEnvelopes.map((e) => e.lastUpdated).filter((d) => d !== undefined);
    data.lastUpdated = dates.sort().at(-1) ?? DEFAULT_LAST_UPDATED;
    if (bases.length === 0) continue;

    for (const file of samples) {
      const overlay = envelopes.get(file)!;
      let leftOut = 0;
      for (const record of overlay.results) {
        const id = recordKey(endpoint, record);
        const base = id === undefined ? undefined : data.records.get(id);
        if (id !== undefined && base) data.records.set(id, Object.assign({}, base, record));
        else if (options.addSamples) storeOrSkip(dataset, endpoint, record, file, log);
        else leftOut++;
      }
      if (leftOut > 0) {
        log(
          `fake-openfda: left out ${leftOut} of ${overlay.results.length} ${endpoint} record(s) from ${file}: ` +
            'their keys are not in the base file (use addSamples / --add-samples to serve them)',
        );
      }
    }
  }
  return dataset;
}

function storeOrSkip(
  dataset: Dataset,
  endpoint: Endpoint,
  record: FdaRecord,
  file: string,
  log: (line: string) => void,
) {
  if (recordKey(endpoint, record) === undefined)
    log(`fake-openfda: skipped a ${endpoint} record without its key in ${file}`);
  else upsertRecord(dataset, endpoint, record);
}

async function readEnvelope(file: string): Promise<Envelope> {
  const text = file.endsWith('.zip') ? await readZippedJson(file) : await readFile(file, 'utf8');
  const parsed = JSON.parse(text) as { meta?: { last_updated?: unknown }; results?: unknown };
  if (!Array.isArray(parsed.results))
    throw new Error(`${file} is not an openFDA envelope ({"meta", "results": [...]})`);
  const lastUpdated = parsed.meta?.last_updated;
  return {
    file: basename(file),
    lastUpdated: typeof lastUpdated === 'string' ? lastUpdated : undefined,
    results: parsed.results,
  };
}

// openFDA's zips hold one JSON file; read the first .json member whole.
function readZippedJson(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (openError, zip) => {
      if (openError) return reject(openError);
      let found = false;
      zip.on('error', reject);
      zip.on('end', () => {
        if (!found) reject(new Error(`${file} holds no .json member`));
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('.json')) return zip.readEntry();
        found = true;
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.readEntry();
    });
  });
}
