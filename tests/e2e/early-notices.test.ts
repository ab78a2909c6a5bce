import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import { closeDatabase, openDatabase } from '../../src/db/client';
import type { Role } from '../../src/db/schema';
import { importInventory } from '../../src/inventory/import';
import type { RunningServer } from '../../src/main';
import { syncFeeds } from '../../src/openfda/sync';
import { matchWhatIsDue } from '../../src/pipeline';
import { countedDevices } from '../../src/recalls/counted';
import { createSourceFetcher } from '../../src/sources/fetch';
import { linkNotices } from '../../src/sources/linking';
import { syncSources } from '../../src/sources/sync';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { startFixtureSources } from '../support/fake-sources/fixtures';
import type { RunningFakeSources } from '../support/fake-sources/server';
import { projectRoot } from '../support/shared';
import { captureLog, syncDeps, tempDir, testClient, testSettings } from '../support/vigil';
import { testPassword } from '../support/web';
import { describeInBrowser, forbidDialogs, keepScreenshot, launch, startVigilServer } from './browser';

/**
 * Early notices as the team sees them: the fake sources synced with a small inventory, the real
 * server, and Chromium. A notice's case in the inbox says it is not yet in openFDA; its page says
 * what its source said; a link Vigil is unsure of is a person's to decide, and only theirs.
 */

const fixtures = path.join(projectRoot, 'tests/fixtures/sources');
const airSeal = 'HC-82267';
const hostileKey = 'HC-99901';
const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';
const hostileTitle = `AirSeal Access Port IASB12-100 ${hostile}`;
/** Two openFDA recalls of the AirSeal's firm that Vigil can only suggest: the firm and a word agree. */
const sameRecall = 'Z-2400-2026';
const notSame = 'Z-2401-2026';

function conmedRecall(key: string, cfres: string, product: string, initiated: string) {
  return {
    cfres_id: cfres,
    product_res_number: key,
    res_event_number: `9${cfres.slice(-4)}`,
    event_date_initiated: initiated,
    event_date_posted: '2026-07-20',
    event_date_created: '2026-07-20',
    recall_status: 'Open, Classified',
    recalling_firm: 'CONMED Corporation',
    address_1: '1 Example Road',
    city: 'Example',
    state: 'NY',
    postal_code: '10001',
    country: 'United States',
    product_code: 'HIF',
    k_numbers: [],
    pma_numbers: [],
    product_description: product,
    code_info: 'All serial numbers',
    reason_for_recall: 'Test fixture: a recall of the same firm, written for the browser test.',
    root_cause_description: 'Under Investigation by firm',
    action: 'The firm sent a letter to customers.',
    product_quantity: '10 units',
    distribution_pattern: 'US Nationwide',
    openfda: { device_name: 'Insufflator, Laparoscopic', device_class: '2' },
  };
}

