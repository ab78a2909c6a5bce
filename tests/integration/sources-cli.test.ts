import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { sourcesEnv, startFixtureSources } from '../support/fake-sources/fixtures';
import { paths, type RunningFakeSources } from '../support/fake-sources/server';
import { projectRoot, readEnvelope } from '../support/shared';
import { runVigil, tempDir } from '../support/vigil';

/**
 * The early sources through the real command line, in child processes, against the local fake of
 * Health Canada, the FDA's feed and GOV.UK (and the fake openFDA for the recalls that follow).
 */

const fixtures = path.join(projectRoot, 'tests/fixtures/sources');

/** The device notices of the fixture's open-data file: its food, drug and archived rows are not. */
const hcDeviceNotices = ['HC-82214', 'HC-82267', 'HC-82269', 'HC-82277', 'HC-82278', 'HC-82280'];

const heartPump = 'FDA-heart-pump-recall-abiomed-removes-impella-cp-sets-smartassist';
const glidesheath =
  'MHRA-glidesheath-slender-introducer-sheath-risk-of-sheath-separation-during-removal-dsi-slash-2026-slash-006';
const airSeal = 'HC-82267';

function rows<T = Record<string, unknown>>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** A port on this machine with nothing listening on it. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

let fake: RunningFakeSources;
let openFda: RunningFakeOpenFda;
let nowhere: string;

beforeAll(async () => {
  fake = await startFixtureSources();
  openFda = await startFakeOpenFda({ dataDir: path.join(fixtures, 'openfda') });
  nowhere = `http://127.0.0.1:${await deadPort()}`;
});
afterAll(async () => {
  await fake?.close();
  await openFda?.close();
});

const freshDb = () => path.join(tempDir(), 'vigil.db');

/** The three early sources on the fake, openFDA nowhere: a test that needs it says so. */
const envFor = (db: string, extra: Record<string, string> = {}) => ({
  VIGIL_DB: db,
  ...sourcesEnv(fake.url),
  OPENFDA_BASE_URL: nowhere,
  OPENFDA_MAX_RETRIES: '1',
  ...extra,
});

/** What the fake was asked from here on. */
const requestsFrom = (start: number) => fake.requests.slice(start);

/** What a notice holds as its source told it (not when Vigil last compared it with openFDA). */
const storedNotices = `SELECT notice_key, source, source_id, url, title, firm, product, models, lots, udi_dis,
  source_class, issue, category, notice_date, source_updated, raw, page_read_at, page_error, first_seen_at, updated_at
  FROM early_notices ORDER BY notice_key`;

const noticeKeys = (db: string, source?: string) =>
  rows<{ k: string }>(
    db,
    `SELECT notice_key AS k FROM early_notices ${source ? `WHERE source = '${source}'` : ''} ORDER BY notice_key`,
  ).map((r) => r.k);

