import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { maudeHistoryFetches, maudeReports } from '../../src/db/schema';
import { fetchHistory, type HistoryDeps, type HistoryProgress } from '../../src/events/history';
import { historyFetchById, openHistoryFetch } from '../../src/events/history-queries';
import type { HistoryAsk } from '../../src/events/history-rules';
import { createManufacturerNames } from '../../src/events/manufacturers';
import { searchEvents } from '../../src/events/queries';
import type { OpenFdaClient } from '../../src/openfda/client';
import { syncFeed } from '../../src/openfda/sync';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { fixtureData, readEnvelope } from '../support/shared';
import { captureLog, openTestDb, syncDeps, testClient, testSettings } from '../support/vigil';

type Device = { device_report_product_code?: string; manufacturer_d_name?: string };

/** Reports in the fake's fixtures with a device that passes `test`. */
const fixtureReports = (test: (d: Device) => boolean) =>
  readEnvelope(`${fixtureData}/device-event.fixture.json`).results.filter((r) =>
    (r.device as Device[]).some(test),
  ).length;

const frnReports = fixtureReports((d) => d.device_report_product_code === 'FRN');
// openFDA matches the words of the name: both of ACME's spellings.
const acmeReports = fixtureReports((d) => /^ACME INFUSION SYSTEMS\b/.test(d.manufacturer_d_name ?? ''));

const reportCount = (db: Db) => db.select({ n: sql<number>`count(*)` }).from(maudeReports).get()!.n;

let fake: RunningFakeOpenFda;
let db: Db;
let close: () => void;
let client: OpenFdaClient;
const log = captureLog();

beforeEach(async () => {
  fake = await startFakeOpenFda({ dataDir: fixtureData });
  ({ db, close } = openTestDb());
  client = testClient(fake.url);
});
afterEach(async () => {
  await client.close();
  await fake.close();
  close();
});

const deps = (overrides: Partial<HistoryDeps> = {}): HistoryDeps => ({
  db,
  client,
  now: () => new Date(),
  log: log.log,
  pageSize: 3,
  ...overrides,
});

/** Opens the fetch row as the web app does, then runs it. */
function fetchOf(ask: HistoryAsk, options: Parameters<typeof fetchHistory>[2] = {}, d = deps()) {
  const { fetch } = openHistoryFetch(db, ask, new Date(), { force: true, requestedBy: 'test' });
  return { id: fetch.id, done: fetchHistory(d, { id: fetch.id, ...ask }, options) };
}

const search = (filters: { manufacturer?: string; productCode?: string }) =>
  searchEvents(db, createManufacturerNames(db), filters, { page: 1, pageSize: 50 });

