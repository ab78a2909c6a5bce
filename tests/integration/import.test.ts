import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import type { Db } from '../../src/db/client';
import {
  enforcementReports,
  maudeReports,
  productClasses,
  recalls,
  syncRejects,
  syncRuns,
} from '../../src/db/schema';
import { importFiles } from '../../src/openfda/bulk/import';
import { fixtureData, readEnvelope } from '../support/shared';
import { captureLog, openTestDb, tempDir } from '../support/vigil';

const count = (db: Db, table: SQLiteTable) => db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;
const fixture = (feed: string) => path.join(fixtureData, `device-${feed}.fixture.json`);

/** Zips a file the way openFDA's downloads are packed: one JSON member. */
async function zipOf(file: string, dir: string): Promise<string> {
  const target = path.join(dir, `${path.basename(file)}.zip`);
  const zip = new yazl.ZipFile();
  zip.addFile(file, path.basename(file));
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(target));
  return target;
}

let db: Db;
let close: () => void;
let dir: string;
beforeEach(() => {
  ({ db, close } = openTestDb());
  dir = tempDir();
});
afterEach(() => close());

describe('vigil import', () => {
  it('when given each kind of bulk file, then its feed is recognised from the content and every record lands', async () => {
    const { log } = captureLog();
    const results = await importFiles({ db, now: () => new Date(), log }, [
      fixture('classification'),
      fixture('recall'),
      fixture('enforcement'),
      await zipOf(fixture('event'), dir),
    ]);
    expect(results.map((r) => [r.feed, r.status])).toEqual([
      ['classification', 'succeeded'],
      ['recall', 'succeeded'],
      ['enforcement', 'succeeded'],
      ['event', 'succeeded'],
    ]);
    expect(count(db, recalls)).toBe(readEnvelope(fixture('recall')).results.length);
    expect(count(db, maudeReports)).toBe(readEnvelope(fixture('event')).results.length);
    expect(count(db, productClasses)).toBe(readEnvelope(fixture('classification')).results.length);
    expect(count(db, enforcementReports)).toBe(readEnvelope(fixture('enforcement')).results.length - 1);
    expect(
      db
        .select()
        .from(syncRuns)
        .all()
        .every((r) => r.mode === 'import'),
    ).toBe(true);
  });

  it('when the same file is imported twice, then nothing changes the second time', async () => {
    const deps = { db, now: () => new Date(), log: captureLog().log };
    const zipped = await zipOf(fixture('recall'), dir);
    await importFiles(deps, [zipped]);
    const before = db.select().from(recalls).all();
    const [again] = await importFiles(deps, [zipped]);
    expect(again!.counts).toEqual({ added: 0, updated: 0, unchanged: before.length, skipped: 0 });
    expect(db.select().from(recalls).all()).toEqual(before);
  });

  it('when a file was renamed, then its content still says what it holds', async () => {
    const renamed = path.join(dir, 'download (3).json');
    fs.copyFileSync(fixture('enforcement'), renamed);
    const [result] = await importFiles({ db, now: () => new Date(), log: captureLog().log }, [renamed]);
    expect(result!.feed).toBe('enforcement');
  });

  it('when records are malformed, then each is reported with its key and skipped, and the rest land', async () => {
    const good = readEnvelope(fixture('recall')).results;
    const text = [
      '{"meta": {"results": {"total": 4}}, "results": [',
      JSON.stringify(good[0]),
      ',{"product_res_number": "Z-7001-2020", "recalling_firm": "Broken Inc", "product_code": FRN},',
      '{"product_res_number": "Z-7002-2020", "k_numbers": "K123456"},',
      JSON.stringify(good[1]),
      ']}',
    ].join('\n');
    const file = path.join(dir, 'device-recall-0001-of-0001.json');
    fs.writeFileSync(file, text);
    const { log, lines } = captureLog();
    const [result] = await importFiles({ db, now: () => new Date(), log }, [file]);
    expect(result).toMatchObject({ status: 'succeeded', records: 4, counts: { added: 2, skipped: 2 } });
    expect(lines.some((l) => l.includes('Z-7001-2020') && l.includes('not valid JSON'))).toBe(true);
    expect(lines.some((l) => l.includes('Z-7002-2020') && l.includes('k_numbers is a string'))).toBe(true);
    const rejects = db.select().from(syncRejects).all();
    expect(rejects.map((r) => r.recordKey).sort()).toEqual(['Z-7001-2020', 'Z-7002-2020']);
    expect(rejects.find((r) => r.recordKey === 'Z-7001-2020')!.raw).toContain('"product_code": FRN');
  });

  it('when a download was cut off, then the import fails saying so, and the complete records before it are kept', async () => {
    const whole = fs.readFileSync(fixture('recall'), 'utf8');
    const file = path.join(dir, 'device-recall.json');
    fs.writeFileSync(file, whole.slice(0, Math.floor(whole.length / 2)));
    const [result] = await importFiles({ db, now: () => new Date(), log: captureLog().log }, [file]);
    expect(result!.status).toBe('failed');
    expect(result!.error).toMatch(/ends part-way through \(truncated download\?\)/);
    expect(count(db, recalls)).toBeGreaterThan(10);
    expect(db.select().from(syncRuns).get()!.status).toBe('failed');
  });

  it('when a file is not an openFDA bulk file, then the error says what was expected', async () => {
    const deps = { db, now: () => new Date(), log: captureLog().log };
    const csv = path.join(dir, 'recalls.csv');
    fs.writeFileSync(csv, 'a,b\n');
    const list = path.join(dir, 'list.json');
    fs.writeFileSync(list, '[{"product_res_number": "Z-1"}]');
    const odd = path.join(dir, 'odd.json');
    fs.writeFileSync(odd, '{"meta": {}, "results": [{"brand_name": "x"}]}');
    const results = await importFiles(deps, [csv, list, odd]);
    expect(results.map((r) => r.error)).toEqual([
      'recalls.csv is not an openFDA bulk file (*.json or *.json.zip)',
      'list.json: the file is not a JSON object (at byte 0)',
      'could not tell which openFDA feed odd.json holds (expected recall, enforcement, event or classification records)',
    ]);
  });

  it('when one record is larger than a record may be, then it is refused with its key and the others land', async () => {
    const deps = { db, now: () => new Date(), log: captureLog().log };
    const { results } = readEnvelope(fixture('recall'));
    const huge = { ...results[1], product_description: 'x'.repeat(3 * 1024 * 1024) };
    const file = path.join(dir, 'device-recall-0001-of-0001.json');
    fs.writeFileSync(file, JSON.stringify({ meta: {}, results: [results[0], huge, ...results.slice(2)] }));
    const [result] = await importFiles(deps, [await zipOf(file, dir)]);
    expect(result).toMatchObject({ status: 'succeeded', counts: { added: results.length - 1, skipped: 1 } });
    const rejects = db.select().from(syncRejects).all();
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.recordKey).toBe((results[1] as { product_res_number: string }).product_res_number);
    expect(rejects[0]!.reason).toMatch(
      /^the record is 3\.0 MB, over the 1\.0 MB a record may be \(VIGIL_MAX_RECORD_MB\)/,
    );
    expect(rejects[0]!.raw.length).toBeLessThanOrEqual(16 * 1024);
  });

  it('when a zip member would expand thousands of times, then the file is refused before it is read', async () => {
    const deps = { db, now: () => new Date(), log: captureLog().log };
    const file = path.join(dir, 'device-recall-0001-of-0001.json');
    fs.writeFileSync(file, `{"meta": {}, "results": [${' '.repeat(50 * 1024 * 1024)}]}`);
    const [result] = await importFiles(deps, [await zipOf(file, dir)]);
    expect(result!.status).toBe('failed');
    expect(result!.error).toMatch(/would expand \d+ times, to 50 MB; .* refused as damaged or hostile/);
  });
});
