import { getEventListeners } from 'node:events';
import { eq, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import {
  enforcementReports,
  maudeDevices,
  maudeReports,
  recalls,
  syncRejects,
  syncRuns,
  syncState,
} from '../../src/db/schema';
import { createOpenFdaClient, type OpenFdaClient } from '../../src/openfda/client';
import { syncFeed, syncFeeds } from '../../src/openfda/sync';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { fixtureData, readEnvelope } from '../support/shared';
import { captureLog, openTestDb, syncDeps, testClient, testSettings } from '../support/vigil';

/** Reports in the fixtures that name a device with this product code. */
const reportsWithCode = (code: string) =>
  fixtureCount('event', (r) =>
    (r.device as { device_report_product_code?: string }[]).some(
      (d) => d.device_report_product_code === code,
    ),
  );

const fixtureCount = (feed: string, keyed: (r: Record<string, unknown>) => boolean = () => true) =>
  readEnvelope(`${fixtureData}/device-${feed}.fixture.json`).results.filter(keyed).length;

const count = (db: Db, table: SQLiteTable) => db.select({ n: sql<number>`count(*)` }).from(table).get()!.n;

let fake: RunningFakeOpenFda;
let db: Db;
let close: () => void;
let client: OpenFdaClient;

// Each test gets its own fake (tests revise its records) and its own database.
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

describe('a first sync', () => {
  it('when nothing has been synced, then every record of every feed is stored, counted exactly', async () => {
    const results = await syncFeeds(syncDeps(db, client, testSettings({ pageSize: 7 })), [
      'classification',
      'recall',
      'enforcement',
      'event',
    ]);
    expect(results.map((r) => [r.feed, r.status, r.full])).toEqual([
      ['classification', 'succeeded', true],
      ['recall', 'succeeded', true],
      ['enforcement', 'succeeded', true],
      ['event', 'succeeded', false],
    ]);
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
    expect(count(db, enforcementReports)).toBe(fixtureCount('enforcement', (r) => 'recall_number' in r));
    expect(count(db, maudeReports)).toBe(fixtureCount('event'));
    const devices = readEnvelope(`${fixtureData}/device-event.fixture.json`).results.flatMap(
      (r) => r.device as unknown[],
    );
    expect(count(db, maudeDevices)).toBe(devices.length);
  });

  it('when a recall has no posting date or an old-format number, then it is stored all the same', async () => {
    await syncFeed(syncDeps(db, client), 'recall');
    const old = db.select().from(recalls).where(eq(recalls.productResNumber, 'Z-0557-04')).get();
    expect(old).toBeDefined();
    const undated = db.select().from(recalls).where(sql`${recalls.eventDatePosted} IS NULL`).all();
    expect(undated).toHaveLength(1);
    expect(JSON.parse(undated[0]!.raw)).not.toHaveProperty('event_date_posted');
  });

  it('when paging, then every search is wrapped in parentheses and Links are followed to the trailing 404', async () => {
    await syncFeed(syncDeps(db, client, testSettings({ pageSize: 6 })), 'recall');
    const searches = fake.requests.map((r) => r.params.search).filter(Boolean) as string[];
    expect(searches.length).toBeGreaterThan(0);
    for (const search of searches) expect(search).toMatch(/^\(.*\)$/);
    // 35 dated recalls in pages of 6: the last page is not full, so no trailing 404 there;
    // the 1 undated recall fills no page either. Every Link the fake sent was followed.
    const followed = fake.requests.filter((r) => r.params.search_after);
    expect(followed.length).toBe(5);
  });

  it('when the last page is exactly full, then the documented trailing 404 ends the paging quietly', async () => {
    // 36 recalls: 35 dated. A page size of 5 ends the dated ones with a full page and a Link.
    const result = await syncFeed(syncDeps(db, client, testSettings({ pageSize: 5 })), 'recall');
    expect(result.status).toBe('succeeded');
    expect(fake.requests.some((r) => r.status === 404 && r.params.search_after)).toBe(true);
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
  });

  it('when the enforcement report exists, then the recall gets its class through the join', async () => {
    await syncFeeds(syncDeps(db, client), ['recall', 'enforcement']);
    const classed = db
      .select({ recall: recalls.productResNumber, classification: enforcementReports.classification })
      .from(recalls)
      .innerJoin(enforcementReports, eq(enforcementReports.recallNumber, recalls.productResNumber))
      .all();
    expect(classed.length).toBe(24);
    expect(new Set(classed.map((c) => c.classification))).toEqual(
      new Set(['Class I', 'Class II', 'Class III']),
    );
  });
});

describe('later syncs', () => {
  it('when nothing changed upstream, then a second sync adds and updates nothing', async () => {
    await syncFeeds(syncDeps(db, client), ['recall', 'enforcement', 'event']);
    const second = await syncFeeds(syncDeps(db, client), ['recall', 'enforcement', 'event']);
    for (const r of second) {
      expect(r.status).toBe('succeeded');
      expect(r.counts.added).toBe(0);
      expect(r.counts.updated).toBe(0);
    }
    expect(second.map((r) => r.full)).toEqual([false, false, false]);
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
  });

  it('when an old open recall is terminated upstream, then the re-check updates it, not duplicates it', async () => {
    await syncFeed(syncDeps(db, client), 'recall');
    const open = db.select().from(recalls).where(eq(recalls.recallStatus, 'Open, Classified')).all();
    const oldest = open.sort((a, b) => (a.eventDatePosted ?? '').localeCompare(b.eventDatePosted ?? ''))[0]!;
    const revised = {
      ...JSON.parse(oldest.raw),
      recall_status: 'Terminated',
      event_date_terminated: '2024-02-01',
    };
    fake.upsert('recall', revised);
    const result = await syncFeed(syncDeps(db, client), 'recall');
    expect(result.full).toBe(false);
    expect(result.counts.updated).toBe(1);
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
    const stored = db
      .select()
      .from(recalls)
      .where(eq(recalls.productResNumber, oldest.productResNumber))
      .get()!;
    expect(stored.recallStatus).toBe('Terminated');
    expect(stored.eventDateTerminated).toBe('2024-02-01');
    expect(stored.firstSeenAt <= stored.updatedAt).toBe(true);
  });

  it('when a recent record is revised upstream, then the trailing re-pull window catches it', async () => {
    await syncFeed(syncDeps(db, client), 'recall');
    const newest = db.select().from(recalls).orderBy(sql`${recalls.eventDatePosted} DESC`).limit(1).get()!;
    fake.upsert('recall', { ...JSON.parse(newest.raw), reason_for_recall: 'Revised: wider lot range' });
    const result = await syncFeed(syncDeps(db, client), 'recall');
    expect(result.counts.updated).toBe(1);
    const stored = db
      .select()
      .from(recalls)
      .where(eq(recalls.productResNumber, newest.productResNumber))
      .get()!;
    expect(stored.reasonForRecall).toBe('Revised: wider lot range');
  });

  it('when a new recall is posted, then an incremental sync adds just it', async () => {
    await syncFeed(syncDeps(db, client), 'recall');
    fake.upsert('recall', {
      product_res_number: 'Z-2001-2025',
      event_date_posted: '2025-01-15',
      recall_status: 'Open, Classified',
      recalling_firm: 'Acme Infusion Systems, Inc.',
      product_code: 'FRN',
    });
    const result = await syncFeed(syncDeps(db, client), 'recall');
    expect(result.full).toBe(false);
    expect(result.counts.added).toBe(1);
    expect(count(db, recalls)).toBe(fixtureCount('recall') + 1);
  });

  it('when the last full reconcile is older than the setting, then the run is full again', async () => {
    await syncFeed(syncDeps(db, client), 'recall');
    db.update(syncState)
      .set({ lastFullAt: '2000-01-01T00:00:00.000Z' })
      .where(eq(syncState.feed, 'recall'))
      .run();
    expect((await syncFeed(syncDeps(db, client), 'recall')).full).toBe(true);
    expect((await syncFeed(syncDeps(db, client), 'recall')).full).toBe(false);
  });
});

describe('bad records and a bad network', () => {
  it('when openFDA sends a malformed record, then it is logged with its key and skipped, and the rest land', async () => {
    fake.upsert('recall', {
      product_res_number: 'Z-9999-2099',
      event_date_posted: '2023-01-01',
      recalling_firm: { name: 'x' },
    });
    const { log, lines } = captureLog();
    const result = await syncFeed(syncDeps(db, client, testSettings(), log), 'recall');
    fake.remove('recall', 'Z-9999-2099');
    expect(result.status).toBe('succeeded');
    expect(result.counts.skipped).toBe(1);
    expect(lines.some((l) => l.includes('Z-9999-2099') && l.includes('recalling_firm is an object'))).toBe(
      true,
    );
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
    const reject = db.select().from(syncRejects).get()!;
    expect(reject).toMatchObject({ feed: 'recall', recordKey: 'Z-9999-2099', runId: result.runId });
    expect(JSON.parse(reject.raw).recalling_firm).toEqual({ name: 'x' });
  });

  it('when a record has no key at all, then it is rejected and reported', async () => {
    const result = await syncFeed(syncDeps(db, client), 'enforcement');
    expect(result.counts.skipped).toBe(1);
    expect(db.select().from(syncRejects).get()).toMatchObject({
      recordKey: null,
      reason: 'the record has no recall_number',
    });
  });

  it('when a storm of 429s and 500s hits, then the sync waits them out and completes', async () => {
    fake.faults.inject({ kind: '429', times: 4, retryAfterSeconds: 1 });
    const result = await syncFeed(syncDeps(db, client, testSettings({ pageSize: 8 })), 'recall', {
      onProgress: (p) => {
        if (p.pages === 1) fake.faults.inject({ kind: '500', times: 3 });
      },
    });
    expect(result.status).toBe('succeeded');
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(4);
    expect(fake.requests.filter((r) => r.status === 500)).toHaveLength(3);
  });

  it('when connections drop, bodies are cut off or answers are slow, then requests are retried', async () => {
    const slowClient = testClient(fake.url, { timeoutMs: 300 });
    fake.faults.inject([
      { kind: 'drop', times: 2 },
      { kind: 'truncate', times: 2 },
      { kind: 'slow', times: 1, delayMs: 1500 },
    ]);
    const result = await syncFeed(syncDeps(db, slowClient, testSettings({ pageSize: 8 })), 'recall');
    await slowClient.close();
    expect(result.status).toBe('succeeded');
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
  });

  it('when openFDA keeps failing, then the sync fails with a reason, keeps what it stored, and carries on next time', async () => {
    const settings = testSettings({ pageSize: 5 });
    const impatient = testClient(fake.url, { maxRetries: 1 });
    let pagesBeforeOutage = 0;
    const first = await syncFeed(syncDeps(db, impatient, settings), 'recall', {
      onProgress: (p) => {
        pagesBeforeOutage = p.pages;
        if (p.pages === 3) fake.faults.inject({ kind: '500', times: 100 });
      },
    });
    await impatient.close();
    expect(first.status).toBe('failed');
    expect(first.error).toMatch(/kept failing after 2 attempts/);
    expect(pagesBeforeOutage).toBe(3);
    expect(count(db, recalls)).toBe(15);
    expect(db.select().from(syncState).where(eq(syncState.feed, 'recall')).get()!.lastError).toMatch(
      /HTTP 500/,
    );

    fake.faults.clear();
    fake.resetRequests();
    const second = await syncFeed(syncDeps(db, client, settings), 'recall');
    expect(second.status).toBe('succeeded');
    expect(second.full).toBe(true);
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
    // It carried on from the last committed page instead of starting over.
    expect(fake.requests[0]!.params.search).toMatch(/event_date_posted:\[\d{4}-\d{2}-\d{2} TO \*\]/);
    const runs = db.select().from(syncRuns).all();
    expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded']);
  });

  it('when openFDA answers "No matches found" part-way through a full sync, then the page is asked again and every record lands', async () => {
    const settings = testSettings({ pageSize: 5 });
    const result = await syncFeed(syncDeps(db, client, settings), 'recall', {
      full: true,
      onProgress: (p) => {
        if (p.pages === 2) fake.faults.inject({ kind: '404', times: 2 });
      },
    });
    expect(result.status).toBe('succeeded');
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
    expect(fake.requests.filter((r) => r.fault === '404')).toHaveLength(2);
  });

  it('when "No matches found" goes on part-way through, then the sync fails saying so and keeps what came', async () => {
    const settings = testSettings({ pageSize: 5 });
    const impatient = testClient(fake.url, { maxRetries: 1 });
    const result = await syncFeed(syncDeps(db, impatient, settings), 'recall', {
      full: true,
      onProgress: (p) => {
        if (p.pages === 2) fake.faults.inject({ kind: '404', times: 100 });
      },
    });
    await impatient.close();
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(
      /kept failing after 2 attempts \("No matches found" part-way through the results\)/,
    );
    expect(count(db, recalls)).toBe(10);
    expect(db.select().from(syncRuns).get()!.status).toBe('failed');
  });

  it("when openFDA's pages end before the count its search gave, then the sync fails saying how many came", async () => {
    let counted = 0;
    const result = await syncFeed(syncDeps(db, client, testSettings({ pageSize: 5 })), 'recall', {
      full: true,
      onProgress: (p) => {
        counted = p.total;
        if (p.pages === 1) fake.faults.inject({ kind: 'nolink', times: 1 });
      },
    });
    expect(result.status).toBe('failed');
    expect(counted).toBeGreaterThan(10);
    expect(result.error).toContain(
      `openFDA's pages ended after 10 of the ${counted} records its search counts`,
    );
    expect(count(db, recalls)).toBe(10);
  });

  it('when many retries wait on one long-lived signal, then no listener is left behind per retry', async () => {
    const lasting = new AbortController();
    const warnings: Error[] = [];
    const warned = (w: Error) => warnings.push(w);
    process.on('warning', warned);
    const patient = createOpenFdaClient({
      baseUrl: fake.url,
      timeoutMs: 10_000,
      maxRetries: 20,
      requestsPerMinute: 240,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    });
    try {
      fake.faults.inject({ kind: '500', times: 15 });
      const pages = [];
      for await (const page of patient.pages('device/recall', { limit: 1000 }, lasting.signal))
        pages.push(page);
      expect(pages).toHaveLength(1);
      expect(fake.requests.filter((r) => r.fault === '500')).toHaveLength(15);
      // At most the request library's own, for the request last sent.
      expect(getEventListeners(lasting.signal, 'abort').length).toBeLessThanOrEqual(1);
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', warned);
      await patient.close();
    }
  });

  it('when a gateway sends its HTML error page, or a 200 with an HTML page, then the error names the page in a few words', async () => {
    const impatient = testClient(fake.url, { maxRetries: 0 });
    fake.faults.inject({ kind: '502', times: 1 });
    const gateway = await syncFeed(syncDeps(db, impatient, testSettings({ pageSize: 5 })), 'recall');
    expect(gateway.status).toBe('failed');
    expect(gateway.error).toContain('(HTTP 502 (an HTML page titled "502 Bad Gateway"))');
    expect(gateway.error).not.toContain('<');
    fake.faults.inject({ kind: 'html', times: 1 });
    const portal = await syncFeed(syncDeps(db, impatient, testSettings({ pageSize: 5 })), 'recall');
    await impatient.close();
    expect(portal.status).toBe('failed');
    expect(portal.error).toContain(
      '(an HTML page titled "Network sign-in required" instead of JSON with HTTP 200)',
    );
  });

  it('when a full MAUDE sync fails part-way, then the next full sync carries on from its last page instead of starting over', async () => {
    const settings = testSettings({ pageSize: 5 });
    const impatient = testClient(fake.url, { maxRetries: 1 });
    const first = await syncFeed(syncDeps(db, impatient, settings), 'event', {
      full: true,
      onProgress: (p) => {
        if (p.pages === 3) fake.faults.inject({ kind: '500', times: 100 });
      },
    });
    await impatient.close();
    expect(first.status).toBe('failed');
    expect(count(db, maudeReports)).toBe(15);

    fake.faults.clear();
    fake.resetRequests();
    const second = await syncFeed(syncDeps(db, client, settings), 'event', { full: true });
    expect(second.status).toBe('succeeded');
    expect(count(db, maudeReports)).toBe(fixtureCount('event'));
    // From the date of the last page stored, not from the start of the window: the reports of
    // the first pages are not asked for again.
    const from = /date_received:\[(\d{8}) TO \*\]/.exec(fake.requests[0]!.params.search!)![1]!;
    const earliest = readEnvelope(`${fixtureData}/device-event.fixture.json`)
      .results.map((r) => String(r.date_received))
      .sort()[0]!;
    expect(from > earliest).toBe(true);
    expect(second.counts.unchanged).toBeLessThan(15);
  });

  it('when asked to stop mid-run, then the request in flight is dropped and the next run carries on', async () => {
    const settings = testSettings({ pageSize: 5 });
    const stop = new AbortController();
    const stopped = await syncFeed(syncDeps(db, client, settings), 'recall', {
      signal: stop.signal,
      onProgress: (p) => {
        if (p.pages !== 2) return;
        // The next answer would take longer than the test may run: only the abort can end it.
        fake.faults.inject({ kind: 'slow', delayMs: 600_000 });
        setTimeout(() => stop.abort(new Error('shutting down')), 50);
      },
    });
    expect(stopped.status).toBe('interrupted');
    expect(stopped.error).toMatch(/stopped on request/);
    expect(count(db, recalls)).toBe(10);
    expect(db.select().from(syncRuns).get()!.status).toBe('interrupted');

    fake.faults.clear();
    const again = await syncFeed(syncDeps(db, client, settings), 'recall');
    expect(again.status).toBe('succeeded');
    expect(count(db, recalls)).toBe(fixtureCount('recall'));
  });

  it('when openFDA cannot be reached at all, then the failure says so and what to check', async () => {
    const nowhere = testClient('http://127.0.0.1:9', { maxRetries: 1 });
    const result = await syncFeed(syncDeps(db, nowhere), 'recall');
    await nowhere.close();
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(
      /could not be reached after 2 attempts .*ECONNREFUSED.*check the network or OPENFDA_BASE_URL/,
    );
  });

  it('when an API key is configured, then every request carries it, Link follow-ups included', async () => {
    const keyed = await startFakeOpenFda({ dataDir: fixtureData, requireApiKey: 'k-123' });
    const withKey = testClient(keyed.url, { apiKey: 'k-123' });
    const result = await syncFeed(syncDeps(db, withKey, testSettings({ pageSize: 5 })), 'recall');
    expect(result.status).toBe('succeeded');
    expect(keyed.requests.length).toBeGreaterThan(5);
    expect(keyed.requests.every((r) => r.params.api_key === 'k-123')).toBe(true);
    const withoutKey = testClient(keyed.url);
    const refused = await syncFeed(syncDeps(db, withoutKey), 'enforcement');
    expect(refused.error).toMatch(/API_KEY_MISSING.*check OPENFDA_API_KEY/);
    await Promise.all([withKey.close(), withoutKey.close(), keyed.close()]);
  });
});

describe('MAUDE scope', () => {
  it('when following product codes, then only their reports inside the window are synced, and a new code is back-filled', async () => {
    const settings = testSettings({
      maude: { scope: 'followed', years: 30, productCodes: ['FRN'], manufacturers: [] },
    });
    await syncFeed(syncDeps(db, client, settings), 'event');
    const codes = () =>
      new Set(
        db
          .selectDistinct({ code: maudeDevices.productCode })
          .from(maudeDevices)
          .all()
          .map((d) => d.code),
      );
    expect(codes()).toEqual(new Set(['FRN']));
    expect(count(db, maudeReports)).toBe(reportsWithCode('FRN'));

    settings.maude.productCodes.push('DQA');
    const second = await syncFeed(syncDeps(db, client, settings), 'event');
    expect(second.counts.added).toBe(reportsWithCode('DQA'));
    expect(codes()).toEqual(new Set(['FRN', 'DQA', 'CBK'])); // one DQA report also names a ventilator
  });

  it('when following a manufacturer by name, then its reports are found whatever the case', async () => {
    const settings = testSettings({
      maude: { scope: 'followed', years: 30, productCodes: [], manufacturers: ['Globex Respiratory GmbH'] },
    });
    const result = await syncFeed(syncDeps(db, client, settings), 'event');
    expect(result.counts.added).toBe(10);
  });

  it('when nothing is followed, then the sync says what to set instead of pulling all of MAUDE', async () => {
    const settings = testSettings({
      maude: { scope: 'followed', years: 5, productCodes: [], manufacturers: [] },
    });
    const result = await syncFeed(syncDeps(db, client, settings), 'event');
    expect(result.status).toBe('succeeded');
    expect(result.note).toMatch(/VIGIL_MAUDE_PRODUCT_CODES/);
    expect(count(db, maudeReports)).toBe(0);
  });

  it('when the window is 5 years, then older reports are left out', async () => {
    const settings = testSettings({ maude: { scope: 'all', years: 5, productCodes: [], manufacturers: [] } });
    await syncFeed(syncDeps(db, client, settings), 'event');
    const oldest = db
      .select({ d: sql<string>`min(${maudeReports.dateReceived})` })
      .from(maudeReports)
      .get()!.d;
    const cutoff = new Date();
    cutoff.setUTCDate(cutoff.getUTCDate() - Math.round(5 * 365.25));
    expect(oldest >= cutoff.toISOString().slice(0, 10)).toBe(true);
    expect(count(db, maudeReports)).toBeLessThan(fixtureCount('event'));
  });
});
