import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app';
import { historyOf } from '../../src/audit/log';
import type { Db } from '../../src/db/client';
import { syncRuns, syncState } from '../../src/db/schema';
import { recordDigestFailure } from '../../src/notify/queries';
import { syncFeed } from '../../src/openfda/sync';
import { feedStatuses, glanceOf } from '../../src/status/queries';
import { SyncGlance } from '../../views/shared/sync-glance';
import { startFakeOpenFda } from '../support/fake-openfda/server';
import { fixtureData } from '../support/shared';
import { syncDeps, testClient, testSettings, waitFor } from '../support/vigil';
import { signedIn, testWebApp } from '../support/web';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** The app with a sync-now that only counts how often it was asked, unless a test gives one. */
function syncApp(overrides: Partial<AppDeps> = {}) {
  const requests: Date[] = [];
  const made = testWebApp({ syncNow: () => void requests.push(new Date()), ...overrides });
  cleanups.push(made.close);
  return { ...made, requests };
}

/** Marks a feed as being synced by a live run that has committed some pages. */
function runningSync(db: Db, feed = 'recall') {
  db.insert(syncState)
    .values({
      feed,
      lockToken: 'token',
      lockPid: process.pid,
      lockHost: 'here',
      lockHeartbeatAt: new Date().toISOString(),
    })
    .run();
  return db
    .insert(syncRuns)
    .values({
      feed,
      mode: 'incremental',
      source: 'https://api.fda.gov',
      status: 'running',
      startedAt: new Date(Date.now() - 65_000).toISOString(),
      pages: 3,
      added: 2000,
      updated: 150,
      unchanged: 820,
      skipped: 1,
    })
    .returning({ id: syncRuns.id })
    .get().id;
}