describeInBrowser('early notices in a real browser', () => {
  let sources: RunningFakeSources;
  let openFda: RunningFakeOpenFda;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dbFile = '';
  const dialogs: string[] = [];
  const { log, lines } = captureLog();

  beforeAll(async () => {
    // The fixture's open-data file with one more device notice, whose title carries markup.
    const file = path.join(tempDir(), 'HCRSAMOpenData.json');
    const rows = JSON.parse(fs.readFileSync(path.join(fixtures, 'health-canada.json'), 'utf8')) as unknown[];
    rows.push({
      NID: hostileKey.slice(3),
      Title: hostileTitle,
      URL: 'https://recalls-rappels.canada.ca/en/alert-recall/no-page-for-this-one',
      Organization: 'Medical devices',
      Product: hostileTitle,
      Issue: `Performance ${hostile}`,
      'What you should do': '',
      Category: `General and plastic surgery ${hostile}`,
      'Recall class': 'Type II',
      'Last updated': '2026-07-01',
      Archived: '0',
    });
    fs.writeFileSync(file, JSON.stringify(rows));
    sources = await startFixtureSources({ healthCanadaFile: file });
    openFda = await startFakeOpenFda({ dataDir: path.join(fixtures, 'openfda') });
    openFda.upsert(
      'recall',
      conmedRecall(sameRecall, '212400', 'AirSeal iFS Intelligent Flow System insufflator', '2026-06-05'),
    );
    openFda.upsert(
      'recall',
      conmedRecall(notSame, '212401', 'AirSeal Bifurcated Smoke Evacuation Tube Set', '2026-06-08'),
    );

    server = await startVigilServer(async (db) => {
      const now = () => new Date();
      dbFile = db.$client.name;
      importInventory({ db, now }, { file: path.join(fixtures, 'inventory.csv') });
      const fetcher = createSourceFetcher({ timeoutMs: 10_000, maxRetries: 1, politeMs: 0 });
      const urls = { healthCanada: sources.url, fda: sources.url, govUk: sources.url };
      const synced = await syncSources(
        { db, fetcher, now, log, settings: { urls, days: 3650, pagesPerRun: 100 } },
        ['health-canada', 'fda-rss', 'mhra'],
      );
      await fetcher.close();
      expect(
        synced.map((r) => r.status),
        lines.join('\n'),
      ).toEqual(['succeeded', 'succeeded', 'succeeded']);
      await matchWhatIsDue({ db, now, log });
      // Then openFDA posts the recalls of some of those events, and two more of the AirSeal's firm.
      const client = testClient(openFda.url);
      const [recall] = await syncFeeds(syncDeps(db, client, testSettings(), log), ['recall']);
      await client.close();
      expect(recall!.status, lines.join('\n')).toBe('succeeded');
      await matchWhatIsDue({ db, now, log });
      const people: [string, Role][] = [
        ['Pat Tech', 'technician'],
        ['Sam Viewer', 'viewer'],
      ];
      for (const [name, role] of people)
        await addUser(db, { name, password: testPassword, role }, null, new Date());
    });
    browser = await launch();
    page = await browser.newPage();
    forbidDialogs(page, dialogs);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sources?.close();
    await openFda?.close();
  });

  const query = <T>(sql: string): T[] => {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  const linkState = (recall: string) =>
    query<{ state: string }>(
      `SELECT state FROM notice_links WHERE notice_key = '${airSeal}' AND product_res_number = '${recall}'`,
    )[0]?.state;

  const go = (p: string) => page.goto(`${server.url}${p}`);
  async function signIn(name: string) {
    await go('/login');
    await page.getByLabel('User name').fill(name);
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
  }
  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
  }
  const sourcesText = async () => (await page.locator('#sources').textContent()) ?? '';
  const sameButton = () => page.getByRole('button', { name: 'Same recall: one case' });
  const notSameButton = () => page.getByRole('button', { name: 'Not the same' });

  it('when the data is seeded, then the AirSeal notice is only suggested for the two recalls of its firm', () => {
    // The premise of what follows, from the real linking: neither recall is sure enough to join.
    expect(linkState(sameRecall)).toBe('suggested');
    expect(linkState(notSame)).toBe('suggested');
    expect(query(`SELECT 1 FROM recall_cases WHERE product_res_number = '${airSeal}'`)).toHaveLength(1);
    // The notice with markup in its text names the AirSeal port we own: it has a case too.
    expect(query(`SELECT 1 FROM recall_cases WHERE product_res_number = '${hostileKey}'`)).toHaveLength(1);
  });

  it('when a viewer opens the notice, then they read its sources and suggestions but have no buttons', async () => {
    await signIn('Sam Viewer');
    await go(`/recalls/${airSeal}`);
    const text = await sourcesText();
    expect(text).toContain('Not yet in openFDA.');
    expect(text).toContain('perhaps the same event: Vigil asks you');
    expect(await sameButton().count()).toBe(0);
    expect(await notSameButton().count()).toBe(0);
    await signOut();
  });

  it('when a technician looks at the inbox, then the notice’s case is badged as a Health Canada notice not yet in openFDA', async () => {
    await signIn('Pat Tech');
    const row = page.locator('#inbox-results tbody tr', {
      has: page.getByRole('link', { name: airSeal, exact: true }),
    });
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Health Canada · not yet in openFDA');
    expect(text).toContain('Health Canada: Type II');
    // The notices already joined to their openFDA recall are worked there, not here.
    const inbox = (await page.locator('#inbox-results').textContent()) ?? '';
    expect(inbox).toContain('Z-1850-2026');
    expect(inbox).not.toContain('FDA-heart-pump-recall');
    await keepScreenshot(page, 'early-notice-inbox');
  });

  it('when the technician opens the notice, then the Sources section gives its source, its own class and that openFDA has not posted it', async () => {
    await page.getByRole('link', { name: airSeal, exact: true }).click();
    await page.waitForURL(new RegExp(`/recalls/${airSeal}`));
    const text = await sourcesText();
    expect(text).toContain('Health Canada');
    expect(text).toContain('Not yet in openFDA.');
    expect(text).toContain('Health Canada classes it Type II, its own scale');
    expect(text).toContain('the FDA’s class is unknown until the FDA classifies it');
    expect(text).toContain(sameRecall);
    expect(text).toContain(notSame);
    expect(await sameButton().count()).toBe(2);
    await keepScreenshot(page, 'early-notice-sources');
  });

  it('when the technician says a suggestion is not the same, then both stay apart and it is not offered again', async () => {
    const item = page.locator('#sources li', { has: page.getByRole('link', { name: notSame }) });
    await item.getByRole('button', { name: 'Not the same' }).click();
    await page.waitForURL(new RegExp(`/recalls/${airSeal}`));
    const text = await sourcesText();
    expect(text).toContain('not the same event (a person said)');
    expect(text).toContain('Not yet in openFDA.');
    // Only the other suggestion still asks.
    expect(await sameButton().count()).toBe(1);
    expect(await item.getByRole('button').count()).toBe(0);
    expect(linkState(notSame)).toBe('rejected');
    // Both keep their own records: the notice its case, the recall no share of it.
    expect(query(`SELECT 1 FROM recall_cases WHERE product_res_number = '${airSeal}'`)).toHaveLength(1);
    expect(query(`SELECT 1 FROM recall_cases WHERE product_res_number = '${notSame}'`)).toHaveLength(0);
    // Not even when openFDA changes that recall and the notices are compared with it again.
    const db = openDatabase(dbFile);
    try {
      db.run(
        sql`UPDATE recalls SET updated_at = ${new Date().toISOString()} WHERE product_res_number = ${notSame}`,
      );
      linkNotices(db, new Date(), (key) => countedDevices(db, key));
    } finally {
      closeDatabase(db);
    }
    expect(linkState(notSame)).toBe('rejected');
    await page.reload();
    expect(await sameButton().count()).toBe(1);
    expect(await item.getByRole('button').count()).toBe(0);
    // On the recall's own page too, nothing asks any more.
    await go(`/recalls/${notSame}`);
    expect(await sourcesText()).toContain('not the same event (a person said)');
    expect(await sameButton().count()).toBe(0);
    await go(`/recalls/${airSeal}`);
  });

  it('when the technician says the other suggestion is the same recall, then the browser lands on the recall, which says so and whose timeline shows the join', async () => {
    const item = page.locator('#sources li', { has: page.getByRole('link', { name: sameRecall }) });
    await item.getByRole('button', { name: 'Same recall: one case' }).click();
    await page.waitForURL(new RegExp(`/recalls/${sameRecall}`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(sameRecall);
    const text = await sourcesText();
    expect(text).toContain(airSeal);
    expect(text).toContain('the same event (confirmed by Pat Tech)');
    expect(await sameButton().count()).toBe(0);
    const timeline = (await page.locator('#timeline').textContent()) ?? '';
    expect(timeline).toContain(`joined the case of the early notice ${airSeal}`);
    expect(timeline).toContain(`confirmed that the early notice ${airSeal} is the recall ${sameRecall}`);
    expect(linkState(sameRecall)).toBe('confirmed');
    expect(linkState(notSame)).toBe('rejected');
    // One event, one case: the notice's case is the recall's now.
    expect(query(`SELECT 1 FROM recall_cases WHERE product_res_number = '${airSeal}'`)).toHaveLength(0);
    expect(query(`SELECT 1 FROM recall_cases WHERE product_res_number = '${sameRecall}'`)).toHaveLength(1);
    await keepScreenshot(page, 'early-notice-joined');

    // The notice's page now sends the reader to the recall.
    await go(`/recalls/${airSeal}`);
    expect(await sourcesText()).toContain(
      `This early notice is the FDA’s recall ${sameRecall}: it is worked there.`,
    );
    expect(await sameButton().count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('when a notice’s title, issue and category carry markup, then the pages show it as text and run nothing', async () => {
    await go(`/recalls/${hostileKey}`);
    const text = await sourcesText();
    expect(text).toContain(`General and plastic surgery ${hostile}`);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain(hostileTitle);
    expect(await page.locator('#sources script, #sources img, main img[src="x"]').count()).toBe(0);
    await go('/');
    // Its title names a device we own, so it opened a case: the inbox row shows the markup as text.
    const row = page.locator('#inbox-results tbody tr', {
      has: page.getByRole('link', { name: hostileKey, exact: true }),
    });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(hostile);
    expect(await row.locator('script, img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('when the inbox, a notice with the longest keys and the joined recall are opened at 390 px, then none scrolls sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // GOV.UK and FDA addresses make the longest notice keys, which a phone cannot break by default.
    const longest = query<{ key: string }>(
      'SELECT notice_key AS key FROM early_notices ORDER BY length(notice_key) DESC LIMIT 1',
    )[0]!.key;
    const wide: string[] = [];
    for (const url of ['/', `/recalls/${airSeal}`, `/recalls/${sameRecall}`, `/recalls/${longest}`]) {
      const res = await go(url);
      expect(res?.status(), url).toBe(200);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${url} is ${width} px wide`);
    }
    await keepScreenshot(page, 'phone-early-notice');
    expect(wide).toEqual([]);
  });

  it('when the link form is sent with a pair that does not exist, or empty, then it comes back 422 saying why', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await go(`/recalls/${airSeal}`);
    const csrf = await page.locator('input[name="_csrf"]').first().getAttribute('value');
    expect(csrf).toBeTruthy();
    const send = (form: Record<string, string>) =>
      page.request.post(`${server.url}/recalls/${airSeal}/notice-link`, {
        form: { _csrf: csrf!, ...form },
        maxRedirects: 0,
      });
    const unknown = await send({ notice: airSeal, recall: 'Z-9999-2099', same: 'yes' });
    expect(unknown.status()).toBe(422);
    expect(await unknown.text()).toContain(`No link between ${airSeal} and Z-9999-2099.`);
    const empty = await send({ notice: '', recall: '', same: '' });
    expect(empty.status()).toBe(422);
    expect(await empty.text()).toContain('Choose whether the notice and the recall are the same');
    expect(linkState(notSame)).toBe('rejected');
  });
});
