import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { startSession } from '../../src/auth/sessions';
import { addUser } from '../../src/auth/users';
import { loadConfig } from '../../src/config';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { sessions, syncState } from '../../src/db/schema';
import { eventIndexBacklog } from '../../src/events/search-index';
import { startServer } from '../../src/main';
import { importFiles } from '../../src/openfda/bulk/import';
import { syncFeed } from '../../src/openfda/sync';
import { startFakeOpenFda } from '../support/fake-openfda/server';
import { fixtureData } from '../support/shared';
import { captureLog, syncDeps, tempDir, testClient, waitFor } from '../support/vigil';
import { signedIn, testPassword, testWebApp } from '../support/web';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** The app with an admin signed in: the status of the feeds is for people with an account. */
async function testApp() {
  const { app, db, close } = testWebApp();
  cleanups.push(close);
  const admin = await signedIn(app, db, 'admin');
  return { db, app, admin };
}

/** Creates the first admin through the first-run page of a running server; returns its cookie. */
async function firstRun(url: string): Promise<string> {
  const setup = await fetch(`${url}/setup`);
  const formCookie = setup.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await setup.text())![1]!;
  const created = await fetch(`${url}/setup`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: formCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, name: 'admin', password: testPassword, confirm: testPassword }),
  });
  expect(created.status).toBe(303);
  return created.headers
    .getSetCookie()
    .find((c) => c.startsWith('vigil_session='))!
    .split(';')[0]!;
}

