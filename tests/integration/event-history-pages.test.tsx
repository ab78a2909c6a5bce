import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/audit/log';
import type { Db } from '../../src/db/client';
import { historyDeps } from '../../src/events/history';
import { historyFetchById } from '../../src/events/history-queries';
import { createHistoryStarter, type HistoryStarter } from '../../src/events/history-runner';
import type { OpenFdaClient } from '../../src/openfda/client';
import { HistoryOffer } from '../../views/events/event-history';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { fixtureData } from '../support/shared';
import { syncDeps, testClient, testSettings, waitFor } from '../support/vigil';
import { signedIn, testWebApp, type WebClient } from '../support/web';

let fake: RunningFakeOpenFda;
let client: OpenFdaClient;
let starter: HistoryStarter;
let web: ReturnType<typeof testWebApp>;

// The app as the server builds it: its starter pointed at the fake openFDA, on the app's database.
beforeEach(async () => {
  fake = await startFakeOpenFda({ dataDir: fixtureData });
  client = testClient(fake.url);
  let db: Db | null = null;
  starter = createHistoryStarter(() => historyDeps(syncDeps(db!, client, testSettings({ pageSize: 3 }))));
  web = testWebApp({ history: starter, openFdaUrl: fake.url });
  db = web.db;
});
afterEach(async () => {
  await starter.stop();
  await client.close();
  await fake.close();
  web.close();
});

const finished = (id: number) =>
  waitFor(() => historyFetchById(web.db, id)?.status !== 'running', 20_000, `history fetch ${id}`);

/** Asks for a history as a technician would, from the list page's form. */
async function ask(user: WebClient, fields: Record<string, string>) {
  await user.get('/events/history');
  return user.post('/events/history', fields);
}

const idOf = (res: Response) =>
  Number(/\/events\/history\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);

