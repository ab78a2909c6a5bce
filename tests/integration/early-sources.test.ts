import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { importInventory } from '../../src/inventory/import';
import { latestCases } from '../../src/notify/queries';
import { recallTitle } from '../../src/notify/text';
import { syncFeeds } from '../../src/openfda/sync';
import { matchWhatIsDue } from '../../src/pipeline';
import { countedDevices } from '../../src/recalls/counted';
import { inboxRows } from '../../src/recalls/inbox-queries';
import { addNote, setDisposition } from '../../src/recalls/service';
import { pageSources } from '../../src/recalls/sources-view';
import { complianceReport } from '../../src/reports/report';
import { createSourceFetcher, type SourceFetcher } from '../../src/sources/fetch';
import { heardFirst } from '../../src/sources/lead';
import { decideLink, linkNotices } from '../../src/sources/linking';
import { type SourceDeps, syncSources } from '../../src/sources/sync';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { startFixtureSources } from '../support/fake-sources/fixtures';
import { paths, type RunningFakeSources } from '../support/fake-sources/server';
import { projectRoot } from '../support/shared';
import { captureLog, openTestDb, syncDeps, tempDir, testClient, testSettings } from '../support/vigil';

/**
 * Our own fixtures in each source's format (tests/fixtures/sources), through the fake servers:
 * notices stored and matched, their cases worked, then the openFDA recalls of the same events
 * synced, and the work found on the recall's case, with the lead on openFDA measured.
 */

const fixtures = path.join(projectRoot, 'tests/fixtures/sources');
const infusomat =
  'FDA-infusion-pump-correction-b-braun-medical-inc-issues-correction-lnfusomat-space-infusion-systemlarge';
const inventory = [
  'asset_tag,manufacturer,model,catalog_number,serial_number,product_code,device_name,department,status',
  'T-1,B. Braun,Infusomat Space,8713050U,US5813799,FRN,Infusion Pump,ICU,In Service',
  'T-2,B. Braun,Infusomat Space,8713050U,US5813800,FRN,Infusion Pump,ICU,In Service',
  'T-3,Philips,IntelliVue MX450,866060,DE1234,MHX,Patient Monitor,ICU,In Service',
].join('\n');

let fake: RunningFakeSources;
let openFda: RunningFakeOpenFda;
let fetcher: SourceFetcher;
let db: Db;
let close: () => void;
const now = () => new Date();
const { log, lines } = captureLog();
const technician = { name: 'tech', userId: null };
const sourceDeps = (): SourceDeps => ({
  db,
  fetcher,
  now,
  log,
  settings: {
    urls: { healthCanada: fake.url, fda: fake.url, govUk: fake.url },
    days: 3650,
    pagesPerRun: 100,
  },
});
const inbox = () =>
  inboxRows(db, {
    state: 'all',
    recallClass: null,
    fdaStatus: null,
    lateOn: null,
    department: null,
    manufacturer: null,
    page: 1,
  }).rows;
const count = (query: ReturnType<typeof sql>) => db.get<{ n: number }>(query)!.n;

beforeAll(async () => {
  fake = await startFixtureSources();
  openFda = await startFakeOpenFda({ dataDir: path.join(fixtures, 'openfda') });
  fetcher = createSourceFetcher({ timeoutMs: 10_000, maxRetries: 2, politeMs: 0 });
  ({ db, close } = openTestDb());
  importInventory({ db, now }, { text: inventory });
});

afterAll(async () => {
  await fetcher.close();
  await fake.close();
  await openFda.close();
  close();
});