describe('vigil sync of the early sources', () => {
  it('when Health Canada is synced, then its device notices are stored, and a second run finds nothing changed', async () => {
    const db = freshDb();
    const start = fake.requests.length;
    const first = await runVigil(['sync', '--feed', 'health-canada'], envFor(db));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^health-canada: sync done: 6 added, \d+ updated, 0 unchanged, 0 skipped in \d+ pages, [\d.]+ s$/m,
    );
    // Only the source asked for: no other source's line.
    expect(first.stdout).not.toMatch(/^(fda-rss|mhra|recall|enforcement|classification|event):/m);
    expect(noticeKeys(db)).toEqual(hcDeviceNotices);
    // Food (82279), a drug (82271) and an archived notice (66698) are left out, here and in `recalls`.
    const recallKeys = rows<{ k: string }>(
      db,
      "SELECT product_res_number AS k FROM recalls WHERE product_res_number LIKE 'HC-%' ORDER BY 1",
    ).map((r) => r.k);
    expect(recallKeys).toEqual(hcDeviceNotices);
    // The pages were read: the firm and models the open-data file does not give.
    expect(
      rows(
        db,
        `SELECT firm, models, page_read_at IS NOT NULL AS read FROM early_notices WHERE notice_key = '${airSeal}'`,
      ),
    ).toEqual([
      {
        firm: 'Conmed Corporation',
        models: JSON.stringify([
          'IASB12-100',
          'IASB5-150',
          'IASB12-120',
          'IAS12-150LPI',
          'IAS12-100LPI',
          'IAS5-75LP',
        ]),
        read: 1,
      },
    ]);
    const firstRequests = requestsFrom(start);
    expect(firstRequests.filter((r) => r.path === paths.healthCanadaFile).map((r) => r.status)).toEqual([
      200,
    ]);
    expect(firstRequests.every((r) => r.path.startsWith('/sites/') || r.path.startsWith('/en/'))).toBe(true);

    const again = fake.requests.length;
    const second = await runVigil(['sync', '--feed', 'health-canada'], envFor(db));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(
      /^health-canada: sync done: 0 added, 0 updated, 0 unchanged, 0 skipped in 0 pages, [\d.]+ s \(the source has not changed since the last read\)$/m,
    );
    // One conditional request answered 304, and no page read again.
    expect(requestsFrom(again).map((r) => [r.path, r.status])).toEqual([[paths.healthCanadaFile, 304]]);
    expect(noticeKeys(db)).toEqual(hcDeviceNotices);
    expect(rows(db, "SELECT status FROM sync_runs WHERE feed = 'health-canada' ORDER BY id")).toEqual([
      { status: 'succeeded' },
      { status: 'succeeded' },
    ]);
  });

  it('when VIGIL_SOURCES names the three early sources only, then sync reads those three and never openFDA', async () => {
    const db = freshDb();
    const start = fake.requests.length;
    // OPENFDA_BASE_URL is a port with nothing listening: asking it would fail the run.
    const result = await runVigil(['sync'], envFor(db));
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').filter((l) => /^[a-z-]+: /.test(l));
    expect(lines.map((l) => l.split(':')[0])).toEqual(['health-canada', 'fda-rss', 'mhra']);
    for (const line of lines) expect(line).toMatch(/: sync done: \d+ added/);
    expect(result.stderr).not.toMatch(/openFDA|did not sync|could not be reached/);
    expect(noticeKeys(db, 'health-canada')).toEqual(hcDeviceNotices);
    expect(noticeKeys(db, 'fda-rss')).toHaveLength(7);
    expect(noticeKeys(db, 'mhra')).toHaveLength(2);
    const asked = requestsFrom(start).map((r) => r.path);
    expect(asked).toContain(paths.healthCanadaFile);
    expect(asked).toContain(paths.fdaRss);
    expect(asked).toContain(paths.mhraSearch);
    // No openFDA feed was started.
    expect(
      rows<{ feed: string }>(db, 'SELECT DISTINCT feed FROM sync_runs ORDER BY feed').map((r) => r.feed),
    ).toEqual(['fda-rss', 'health-canada', 'mhra']);
  });

  it('when Health Canada keeps failing with 500 past the retries, then sync exits non-zero saying what to do, and every stored notice is kept', async () => {
    const db = freshDb();
    const first = await runVigil(['sync', '--feed', 'health-canada'], envFor(db));
    expect(first.code, first.stderr).toBe(0);
    const before = rows(db, storedNotices);
    expect(before).toHaveLength(hcDeviceNotices.length);

    const start = fake.requests.length;
    // OPENFDA_MAX_RETRIES=1: two attempts in all, both refused.
    fake.fail(paths.healthCanadaFile, 500, 2);
    const failed = await runVigil(['sync', '--feed', 'health-canada'], envFor(db));
    expect(failed.code).toBe(1);
    expect(requestsFrom(start).map((r) => [r.path, r.status])).toEqual([
      [paths.healthCanadaFile, 500],
      [paths.healthCanadaFile, 500],
    ]);
    expect(failed.stderr).toMatch(
      /health-canada: sync failed: .*HCRSAMOpenData\.json could not be read after 2 attempts \(HTTP 500\); what is stored is kept and the next sync tries again/,
    );
    expect(failed.stderr.trim().split('\n').at(-1)).toBe(
      'vigil: health-canada did not sync; what is stored is kept and the next run carries on (see vigil status)',
    );
    expect(failed.stdout).not.toMatch(/health-canada: sync done/);
    expect(rows(db, storedNotices)).toEqual(before);
    expect(
      rows(db, "SELECT status FROM sync_runs WHERE feed = 'health-canada' ORDER BY id").map((r) => r.status),
    ).toEqual(['succeeded', 'failed']);

    const status = await runVigil(['status'], envFor(db));
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      /^\s+health-canada\s+last synced \d{4}-.*; last attempt failed: .*HTTP 500/m,
    );
  });

  it('when Health Canada answers 429 once, then the request is retried after its Retry-After and the sync succeeds', async () => {
    const db = freshDb();
    const start = fake.requests.length;
    fake.fail(paths.healthCanadaFile, 429, 1);
    const result = await runVigil(['sync', '--feed', 'health-canada'], envFor(db));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^health-canada: sync done: 6 added/m);
    expect(
      requestsFrom(start)
        .filter((r) => r.path === paths.healthCanadaFile)
        .map((r) => r.status),
    ).toEqual([429, 200]);
    expect(noticeKeys(db)).toEqual(hcDeviceNotices);
  });

  it('when VIGIL_SOURCES names a source Vigil does not know, then it stops with one line naming the variable', async () => {
    const db = freshDb();
    const result = await runVigil(['sync'], envFor(db, { VIGIL_SOURCES: 'bogus' }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'vigil: VIGIL_SOURCES="bogus" is not valid: expected a comma-separated list of openfda, health-canada, fda-rss, mhra (or "none"); fix the environment variable and try again',
    ]);
    expect(result.stdout).toBe('');
  });
});