describe('fetching a history from openFDA', () => {
  it('when a product code lies outside what was synced, then its whole history is stored, with progress, and found by the search', async () => {
    const synced = await syncFeed(
      syncDeps(
        db,
        client,
        testSettings({ maude: { scope: 'followed', years: 30, productCodes: ['DQA'], manufacturers: [] } }),
      ),
      'event',
    );
    expect(synced.status).toBe('succeeded');
    const before = search({ productCode: 'FRN' }).total;
    expect(before).toBeLessThan(frnReports);

    const seen: HistoryProgress[] = [];
    const { id, done } = fetchOf(
      { kind: 'product_code', value: 'FRN' },
      {
        onProgress: (p) => {
          seen.push(p);
          // The row moves with each stored page, not only at the end.
          expect(historyFetchById(db, id)).toMatchObject({ status: 'running', fetched: p.fetched });
        },
      },
    );
    const result = await done;

    expect(result).toMatchObject({
      status: 'succeeded',
      fetched: frnReports,
      total: frnReports,
      capped: false,
    });
    expect(seen.length).toBe(Math.ceil(frnReports / 3));
    expect(seen.map((p) => p.fetched)).toEqual(seen.map((_, i) => Math.min(3 * (i + 1), frnReports)));
    expect(historyFetchById(db, id)).toMatchObject({
      status: 'succeeded',
      fetched: frnReports,
      added: frnReports - before,
      total: frnReports,
      finishedAt: expect.any(String),
    });
    expect(search({ productCode: 'FRN' }).total).toBe(frnReports);
    const searches = fake.requests.map((r) => r.params.search ?? '');
    expect(searches).toContain('((device.device_report_product_code:"FRN") AND (_exists_:date_received))');
  });

  it('when a manufacturer is fetched, then every spelling of its name openFDA matches is stored and searchable', async () => {
    const result = await fetchOf({ kind: 'manufacturer', value: 'Acme Infusion Systems' }).done;
    expect(result).toMatchObject({ status: 'succeeded', fetched: acmeReports, added: acmeReports });
    expect(reportCount(db)).toBe(acmeReports);
    const found = search({ manufacturer: 'Acme Infusion Systems' });
    expect(found.total).toBe(acmeReports);
    expect(found.variants.map((v) => v.name).sort()).toEqual([
      'ACME INFUSION SYSTEMS INC',
      'ACME INFUSION SYSTEMS, INC.',
    ]);
  });

  it('when a history is fetched again, then the reports are updated in place, never doubled', async () => {
    await fetchOf({ kind: 'product_code', value: 'FRN' }).done;
    const again = await fetchOf({ kind: 'product_code', value: 'FRN' }).done;
    expect(again).toMatchObject({ status: 'succeeded', fetched: frnReports, added: 0 });
    expect(reportCount(db)).toBe(frnReports);
  });

  it('when openFDA has nothing for the value, then the fetch succeeds with none', async () => {
    const result = await fetchOf({ kind: 'product_code', value: 'ZZZ' }).done;
    expect(result).toMatchObject({ status: 'succeeded', fetched: 0, total: 0 });
  });

  it('when a fetch reaches its cap, then it stops there, newest first, and says it was capped', async () => {
    const { id, done } = fetchOf({ kind: 'product_code', value: 'FRN' }, {}, deps({ maxRecords: 4 }));
    expect(await done).toMatchObject({ status: 'succeeded', fetched: 4, capped: true });
    expect(historyFetchById(db, id)).toMatchObject({ fetched: 4, total: frnReports, capped: true });
    const received = db.select({ d: maudeReports.dateReceived }).from(maudeReports).all();
    expect(received).toHaveLength(4);
    // Newest first: the four kept are the four latest of the product code.
    const latest = readEnvelope(`${fixtureData}/device-event.fixture.json`)
      .results.filter((r) => (r.device as Device[]).some((d) => d.device_report_product_code === 'FRN'))
      .map((r) => String(r.date_received))
      .sort()
      .reverse()
      .slice(0, 4);
    expect(
      received
        .map((r) => r.d!.replaceAll('-', ''))
        .sort()
        .reverse(),
    ).toEqual(latest);
  });

  it('when a storm of 429s and 500s hits, then the fetch waits them out and completes', async () => {
    fake.faults.inject({ kind: '429', times: 3, retryAfterSeconds: 1 });
    const result = await fetchOf(
      { kind: 'product_code', value: 'FRN' },
      { onProgress: (p) => p.pages === 1 && fake.faults.inject({ kind: '500', times: 2 }) },
    ).done;
    expect(result.status).toBe('succeeded');
    expect(reportCount(db)).toBe(frnReports);
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(3);
    expect(fake.requests.filter((r) => r.status === 500)).toHaveLength(2);
  });

  it('when openFDA keeps failing, then the fetch fails saying why, and keeps the pages it stored', async () => {
    const impatient = testClient(fake.url, { maxRetries: 1 });
    const { id, done } = fetchOf(
      { kind: 'product_code', value: 'FRN' },
      { onProgress: (p) => p.pages === 2 && fake.faults.inject({ kind: '429', times: 100 }) },
      deps({ client: impatient }),
    );
    const result = await done;
    await impatient.close();
    expect(result.status).toBe('failed');
    const row = historyFetchById(db, id)!;
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/openFDA kept failing after 2 attempts \(HTTP 429.*\); try again later/);
    expect(row.error).toMatch(/The 6 reports stored before it stopped are kept/);
    expect(reportCount(db)).toBe(6);
    // What was stored is searchable all the same.
    expect(search({ productCode: 'FRN' }).total).toBe(6);

    fake.faults.clear();
    expect(await fetchOf({ kind: 'product_code', value: 'FRN' }).done).toMatchObject({
      status: 'succeeded',
      added: frnReports - 6,
    });
  });

  it('when openFDA cannot be reached at all, then the fetch fails with a message that says so', async () => {
    const nowhere = testClient('http://127.0.0.1:9', { maxRetries: 0 });
    const { id, done } = fetchOf({ kind: 'manufacturer', value: 'Acme' }, {}, deps({ client: nowhere }));
    await done;
    await nowhere.close();
    expect(historyFetchById(db, id)!.error).toMatch(
      /could not be reached after 1 attempts.*Nothing was stored\.$/,
    );
  });

  it('when stopped mid-fetch, then the request in flight is dropped and the stored pages stay', async () => {
    const stop = new AbortController();
    const { id, done } = fetchOf(
      { kind: 'product_code', value: 'FRN' },
      {
        signal: stop.signal,
        onProgress: (p) => {
          if (p.pages !== 1) return;
          fake.faults.inject({ kind: 'slow', delayMs: 600_000 });
          setTimeout(() => stop.abort(new Error('shutting down')), 50);
        },
      },
    );
    expect((await done).status).toBe('failed');
    expect(historyFetchById(db, id)!.error).toMatch(
      /stopped .*The 3 reports stored before it stopped are kept/,
    );
    expect(reportCount(db)).toBe(3);
    fake.faults.clear();
  });
});