describe('early sources read as feeds', () => {
  it('when a page fails, then the run still stores the list, says so, and the page is read next time', async () => {
    // As many failures as the fetcher tries (maxRetries 2): the first run gives up on the page.
    fake.fail(`${paths.healthCanadaPage}airseal`, 500, 3);
    const [hc] = await syncSources(sourceDeps(), ['health-canada']);
    expect(hc!.status).toBe('succeeded');
    // The list's notices are what the run counts; their pages add to them, not to the counts.
    expect(hc!.counts).toEqual({ added: 6, updated: 0, unchanged: 0, skipped: 0 });
    expect(hc!.note).toMatch(/1 pages could not be read/);
    expect(lines.join('\n')).toMatch(/HC-82267 could not be read/);
    const waiting = () =>
      count(
        sql`SELECT count(*) AS n FROM early_notices WHERE page_read_at IS NULL AND source = 'health-canada'`,
      );
    expect(waiting()).toBe(1);
    const [again] = await syncSources(sourceDeps(), ['health-canada']);
    expect(again!.note).toMatch(/has not changed/);
    expect(waiting()).toBe(0);
    expect(
      db.get<{ firm: string }>(sql`SELECT firm FROM early_notices WHERE notice_key = 'HC-82267'`)!.firm,
    ).toMatch(/conmed/i);
  });

  it('when the file edits a notice and its page then fails, then what the page said stays until it is read again', async () => {
    const rows = JSON.parse(fs.readFileSync(path.join(fixtures, 'health-canada.json'), 'utf8')) as Record<
      string,
      string
    >[];
    const edited = rows.map((r) =>
      r.NID === '82267' ? { ...r, Title: `${r.Title} (updated)`, 'Last updated': '2026-07-09' } : r,
    );
    const file = path.join(tempDir(), 'HCRSAMOpenData.json');
    fs.writeFileSync(file, JSON.stringify(edited));
    fake.setHealthCanadaFile(file);
    fake.fail(`${paths.healthCanadaPage}airseal`, 500, 3);
    const [hc] = await syncSources(sourceDeps(), ['health-canada']);
    expect(hc!.counts).toMatchObject({ added: 0, updated: 1 });
    const held = db.get<{ title: string; firm: string; models: string; read: string | null }>(
      sql`SELECT title, firm, models, page_read_at AS read FROM early_notices WHERE notice_key = 'HC-82267'`,
    )!;
    expect(held.title).toMatch(/\(updated\)$/);
    expect(held.firm).toMatch(/conmed/i);
    expect(JSON.parse(held.models)).toContain('IASB12-100');
    expect(held.read).toBeNull();
    const [again] = await syncSources(sourceDeps(), ['health-canada']);
    expect(again!.status).toBe('succeeded');
    expect(
      db.get<{ read: string | null }>(
        sql`SELECT page_read_at AS read FROM early_notices WHERE notice_key = 'HC-82267'`,
      )!.read,
    ).not.toBeNull();
  });

  it('when the file holds food, drug and archived rows, then only recent device notices are kept, each also a recall to match', () => {
    const keys = db
      .all<{ key: string }>(sql`SELECT notice_key AS key FROM early_notices ORDER BY 1`)
      .map((r) => r.key);
    expect(keys).not.toContain('HC-82279'); // food
    expect(keys).not.toContain('HC-82271'); // a drug
    expect(keys).not.toContain('HC-66698'); // archived
    expect(keys).toContain('HC-82214'); // the device advisory
    expect(
      count(
        sql`SELECT count(*) AS n FROM recalls WHERE product_res_number IN (SELECT notice_key FROM early_notices)`,
      ),
    ).toBe(keys.length);
  });

  it('when the FDA feed and MHRA are read, then their device notices are stored and medicines alerts are not', async () => {
    fake.fail(paths.mhraSearch, 429, 1);
    const results = await syncSources(sourceDeps(), ['fda-rss', 'mhra']);
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(results.map((r) => r.counts.added > 0)).toEqual([true, true]);
    const bySource = db.all<{ source: string; n: number }>(
      sql`SELECT source, count(*) AS n FROM early_notices GROUP BY source ORDER BY source`,
    );
    expect(bySource.map((r) => r.source)).toEqual(['fda-rss', 'health-canada', 'mhra']);
    expect(
      count(
        sql`SELECT count(*) AS n FROM early_notices WHERE title LIKE '%medicine%' OR title LIKE '%tablets%'`,
      ),
    ).toBe(0);
  });
});