describe('the sync page: who may do what', () => {
  it('when nobody is signed in, then the page and its fragments send them to sign in', async () => {
    const { app } = syncApp();
    for (const path of ['/sync', '/sync-status', '/sync-history']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/login\?next=/);
    }
  });

  it('when a viewer opens the page, then there is no Sync now button, and a POST is refused', async () => {
    const { app, db, requests } = syncApp();
    const viewer = await signedIn(app, db, 'viewer');
    const page = await (await viewer.get('/sync')).text();
    expect(page).toContain('openFDA feeds');
    expect(page).not.toContain('Sync now</button>');
    const res = await viewer.post('/sync');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Your role (viewer) cannot do this.');
    expect(requests).toHaveLength(0);
  });

  for (const role of ['technician', 'admin'] as const) {
    it(`when a ${role} presses Sync now, then a sync starts, the request is audited, and the page watches it`, async () => {
      const { app, db, requests } = syncApp();
      const client = await signedIn(app, db, role);
      expect(await (await client.get('/sync')).text()).toContain('<button type="submit">Sync now</button>');
      const res = await client.post('/sync');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/sync?requested=1');
      expect(requests).toHaveLength(1);
      const [entry] = historyOf(db, 'sync', 'openfda');
      expect(entry).toMatchObject({ action: 'sync.requested', actor: `${role}-user` });
      const page = await (await client.get('/sync?requested=1')).text();
      expect(page).toContain('Sync started.');
      expect(page).toContain('hx-get="/sync-status?watching=1" hx-trigger="every 2s"');
    });
  }

  it('when the form comes without its CSRF token, then nothing starts', async () => {
    const { app, db, requests } = syncApp();
    const technician = await signedIn(app, db, 'technician');
    const res = await technician.post('/sync', { _csrf: '' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('did not come from Vigil');
    expect(requests).toHaveLength(0);
    expect(historyOf(db, 'sync', 'openfda')).toHaveLength(0);
  });
});

describe('the sync page: sync now', () => {
  it('when no scheduler runs here, then the page says sync is not available instead of offering it', async () => {
    const { app, db } = syncApp({ syncNow: undefined });
    const technician = await signedIn(app, db, 'technician');
    const page = await (await technician.get('/sync')).text();
    expect(page).toContain('Sync on demand is not available here');
    expect(page).not.toContain('Sync now</button>');
    const res = await technician.post('/sync');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Run `vigil sync` on the server instead.');
    expect(historyOf(db, 'sync', 'openfda')).toHaveLength(0);
  });

  it('when a sync is already running, then another is not started and the page says so', async () => {
    const { app, db, requests } = syncApp();
    runningSync(db);
    const technician = await signedIn(app, db, 'technician');
    await technician.get('/sync');
    const res = await technician.post('/sync');
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('A sync is already running: its progress is below.');
    expect(requests).toHaveLength(0);
  });

  it('when a sync runs, then the polled fragment shows its progress so far and asks again in 2 s', async () => {
    const { app, db } = syncApp();
    runningSync(db);
    const viewer = await signedIn(app, db, 'viewer');
    const res = await viewer.htmx('/sync-status');
    const html = await res.text();
    expect(html.startsWith('<section id="feeds"')).toBe(true);
    expect(html).toContain('hx-trigger="every 2s"');
    expect(html).toMatch(/Device recalls<\/strong>: incremental sync from https:\/\/api\.fda\.gov/);
    expect(html).toMatch(
      /So far 3 pages: 2,000 added, 150 updated, 820 unchanged, 1 skipped \(1 min \d+ s\)\./,
    );
    expect(res.headers.get('hx-trigger')).toBeNull();
  });

  it('when nothing runs, then the fragment asks again only every 30 s', async () => {
    const { app, db } = syncApp();
    const viewer = await signedIn(app, db, 'viewer');
    const html = await (await viewer.htmx('/sync-status')).text();
    expect(html).toContain('hx-get="/sync-status" hx-trigger="every 30s"');
    expect(html).not.toContain('Under way');
  });

  it('when a watched run ends, then the fragment tells the page to refresh its history', async () => {
    const { app, db } = syncApp();
    const runId = runningSync(db);
    const viewer = await signedIn(app, db, 'viewer');
    expect((await viewer.htmx('/sync-status?watching=1')).headers.get('hx-trigger')).toBeNull();
    db.update(syncState).set({ lockToken: null }).where(eq(syncState.feed, 'recall')).run();
    db.update(syncRuns)
      .set({ status: 'succeeded', finishedAt: new Date().toISOString() })
      .where(eq(syncRuns.id, runId))
      .run();
    const res = await viewer.htmx('/sync-status?watching=1');
    expect(res.headers.get('hx-trigger')).toBe('sync-finished');
    const history = await (await viewer.htmx('/sync-history')).text();
    expect(history.startsWith('<section id="sync-history"')).toBe(true);
    expect(history).toContain('hx-trigger="sync-finished from:body"');
    expect(history).toContain('<span class="ok">succeeded</span>');
  });

  it('when Sync now runs a real sync, then its pages show up live and the history has it when done', async () => {
    const fake = await startFakeOpenFda({ dataDir: fixtureData });
    cleanups.push(() => fake.close());
    const client = testClient(fake.url);
    cleanups.push(() => client.close());
    fake.faults.inject({ kind: 'slow', delayMs: 250 });
    let running: Promise<unknown> = Promise.resolve();
    const made = syncApp({
      syncNow: () => {
        running = syncFeed(syncDeps(made.db, client, testSettings({ pageSize: 5 })), 'recall');
      },
    });
    const technician = await signedIn(made.app, made.db, 'technician');
    await technician.get('/sync');
    expect((await technician.post('/sync')).status).toBe(303);
    let progress = '';
    await waitFor(
      async () => {
        progress = await (await technician.htmx('/sync-status?watching=1')).text();
        return /So far [1-9]\d* pages?: [1-9]/.test(progress);
      },
      20_000,
      'progress of the running sync',
    );
    expect(progress).toContain('hx-trigger="every 2s"');
    await running;
    const done = await technician.htmx('/sync-status?watching=1');
    expect(done.headers.get('hx-trigger')).toBe('sync-finished');
    const history = await (await technician.htmx('/sync-history')).text();
    expect(history).toMatch(
      /<th scope="row">Device recalls<\/th><td>full<\/td><td>[^<]+<\/td><td><span class="ok">succeeded<\/span>/,
    );
    expect(history).toContain('<td class="num">36</td>');
  });
});

describe('the sync page: history', () => {
  it('when runs have happened, then the last 50 are listed newest first with their counts, duration and errors', async () => {
    const { app, db } = syncApp();
    const start = Date.parse('2025-06-01T00:00:00Z');
    for (let i = 0; i < 55; i++) {
      db.insert(syncRuns)
        .values({
          feed: i % 2 ? 'recall' : 'event',
          mode: i === 54 ? 'import' : 'incremental',
          source: i === 54 ? 'device-recall.cfres.json.zip' : 'https://api.fda.gov',
          status: i === 53 ? 'failed' : 'succeeded',
          startedAt: new Date(start + i * 3_600_000).toISOString(),
          finishedAt: new Date(start + i * 3_600_000 + 125_000).toISOString(),
          pages: i,
          added: 1000 + i,
          updated: 7,
          unchanged: 3,
          skipped: 0,
          error:
            i === 53
              ? 'openFDA could not be reached <script>alert(1)</script>"><img src=x onerror=alert(1)>'
              : null,
        })
        .run();
    }
    const viewer = await signedIn(app, db, 'viewer');
    const html = await (await viewer.get('/sync')).text();
    const history = html.slice(html.indexOf('<section id="sync-history"'));
    const rows = history.split('</tbody>')[0]!.split('<tr>').slice(2);
    expect(rows).toHaveLength(50);
    expect(rows[0]).toContain('device-recall.cfres.json.zip');
    expect(rows[0]).toContain('<td>import</td>');
    expect(rows[0]).toContain('<td>2 min 5 s</td>');
    expect(rows[0]).toContain('<td class="num">1,054</td>');
    expect(rows[1]).toContain('<span class="failed">failed</span>');
    expect(rows[1]).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(rows.at(-1)).toContain('<td class="num">1,005</td>');
  });
});

describe('sync status at a glance', () => {
  it('when a feed fails, then the glance says which and links to the sync page, escaping FDA-side text', async () => {
    const { db } = syncApp();
    db.insert(syncState)
      .values({ feed: 'recall', lastError: 'down', lastSuccessAt: '2025-06-01T08:00:00.000Z' })
      .run();
    db.insert(syncState).values({ feed: 'event', lastSuccessAt: '2025-06-01T09:00:00.000Z' }).run();
    const feeds = glanceOf(feedStatuses(db));
    const html = String(SyncGlance({ feeds, now: new Date('2025-06-01T10:00:00Z') }));
    expect(html).toContain('Device recalls could not be synced');
    expect(html).toContain('<a href="/sync">See why</a>');
    expect(html).toMatch(/Device recalls: <span class="failed">failing<\/span>/);
    expect(html).toMatch(
      /<span class="ok">synced<\/span> <span class="muted">\(last <time datetime="2025-06-01T09:00:00.000Z"/,
    );
    const hostile = String(
      SyncGlance({
        feeds: [{ title: '<script>alert(1)</script>', lastLoad: null, failing: true, running: false }],
        now: new Date(),
      }),
    );
    expect(hostile).not.toContain('<script>alert(1)</script>');
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the email digest on the sync page', () => {
  it('when mail is set up and the last digest failed, then the page says why, escaped, and that nothing is lost', async () => {
    const { app, db } = syncApp({ mailEnabled: true });
    recordDigestFailure(db, 'connect ECONNREFUSED <script>alert(1)</script>');
    const admin = await signedIn(app, db, 'admin');
    const html = await (await admin.get('/sync')).text();
    expect(html).toContain(
      'The last digest could not be sent: connect ECONNREFUSED &lt;script&gt;alert(1)&lt;/script&gt;.',
    );
    expect(html).toContain('go out with the next one');
  });

  it('when mail is not set up, then the page does not speak of a digest', async () => {
    const { app, db } = syncApp();
    const admin = await signedIn(app, db, 'admin');
    expect(await (await admin.get('/sync')).text()).not.toContain('Email digest');
  });
});