describe('the server', () => {
  it('when it starts, then sessions past their end are deleted and live ones kept', async () => {
    const file = path.join(tempDir(), 'vigil.db');
    const db = openDatabase(file);
    const user = await addUser(db, { name: 'pat', password: testPassword, role: 'viewer' }, null, new Date());
    const rules = { idleMinutes: 60, maxHours: 1 };
    startSession(db, user.id, rules, new Date('2020-01-01T00:00:00Z'));
    startSession(db, user.id, rules, new Date());
    expect(db.select().from(sessions).all()).toHaveLength(2);
    closeDatabase(db);
    const config = loadConfig({ VIGIL_DB: file, VIGIL_SYNC_SCHEDULE: 'off', VIGIL_SYNC_ON_START: 'false' });
    const server = await startServer({ ...config, port: 0 }, captureLog().log);
    cleanups.push(() => server.close());
    const after = openDatabase(file);
    cleanups.push(() => closeDatabase(after));
    expect(after.select().from(sessions).all()).toHaveLength(1);
  });

  it('when openFDA is unreachable at start-up, then the home page is served and says why the feeds failed', async () => {
    const config = loadConfig({
      VIGIL_DB: path.join(tempDir(), 'vigil.db'),
      OPENFDA_BASE_URL: 'https://api.fda.gov', // refused: tests have no outbound network, like many hospitals
      OPENFDA_MAX_RETRIES: '0',
      VIGIL_SYNC_RETRY_MINUTES: '5',
    });
    const { log, lines } = captureLog();
    const server = await startServer({ ...config, port: 0 }, log);
    cleanups.push(() => server.close());

    const cookie = await firstRun(server.url);
    const first = await fetch(`${server.url}/sync`, { headers: { cookie } });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('openFDA feeds');

    await waitFor(
      () => lines.some((l) => l.includes('retrying in 5 min')),
      30_000,
      'the start-up sync to fail',
    );
    const page = await (await fetch(`${server.url}/sync`, { headers: { cookie } })).text();
    expect(page).toContain('feeds could not be synced');
    expect(page).toContain('keeps retrying');
    expect(page).toMatch(/could not be reached after 1 attempts \(ECONNREFUSED/);
    expect(page).toContain('never');
  });

  it('when the feeds are synced, then the page shows when, from where, and the rows stored', async () => {
    const fake = await startFakeOpenFda({ dataDir: fixtureData });
    cleanups.push(() => fake.close());
    const { db, admin } = await testApp();
    const client = testClient(fake.url);
    cleanups.push(() => client.close());
    await syncFeed(syncDeps(db, client), 'recall');
    const html = await (await admin.get('/sync')).text();
    expect(html).toMatch(/Device recalls<\/th><td><span class="ok">up to date<\/span>/);
    expect(html).toMatch(/<td>recalls<\/td><td class="num">36<\/td>/);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<main id="main">');
  });

  it('when an error message holds markup, then the page shows it escaped', async () => {
    const { db, admin } = await testApp();
    db.insert(syncState)
      .values({ feed: 'recall', lastError: '<script>alert(1)</script>"><img onerror=x>' })
      .run();
    const html = await (await admin.get('/sync')).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img onerror=x>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img onerror=x&gt;');
  });

  it('when htmx polls the sync status, then it gets the fragment, not a whole page', async () => {
    const { admin } = await testApp();
    const res = await admin.htmx('/sync-status');
    const html = await res.text();
    expect(html.startsWith('<section id="feeds"')).toBe(true);
    expect(html).not.toContain('<html');
  });

  it('when pages are served, then htmx comes from Vigil itself and security headers are set', async () => {
    const { app } = await testApp();
    const home = await app.request('/login');
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(home.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const htmx = await app.request('/static/htmx.min.js');
    expect(htmx.status).toBe(200);
    expect(await htmx.text()).toContain('htmx');
  });

  it('when a page does not exist, then a 404 page says so', async () => {
    const { app } = await testApp();
    const res = await app.request('/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no page at /nothing-here.');
  });

  it('when the port is taken, then start-up fails naming the port and what to do', async () => {
    const config = loadConfig({ VIGIL_DB: path.join(tempDir(), 'vigil.db'), VIGIL_SYNC_SCHEDULE: 'off' });
    const first = await startServer(
      { ...config, port: 0, sync: { ...config.sync, onStart: false } },
      captureLog().log,
    );
    cleanups.push(() => first.close());
    const port = Number(new URL(first.url).port);
    await expect(
      startServer({ ...config, port, sync: { ...config.sync, onStart: false } }, captureLog().log),
    ).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use: stop the other program or set PORT`);
  });
});

describe('the MAUDE narrative index in the server', () => {
  it('when the server starts with imported reports not yet indexed, then it indexes them while it serves', async () => {
    const dbPath = path.join(tempDir(), 'vigil.db');
    const db = openDatabase(dbPath);
    // An import whose index build never ran, as when the command was stopped after storing.
    await importFiles({ db, now: () => new Date(), log: captureLog().log }, [
      path.join(fixtureData, 'device-event.fixture.json'),
    ]);
    expect(eventIndexBacklog(db).missing).toBe(30);
    closeDatabase(db);
    const config = loadConfig({ VIGIL_DB: dbPath, VIGIL_SYNC_ON_START: 'false' });
    const server = await startServer({ ...config, port: 0 }, captureLog().log);
    cleanups.push(() => server.close());
    const cookie = await firstRun(server.url);
    const reader = openDatabase(dbPath);
    cleanups.push(() => closeDatabase(reader));
    await waitFor(() => eventIndexBacklog(reader).missing === 0, 10_000, 'the index to catch up');
    const page = await (await fetch(`${server.url}/events?text=pump`, { headers: { cookie } })).text();
    expect(page).not.toContain('still being indexed');
    expect(page).toMatch(/\d+ reports\./);
  });
});

describe('the scheduler lock', () => {
  it('when a sync of a feed is already running, then a second one does not start', async () => {
    const fake = await startFakeOpenFda({ dataDir: fixtureData });
    cleanups.push(() => fake.close());
    const { db } = await testApp();
    const client = testClient(fake.url);
    cleanups.push(() => client.close());
    fake.faults.inject({ kind: 'slow', delayMs: 300 });
    const first = syncFeed(syncDeps(db, client), 'recall');
    await waitFor(() =>
      Boolean(db.select().from(syncState).where(eq(syncState.feed, 'recall')).get()?.lockToken),
    );
    const second = await syncFeed(syncDeps(db, client), 'recall');
    expect(second.status).toBe('busy');
    expect(second.error).toMatch(/a sync of recall is already running \(process \d+/);
    expect((await first).status).toBe('succeeded');
  });
});
