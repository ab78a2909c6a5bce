/**
 * Builds the databases the matching benchmarks run on: the 31,960-recall corpus, and either the
 * dev inventory or a synthetic 50,000-asset inventory made of real firm and model names (the dev
 * inventory repeated, as a hospital owns many of one model; the MAUDE device names; GUDID).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import yauzl from 'yauzl';
import { closeDatabase, type Db, openDatabase } from '../../src/db/client';
import { importInventory } from '../../src/inventory/import';
import { quietLogger } from '../../src/log';
import { importFiles } from '../../src/openfda/bulk/import';
import { jsonMembers } from '../../src/openfda/bulk/members';
import { openFdaData, sharedData } from '../support/shared';

export type Bench = {
  db: Db;
  dir: string;
  deps: { db: Db; now: () => Date; log: ReturnType<typeof quietLogger> };
};

export async function benchDatabase(): Promise<Bench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
  const db = openDatabase(path.join(dir, 'vigil.db'));
  const deps = { db, now: () => new Date(), log: quietLogger() };
  await importFiles(deps, [path.join(openFdaData, 'device-recall.cfres.json.zip')]);
  return { db, dir, deps };
}

/** The same database opened afresh, as the next process to use it would. */
export function reopen(bench: Bench): Bench {
  closeDatabase(bench.db);
  const db = openDatabase(path.join(bench.dir, 'vigil.db'));
  bench.db = db;
  bench.deps = { ...bench.deps, db };
  return bench;
}

export function closeBench(bench: Bench) {
  closeDatabase(bench.db);
  fs.rmSync(bench.dir, { recursive: true, force: true });
}

const devInventory = () => path.join(sharedData, 'matching/dev/inventory.csv');

export function importDevInventory(bench: Bench): number {
  const result = importInventory(bench.deps, { file: devInventory() });
  if (!result.written) throw new Error('the dev inventory did not import');
  return result.added;
}

type Row = Record<string, string>;

/** The records of a zipped NDJSON file (GUDID comes that way), one line at a time. */
async function* ndjsonRecords(file: string): AsyncGenerator<Record<string, unknown>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, z) => (error ? reject(error) : resolve(z))),
  );
  const entry = await new Promise<yauzl.Entry>((resolve) => {
    zip.once('entry', resolve);
    zip.readEntry();
  });
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
  );
  for await (const line of readline.createInterface({ input: stream })) {
    if (line.trim()) yield JSON.parse(line);
  }
  zip.close();
}

/** 50,000 assets: the dev inventory 30 times over, then MAUDE device names, then GUDID devices. */
export async function importSyntheticInventory(bench: Bench, size = 50_000): Promise<number> {
  const rows: Row[] = [];
  const dev = parse(fs.readFileSync(devInventory()), { columns: true }) as Row[];
  for (let copy = 0; copy < 30; copy++) {
    for (const row of dev) rows.push({ ...row, asset_tag: `${row.asset_tag}-${copy}`, udi: '' });
  }
  const seen = new Set<string>();
  const event = path.join(openFdaData, 'device-event.maude-extracts.json.zip');
  const { RecordFramer } = await import('../../src/openfda/bulk/framer');
  for await (const member of jsonMembers(event)) {
    const framer = new RecordFramer();
    for await (const chunk of member.stream) {
      framer.push(chunk as Buffer, ({ text }) => {
        const report = JSON.parse(text) as { device?: Record<string, string>[] };
        for (const d of report.device ?? []) {
          const key = `${d.manufacturer_d_name}|${d.brand_name}|${d.model_number}`;
          if (seen.has(key) || !d.manufacturer_d_name || rows.length >= size * 0.4) continue;
          seen.add(key);
          rows.push({
            asset_tag: `M-${rows.length}`,
            manufacturer: d.manufacturer_d_name,
            model: [d.brand_name, d.model_number].filter(Boolean).join(' '),
            catalog_number: d.catalog_number ?? '',
            product_code: d.device_report_product_code ?? '',
          });
        }
      });
    }
  }
  for await (const device of ndjsonRecords(
    path.join(openFdaData, 'device-udi.gudid2016-converted.ndjson.zip'),
  )) {
    if (rows.length >= size) break;
    const d = device as {
      company_name?: string;
      brand_name?: string;
      version_or_model_number?: string;
      catalog_number?: string;
      product_codes?: { code: string }[];
    };
    rows.push({
      asset_tag: `G-${rows.length}`,
      manufacturer: d.company_name ?? '',
      model: [d.brand_name, d.version_or_model_number].filter(Boolean).join(' '),
      catalog_number: d.catalog_number ?? '',
      product_code: d.product_codes?.[0]?.code ?? '',
    });
  }
  const file = path.join(bench.dir, 'synthetic-inventory.csv');
  fs.writeFileSync(
    file,
    stringify(rows, {
      header: true,
      columns: ['asset_tag', 'manufacturer', 'model', 'catalog_number', 'product_code'],
    }),
  );
  const result = importInventory(bench.deps, { file, goodRowsOnly: true });
  return result.added;
}
