import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../src/db/client';
import { createEventIndexKeeper } from '../../src/events/index-keeper';
import { createManufacturerNames } from '../../src/events/manufacturers';
import { eventResults } from '../../src/events/page';
import { rankedAtMost, searchEvents } from '../../src/events/queries';
import { eventIndexBacklog, refreshEventSearch } from '../../src/events/search-index';
import { importFiles } from '../../src/openfda/bulk/import';
import { eventFilters, eventFixture, openEventFixtureDb } from '../support/events';
import { captureLog, tempDir } from '../support/vigil';

const fixtureReports = () =>
  (JSON.parse(fs.readFileSync(eventFixture, 'utf8')) as { results: Record<string, unknown>[] }).results;

let db: Db;
let file: string;
let close: () => void;
beforeEach(async () => {
  ({ db, file, close } = await openEventFixtureDb());
});
afterEach(() => close());

/** Imports reports (in the openFDA shape) as `vigil import` does: the file, then the index. */
async function importReports(reports: Record<string, unknown>[]) {
  const file = path.join(tempDir(), 'device-event.json');
  fs.writeFileSync(file, JSON.stringify({ meta: {}, results: reports }));
  await importFiles({ db, now: () => new Date(), log: captureLog().log }, [file]);
  refreshEventSearch(db);
}

const search = (raw: Record<string, string>, pageSize = 50) =>
  searchEvents(db, createManufacturerNames(db), eventFilters(raw), { page: 1, pageSize });

/** The reports counted by what the index groups them by, straight from the reports: what its groups must hold. */
const countedFromReports = () =>
  db.all<Record<string, unknown>>(sql`
    SELECT coalesce(d.manufacturer_d_name, '') AS maker, coalesce(d.brand_name, '') AS brand,
           coalesce(d.model_number, '') AS model, coalesce(d.generic_name, '') AS generic,
           coalesce(d.product_code, '') AS productCode, coalesce(substr(r.date_received, 1, 7), '') AS month,
           coalesce(r.event_type, '') AS eventType, count(*) AS reports
    FROM maude_reports r LEFT JOIN maude_devices d ON d.report_key = r.report_key AND d.position = 0
    GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7`);
const countedByIndex = () => {
  refreshEventSearch(db);
  const name = (column: string) =>
    sql.raw(`coalesce((SELECT value FROM maude_search_names n WHERE n.id = g.${column}), '')`);
  return db.all<Record<string, unknown>>(sql`
    SELECT ${name('maker')} AS maker, ${name('brand')} AS brand, ${name('model')} AS model,
           ${name('generic')} AS generic, g.product_code AS productCode, g.month AS month,
           g.event_type AS eventType, g.reports AS reports
    FROM maude_search_groups g ORDER BY 1, 2, 3, 4, 5, 6, 7`);
};