describe('vigil import of Health Canada’s file, for a site that cannot reach it', () => {
  it('when the file is imported, then its device notices are stored without a request, status lists Health Canada, and the next sync reads their pages', async () => {
    const db = freshDb();
    const start = fake.requests.length;
    // Air-gapped: every source's address leads nowhere.
    const offline = { VIGIL_HEALTH_CANADA_URL: nowhere, VIGIL_FDA_URL: nowhere, VIGIL_GOVUK_URL: nowhere };
    const imported = await runVigil(
      ['import', 'tests/fixtures/sources/health-canada.json'],
      envFor(db, offline),
    );
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(
      /^health-canada\.json: Health Canada recalls and alerts, 6 recent device notices: 6 added, 0 updated, 0 unchanged, 0 skipped, [\d.]+ s; their pages \(firm, models, lots\) are read by the next sync that reaches Health Canada$/m,
    );
    expect(fake.requests.length).toBe(start);
    expect(noticeKeys(db)).toEqual(hcDeviceNotices);
    expect(
      rows(db, 'SELECT count(*) AS n FROM early_notices WHERE page_read_at IS NULL AND firm IS NULL'),
    ).toEqual([{ n: 6 }]);

    const status = await runVigil(['status'], envFor(db, offline));
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^\s+health-canada\s+.*last run import succeeded at \d{4}-/m);
    expect(status.stdout).not.toMatch(/^\s+(fda-rss|mhra)\s/m);

    // Back online: the list is the same, the pages are what is new.
    const synced = await runVigil(['sync', '--feed', 'health-canada'], envFor(db));
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toMatch(/^health-canada: sync done: 0 added, \d+ updated, 6 unchanged/m);
    expect(rows(db, `SELECT firm FROM early_notices WHERE notice_key = '${airSeal}'`)).toEqual([
      { firm: 'Conmed Corporation' },
    ]);
    expect(rows(db, 'SELECT count(*) AS n FROM early_notices WHERE page_read_at IS NULL')).toEqual([
      { n: 0 },
    ]);
  });
});