describe('asking for a history twice', () => {
  const ask: HistoryAsk = { kind: 'product_code', value: 'FRN' };
  const open = (force = false, at = new Date()) =>
    openHistoryFetch(db, ask, at, { force, requestedBy: 'tech' });

  it('when one is running, then a second ask points at it instead of starting another', () => {
    const first = open();
    expect(first.decision).toBe('start');
    expect(open()).toMatchObject({ decision: 'running', fetch: { id: first.fetch.id } });
    expect(open(true)).toMatchObject({ decision: 'running', fetch: { id: first.fetch.id } });
  });

  it('when it succeeded within 7 days, then it is not repeated unless forced; after 7 days it is', async () => {
    const { fetch } = open();
    await fetchHistory(deps(), { id: fetch.id, ...ask });
    expect(open(false)).toMatchObject({ decision: 'recent', fetch: { id: fetch.id } });
    // Asked in lower case: the same product code.
    expect(
      openHistoryFetch(db, { kind: 'product_code', value: 'frn' }, new Date(), {
        force: false,
        requestedBy: 't',
      }).decision,
    ).toBe('recent');
    const eightDays = new Date(Date.now() + 8 * 86_400_000);
    const later = open(false, eightDays);
    expect(later.decision).toBe('start');
    expect(later.fetch.id).not.toBe(fetch.id);
  });

  it('when a fetch was left running by a process that died, then it is closed and a new one starts', () => {
    db.insert(maudeHistoryFetches)
      .values({
        ...ask,
        status: 'running',
        requestedBy: 'tech',
        startedAt: new Date().toISOString(),
        heartbeatAt: new Date(Date.now() - 20 * 60_000).toISOString(),
        pid: process.pid,
      })
      .run();
    const next = open();
    expect(next.decision).toBe('start');
    expect(historyFetchById(db, 1)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/stopped/),
    });
  });
});