describe('one event, one case', () => {
  it('when a notice names our devices, then it opens a case marked with its source, before openFDA has it', async () => {
    await matchWhatIsDue({ db, now, log });
    const row = inbox().find((r) => r.productResNumber === infusomat);
    expect(row?.noticeSource).toBe('fda-rss');
    expect(row?.classification).toBeNull();
    expect(row?.assets).toBe(2);
    // The digest and the feed say where it came from, not a class it does not have yet.
    const told = latestCases(db).find((c) => c.productResNumber === infusomat)!;
    expect(recallTitle(told)).toMatch(/^FDA early alert, not yet in openFDA · FDA-infusion-pump/);
  });

  it('when the openFDA recall follows, then the work done on the notice is on the recall’s one case', async () => {
    const opened = inbox().find((r) => r.productResNumber === infusomat)!.openedAt;
    setDisposition(
      db,
      infusomat,
      'T-1',
      { disposition: 'removed_from_service', note: 'pulled' },
      technician,
      now(),
    );
    addNote(db, infusomat, 'Called B. Braun about the letter.', technician, now());

    const client = testClient(openFda.url);
    const [synced] = await syncFeeds(syncDeps(db, client, testSettings()), ['recall']);
    await client.close();
    expect(synced!.status).toBe('succeeded');
    await matchWhatIsDue({ db, now, log });

    const rows = inbox();
    expect(rows.filter((r) => r.productResNumber === infusomat)).toHaveLength(0);
    const joined = rows.find((r) => r.productResNumber === 'Z-1020-2026')!;
    expect(joined.openedAt).toBe(opened);
    expect(joined.heardFrom).toBe('fda-rss');
    expect(
      db.get<{ d: string }>(
        sql`SELECT disposition AS d FROM asset_dispositions WHERE product_res_number = 'Z-1020-2026' AND asset_tag = 'T-1'`,
      )?.d,
    ).toBe('removed_from_service');
    expect(count(sql`SELECT count(*) AS n FROM recall_notes WHERE product_res_number = 'Z-1020-2026'`)).toBe(
      1,
    );
    expect(
      count(
        sql`SELECT count(*) AS n FROM audit_log WHERE action = 'case.folded' AND entity_id = 'Z-1020-2026'`,
      ),
    ).toBe(1);
  });

  it('when the lead is asked, then it is the days from the first word to openFDA’s posting, also in the compliance report', () => {
    const heard = heardFirst(db, 'Z-1020-2026')!;
    expect(heard.source).toBe('FDA early alert');
    expect(heard.postedAt).toBe('2026-03-05');
    const expected = (Date.parse('2026-03-05') - Date.parse(heard.on)) / 86_400_000;
    expect(heard.leadDays).toBe(expected);
    const report = complianceReport(
      db,
      { from: '2000-01-01', to: '2100-01-01' },
      { I: 2, II: 7, III: 30, unclassified: 7 },
      now(),
    );
    expect(report.leadBySource).toContainEqual({
      source: 'FDA early alert',
      recalls: 1,
      medianDays: expected,
    });
    // Every source is on the recall's timeline, with its day.
    expect(pageSources(db, 'Z-1020-2026', heard.postedAt).events.map((e) => [e.at, e.actor])).toEqual([
      [heard.on, 'FDA early alert'],
      ['2026-03-05', 'openFDA'],
    ]);
  });

  it('when a person says a suggested link is not the same, then it is never offered again', () => {
    const suggested = db.all<{ notice: string; recall: string }>(
      sql`SELECT notice_key AS notice, product_res_number AS recall FROM notice_links WHERE state = 'suggested'`,
    );
    expect(suggested.length).toBeGreaterThan(0);
    const first = suggested[0]!;
    decideLink(db, { noticeKey: first.notice, productResNumber: first.recall }, false, technician, now());
    linkNotices(db, now(), (key) => countedDevices(db, key));
    expect(
      db.get<{ state: string }>(
        sql`SELECT state FROM notice_links WHERE notice_key = ${first.notice} AND product_res_number = ${first.recall}`,
      )!.state,
    ).toBe('rejected');
  });
});