describe('early notices and the inventory, then the openFDA recalls that follow', () => {
  it('when notices name devices we own, then they open cases; when openFDA posts their recalls, then those cases become the recalls’ cases', async () => {
    const db = freshDb();
    const inventory = await runVigil(
      ['inventory', 'import', 'tests/fixtures/sources/inventory.csv'],
      envFor(db),
    );
    expect(inventory.code, inventory.stderr).toBe(0);
    expect(inventory.stdout).toMatch(/4 rows read: 4 added/);

    const synced = await runVigil(['sync'], envFor(db));
    expect(synced.code, synced.stderr).toBe(0);
    const earlyCases = () =>
      rows<{ k: string; opened: string }>(
        db,
        `SELECT product_res_number AS k, opened_at AS opened FROM recall_cases
         WHERE product_res_number LIKE 'HC-%' OR product_res_number LIKE 'FDA-%' OR product_res_number LIKE 'MHRA-%'
         ORDER BY 1`,
      );
    const opened = earlyCases();
    expect(opened.map((c) => c.k)).toEqual([heartPump, airSeal, glidesheath]);
    const matched = rows<{ tag: string; key: string }>(
      db,
      `SELECT asset_tag AS tag, product_res_number AS key FROM recall_matches
       WHERE confidence IN ('high', 'medium') ORDER BY asset_tag`,
    );
    expect(matched).toEqual([
      { tag: 'BME-9001', key: airSeal },
      { tag: 'BME-9002', key: heartPump },
      { tag: 'BME-9003', key: glidesheath },
    ]);

    const recall = await runVigil(
      ['sync', '--feed', 'recall'],
      envFor(db, { OPENFDA_BASE_URL: openFda.url, VIGIL_SOURCES: 'openfda,health-canada,fda-rss,mhra' }),
    );
    expect(recall.code, recall.stderr).toBe(0);
    const counterparts = readEnvelope(path.join(fixtures, 'openfda/device-recall.counterparts.json')).results;
    expect(recall.stdout).toMatch(new RegExp(`^recall: full sync done: ${counterparts.length} added`, 'm'));
    // Only the recall feed was asked for: no early source read again.
    expect(recall.stdout).not.toMatch(/^(health-canada|fda-rss|mhra):/m);

    const links = rows<{ notice: string; recall: string; state: string; merged: number }>(
      db,
      `SELECT notice_key AS notice, product_res_number AS recall, state, merged_at IS NOT NULL AS merged
       FROM notice_links WHERE state IN ('linked', 'confirmed') ORDER BY notice_key`,
    );
    expect(links).toEqual([
      { notice: heartPump, recall: 'Z-1850-2026', state: 'linked', merged: 1 },
      { notice: glidesheath, recall: 'Z-2305-2026', state: 'linked', merged: 1 },
    ]);
    // No case is left under a notice joined to its recall; the recall's case kept the notice's day.
    expect(
      rows(
        db,
        `SELECT c.product_res_number FROM recall_cases c
         JOIN notice_links l ON l.notice_key = c.product_res_number WHERE l.state IN ('linked', 'confirmed')`,
      ),
    ).toEqual([]);
    const cases = rows<{ k: string; opened: string }>(
      db,
      'SELECT product_res_number AS k, opened_at AS opened FROM recall_cases ORDER BY 1',
    );
    expect(cases.map((c) => c.k)).toEqual([airSeal, 'Z-1850-2026', 'Z-2305-2026']);
    const openedOn = (key: string) => opened.find((c) => c.k === key)!.opened;
    expect(cases.find((c) => c.k === 'Z-1850-2026')!.opened).toBe(openedOn(heartPump));
    expect(cases.find((c) => c.k === 'Z-2305-2026')!.opened).toBe(openedOn(glidesheath));
    // The AirSeal notice has no openFDA recall yet: its case stays its own.
    expect(cases.find((c) => c.k === airSeal)!.opened).toBe(openedOn(airSeal));
    expect(
      rows(db, "SELECT entity_id AS id FROM audit_log WHERE action = 'case.folded' ORDER BY entity_id"),
    ).toEqual([{ id: 'Z-1850-2026' }, { id: 'Z-2305-2026' }]);
    // The device we own that no notice names has no case.
    expect(rows(db, "SELECT * FROM recall_matches WHERE asset_tag = 'BME-9004'")).toEqual([]);
  });
});