describe('the counts beside the narrative index', () => {
  it('when reports are imported, revised and removed, then the groups count exactly the reports there are', async () => {
    expect(countedByIndex()).toEqual(countedFromReports());
    const key = search({ manufacturer: 'Acme Infusion Systems' }).rows[0]!.reportKey;
    db.run(sql`UPDATE maude_devices SET brand_name = 'RENAMED PUMP' WHERE report_key = ${key}`);
    db.run(sql`UPDATE maude_reports SET event_type = 'Death', raw = raw || ' ' WHERE report_key = ${key}`);
    expect(countedByIndex()).toEqual(countedFromReports());
    expect(search({ brand: 'renamed' }).rows.map((r) => r.eventType)).toEqual(['Death']);
    db.run(sql`DELETE FROM maude_reports WHERE report_key = ${key}`);
    expect(countedByIndex()).toEqual(countedFromReports());
    expect(search({ brand: 'renamed' }).total).toBe(0);
  });

  it('when the newest report is removed and another takes its place, then the newcomer is indexed too', async () => {
    search({ text: 'pump' });
    const newest = db.get<{ key: string }>(
      sql`SELECT report_key AS key FROM maude_reports ORDER BY rowid DESC LIMIT 1`,
    )!.key;
    db.run(sql`DELETE FROM maude_reports WHERE report_key = ${newest}`);
    // SQLite hands the removed report's rowid to the next one: the index had read past it.
    const [template] = fixtureReports();
    await importReports([
      {
        ...template,
        mdr_report_key: '9999999',
        report_number: 'NEWCOMER',
        mdr_text: [{ text_type_code: 'Description of Event or Problem', text: 'A ZEPPELIN SHAPED BALLOON' }],
      },
    ]);
    expect(search({ text: 'zeppelin' }).rows.map((r) => r.reportNumber)).toEqual(['NEWCOMER']);
    expect(countedByIndex()).toEqual(countedFromReports());
  });

  it('when two processes index at once, then each report is indexed once and the groups stay exact', () => {
    // The server's keeper and a command line import share the file: their batches interleave.
    const other = openDatabase(file);
    try {
      const step = { batchSize: 7, batches: 1 };
      for (let i = 0; i < 3; i++) {
        refreshEventSearch(db, undefined, step);
        refreshEventSearch(other, undefined, step);
      }
      refreshEventSearch(other);
      expect(refreshEventSearch(db)).toBe(0);
      expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM maude_search_ids`)!.n).toBe(30);
      expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM maude_search`)!.n).toBe(30);
      expect(countedByIndex()).toEqual(countedFromReports());
    } finally {
      closeDatabase(other);
    }
  });

  it('when dates do not fall on month ends, then exactly the days asked are counted', () => {
    const direct = (from: string, to: string) =>
      db.get<{ n: number }>(sql`
        SELECT count(*) AS n FROM maude_reports WHERE date_received BETWEEN ${from} AND ${to}`)!.n;
    for (const [from, to] of [
      ['2019-01-05', '2019-07-09'],
      ['2020-04-01', '2020-10-31'],
      ['2021-01-20', '2022-10-15'],
      ['2024-10-08', '2024-10-08'],
    ] as const) {
      const found = search({ from, to });
      expect(found.total, `${from}..${to}`).toBe(direct(from, to));
      expect(found.facets.year.reduce((n, y) => n + y.count, 0)).toBe(found.total);
      expect(found.rows.every((r) => r.dateReceived! >= from && r.dateReceived! <= to)).toBe(true);
    }
  });
});

describe('the index keeper', () => {
  it('when asked to catch up with nothing to do, then it is ready for the next import, and never holds up its caller', async () => {
    refreshEventSearch(db);
    const keeper = createEventIndexKeeper(db, captureLog().log);
    keeper.catchUp();
    await keeper.idle();
    const [template] = fixtureReports();
    const file = path.join(tempDir(), 'device-event.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ meta: {}, results: [{ ...template, mdr_report_key: 'K1', report_number: 'LATE' }] }),
    );
    await importFiles({ db, now: () => new Date(), log: captureLog().log }, [file]);
    keeper.catchUp();
    // The step runs on a later turn, not inside catchUp.
    expect(eventIndexBacklog(db).missing).toBe(1);
    await keeper.idle();
    expect(eventIndexBacklog(db)).toEqual({ pending: 0, missing: 0 });
    await keeper.stop();
  });
});

describe('the order of a narrative search', () => {
  it(`when the words find over ${rankedAtMost.toLocaleString('en-US')} reports, then they come newest first and the page says why`, async () => {
    const [template] = fixtureReports();
    const day = (i: number) => `20${String(10 + (i % 15)).padStart(2, '0')}0${1 + (i % 9)}1${i % 10}`;
    await importReports(
      Array.from({ length: rankedAtMost + 100 }, (_, i) => ({
        ...template,
        mdr_report_key: `C${i}`,
        report_number: `CLONE-${i}`,
        date_received: day(i),
        event_type: i < 50 ? 'Death' : 'Malfunction',
        mdr_text: [{ text_type_code: 'Description of Event or Problem', text: `CLONED REPORT ${i}` }],
      })),
    );
    const broad = search({ text: 'cloned' });
    expect(broad.total).toBe(rankedAtMost + 100);
    expect(broad.order).toBe('newest');
    const dates = broad.rows.map((r) => r.dateReceived!);
    expect(dates).toEqual([...dates].sort().reverse());
    const view = eventResults({ text: 'cloned' }, broad, 1);
    expect(view.order).toContain('too many to rank');

    const narrow = search({ text: 'cloned', eventType: 'Death' });
    expect(narrow.total).toBe(50);
    expect(narrow.order).toBe('relevance');
    expect(eventResults({ text: 'cloned' }, narrow, 1).order).toBe('Best match first.');
  });
});