describe('who may fetch a history', () => {
  it('when nobody is signed in, then the pages send them to sign in', async () => {
    const res = await web.app.request('/events/history');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });

  it('when a viewer asks, then it is refused and nothing is fetched; a viewer still reads the pages', async () => {
    const viewer = await signedIn(web.app, web.db, 'viewer');
    const list = await viewer.get('/events/history');
    expect(list.status).toBe(200);
    expect(await list.text()).not.toContain('Fetch history from openFDA');
    const res = await viewer.post('/events/history', { kind: 'product_code', value: 'FRN' });
    expect(res.status).toBe(403);
    expect(fake.requests).toHaveLength(0);
  });

  it('when a technician asks, then the fetch starts, is audited, and the page watches it to the end', async () => {
    const tech = await signedIn(web.app, web.db, 'technician');
    const res = await ask(tech, { kind: 'product_code', value: 'frn' });
    expect(res.status).toBe(303);
    const id = idOf(res);
    expect(res.headers.get('location')).toBe(`/events/history/${id}?asked=started`);
    expect(historyOf(web.db, 'maude-history', String(id))).toMatchObject([
      {
        actor: 'technician-user',
        action: 'maude-history.requested',
        after: { kind: 'product_code', value: 'FRN' },
      },
    ]);
    await finished(id);
    const page = await (await tech.get(`/events/history/${id}`)).text();
    expect(page).toContain('MAUDE history of product code FRN');
    expect(page).toMatch(/Done<\/span>: 10 reports fetched \(10 new here\)/);
    expect(page).toContain('href="/events?productCode=FRN"');
    // Finished: the progress no longer polls.
    expect(page).not.toContain('hx-trigger="every 2s"');
  });

  it('when the form carries no CSRF token, then it is refused and nothing is fetched', async () => {
    const tech = await signedIn(web.app, web.db, 'technician');
    const res = await tech.post('/events/history', { kind: 'product_code', value: 'FRN', _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('did not come from Vigil');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('the progress of a fetch', () => {
  it('when a fetch is under way, then the page polls every 2 s, showing records of the total, until it ends', async () => {
    // Every answer takes a while, so the fetch is still running when the page is asked for.
    fake.faults.inject({ kind: 'slow', delayMs: 400, endpoint: 'event' });
    const tech = await signedIn(web.app, web.db, 'technician');
    const id = idOf(await ask(tech, { kind: 'manufacturer', value: 'Acme Infusion Systems' }));
    await waitFor(() => (historyFetchById(web.db, id)?.fetched ?? 0) > 0, 10_000, 'a first page');
    const page = await (await tech.get(`/events/history/${id}`)).text();
    expect(page).toContain(`hx-get="/events/history/${id}/progress"`);
    expect(page).toContain('hx-trigger="every 2s"');
    expect(page).toMatch(/Fetching<\/span>: \d+ of 10 reports so far/);

    await finished(id);
    const fragment = await tech.htmx(`/events/history/${id}/progress`);
    const html = await fragment.text();
    expect(html).toMatch(/^<section id="history-progress"/);
    expect(html).not.toContain('hx-trigger');
    expect(html).toContain('href="/events?manufacturer=Acme+Infusion+Systems"');
  });

  it('when it is asked for again within 7 days, then it is not repeated, and the page says so with a link', async () => {
    const tech = await signedIn(web.app, web.db, 'technician');
    const id = idOf(await ask(tech, { kind: 'product_code', value: 'FRN' }));
    await finished(id);
    const requests = fake.requests.length;
    const again = await ask(tech, { kind: 'product_code', value: 'FRN' });
    expect(again.headers.get('location')).toBe(`/events/history/${id}?asked=recent`);
    const page = await (await tech.get(again.headers.get('location')!)).text();
    expect(page).toContain('within the last week, so Vigil did not ask openFDA again');
    expect(page).toContain('Fetch again from openFDA');
    expect(fake.requests.length).toBe(requests);

    const forced = await tech.post('/events/history', { kind: 'product_code', value: 'FRN', force: '1' });
    const second = idOf(forced);
    expect(second).not.toBe(id);
    await finished(second);
    expect(historyFetchById(web.db, second)).toMatchObject({ status: 'succeeded', fetched: 10, added: 0 });
  });

  it('when openFDA keeps failing, then the page says the fetch failed and why', async () => {
    fake.faults.inject({ kind: '500', endpoint: 'event', times: 100 });
    const tech = await signedIn(web.app, web.db, 'technician');
    const id = idOf(await ask(tech, { kind: 'product_code', value: 'FRN' }));
    await finished(id);
    const page = await (await tech.get(`/events/history/${id}`)).text();
    expect(page).toContain('The fetch failed');
    expect(page).toContain('openFDA kept failing after 7 attempts');
  }, 30_000);

  it('when the list is opened, then it shows the fetches made, newest first', async () => {
    const tech = await signedIn(web.app, web.db, 'technician');
    const first = idOf(await ask(tech, { kind: 'product_code', value: 'FRN' }));
    await finished(first);
    const second = idOf(await ask(tech, { kind: 'product_code', value: 'CBK' }));
    await finished(second);
    const html = await (await tech.get('/events/history')).text();
    expect(html.indexOf(`/events/history/${second}"`)).toBeLessThan(
      html.indexOf(`/events/history/${first}"`),
    );
  });

  it('when there is no fetch of that number, then the page says so', async () => {
    const viewer = await signedIn(web.app, web.db, 'viewer');
    const res = await viewer.get('/events/history/999');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no history fetch 999.');
  });
});

describe('asking badly', () => {
  it('when the value is not a product code or too short a name, then the form comes back with the reason and what was typed', async () => {
    const tech = await signedIn(web.app, web.db, 'technician');
    const res = await ask(tech, { kind: 'product_code', value: 'FR1' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('A product code is three letters, such as FRN.');
    expect(html).toContain('value="FR1"');
    expect((await ask(tech, { kind: 'manufacturer', value: ' B ' })).status).toBe(422);
    expect(fake.requests).toHaveLength(0);
  });

  it('when the app runs without a history starter, then asking says it is not available', async () => {
    const bare = testWebApp();
    const tech = await signedIn(bare.app, bare.db, 'technician');
    const res = await ask(tech, { kind: 'product_code', value: 'FRN' });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Fetching history is not available here');
    bare.close();
  });
});

describe('the offer beside a search', () => {
  it('when rendered, then it is a form posting the value with its CSRF token', () => {
    const html = String(<HistoryOffer kind="manufacturer" value={'Acme & Co'} csrf="tok" />);
    expect(html).toContain('action="/events/history"');
    expect(html).toContain('name="_csrf" value="tok"');
    expect(html).toContain('name="kind" value="manufacturer"');
    expect(html).toContain('Fetch Acme &amp; Co’s full history from openFDA');
  });
});