describe('a notice the list alone names, and its openFDA recall, joined by the devices both match', () => {
  /** The openFDA recall of the AirSeal notice (HC-82267); the notice as the file gives it names no firm. */
  const airSealRecall = {
    cfres_id: '212500',
    product_res_number: 'Z-2500-2026',
    res_event_number: '92500',
    event_date_initiated: '2026-06-20',
    event_date_posted: '2026-07-20',
    event_date_created: '2026-07-20',
    recall_status: 'Open, Classified',
    recalling_firm: 'CONMED Corporation',
    address_1: '1 Example Road',
    city: 'Example',
    state: 'NY',
    postal_code: '10001',
    country: 'United States',
    product_code: 'GCJ',
    k_numbers: [],
    pma_numbers: [],
    product_description: 'AirSeal Access Port with Blunt Obturator',
    code_info: 'All lots',
    reason_for_recall: 'Test fixture: the openFDA recall of the AirSeal notice, written for this test.',
    root_cause_description: 'Under Investigation by firm',
    action: 'The firm sent a letter to customers.',
    product_quantity: '100 units',
    distribution_pattern: 'US Nationwide and Canada',
    openfda: { device_name: 'Endoscope and accessories', device_class: '2' },
  };
  let airSealFda: RunningFakeOpenFda;
  beforeAll(async () => {
    airSealFda = await startFakeOpenFda({ dataDir: path.join(fixtures, 'openfda') });
    airSealFda.upsert('recall', airSealRecall);
  });
  afterAll(async () => {
    await airSealFda?.close();
  });

  /** An air-gapped site: Health Canada's file imported (no pages), openFDA's recalls, the inventory. */
  async function load(db: string, inventoryFirst: boolean) {
    const env = envFor(db, {
      OPENFDA_BASE_URL: airSealFda.url,
      VIGIL_HEALTH_CANADA_URL: nowhere,
      VIGIL_FDA_URL: nowhere,
      VIGIL_GOVUK_URL: nowhere,
    });
    const steps = [
      ['import', 'tests/fixtures/sources/health-canada.json'],
      ['sync', '--feed', 'recall'],
    ];
    const inventory = ['inventory', 'import', 'tests/fixtures/sources/inventory.csv'];
    for (const args of inventoryFirst ? [inventory, ...steps] : [...steps, inventory]) {
      const result = await runVigil(args, env);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    return {
      links: rows(
        db,
        "SELECT notice_key AS notice, product_res_number AS recall, state FROM notice_links WHERE notice_key = 'HC-82267'",
      ),
      cases: rows<{ k: string }>(
        db,
        "SELECT product_res_number AS k FROM recall_cases WHERE product_res_number IN ('HC-82267', 'Z-2500-2026') ORDER BY 1",
      ).map((r) => r.k),
    };
  }

  it('when the inventory is imported first, then the notice and the recall are one event and one case', async () => {
    const loaded = await load(freshDb(), true);
    expect(loaded.links).toEqual([{ notice: airSeal, recall: 'Z-2500-2026', state: 'linked' }]);
    expect(loaded.cases).toEqual(['Z-2500-2026']);
  });

  it('when the inventory is imported after the notice and the recall, then they are joined all the same', async () => {
    // The same records in another order must end the same: one event, one case.
    const loaded = await load(freshDb(), false);
    expect(loaded.links).toEqual([{ notice: airSeal, recall: 'Z-2500-2026', state: 'linked' }]);
    expect(loaded.cases).toEqual(['Z-2500-2026']);
  });
});
