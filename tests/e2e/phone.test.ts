/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import { addAction, addAnalysis } from '../../src/incidents/analysis';
import { addDevice } from '../../src/incidents/devices';
import { openIncident } from '../../src/incidents/record';
import type { RunningServer } from '../../src/main';
import { classify, openCasesFrom } from '../support/recall-cases';
import { testPassword } from '../support/web';
import { describeInBrowser, keepScreenshot, launch, signInAs, startVigilServer } from './browser';

/** An iPhone 12–15 screen, in CSS pixels. */
const phone = { width: 390, height: 844 };

describeInBrowser('Vigil on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      await openCasesFrom(db, () => new Date());
      classify(db, 'Z-2101-2024', 'Class I');
      await addUser(db, { name: 'Alex Admin', password: testPassword, role: 'admin' }, null, new Date());
      const by = { name: 'Alex Admin', userId: null };
      const at = new Date('2026-11-20T15:00:00Z');
      const { id } = openIncident(
        db,
        { title: 'Pump stopped mid-infusion', awareOn: '2026-11-20', outcome: 'serious_injury' },
        by,
        at,
      );
      addDevice(db, id, 'BME-1001', by, at);
      addAnalysis(
        db,
        id,
        { kind: 'timeline', at: '2026-11-19T22:10', text: 'Set changed by the night nurse' },
        by,
        at,
      );
      addAnalysis(db, id, { kind: 'why', text: 'The clamp was left open' }, by, at);
      addAnalysis(db, id, { kind: 'factor', category: 'equipment', text: 'No anti-free-flow clip' }, by, at);
      addAnalysis(
        db,
        id,
        { kind: 'factor', category: 'people', text: 'Agency nurse new to the ward' },
        by,
        at,
      );
      addAnalysis(db, id, { kind: 'causal_statement', text: 'Sets without clips allowed free flow' }, by, at);
      addAction(
        db,
        id,
        {
          text: 'Buy sets with anti-free-flow clips',
          strength: 'stronger',
          owner: 'Supply chain',
          dueOn: '2027-01-15',
          measure: 'No free-flow events in six months',
        },
        by,
        at,
      );
    });
    browser = await launch();
    page = await browser.newPage({ viewport: phone });
    await signInAs(page, server, 'Alex Admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when the inbox, a recall, an asset and an incident are opened at 390 px, then none scrolls sideways, and a screenshot of each is kept', async () => {
    const pages: [string, string][] = [
      ['/', 'phone-inbox'],
      ['/recalls/Z-2101-2024', 'phone-recall'],
      ['/inventory/BME-1001', 'phone-asset'],
      ['/incidents/1', 'phone-incident'],
    ];
    const wide: string[] = [];
    for (const [url, name] of pages) {
      const res = await page.goto(`${server.url}${url}`);
      expect(res?.status(), url).toBe(200);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > phone.width) wide.push(`${url} is ${width} px wide`);
      await keepScreenshot(page, name);
    }
    expect(wide).toEqual([]);
  });

  it('when every other page is opened at 390 px, then none scrolls sideways either', async () => {
    const wide: string[] = [];
    for (const url of [
      '/recalls',
      '/inventory',
      '/inventory/import',
      '/incidents',
      '/incidents/new',
      '/incidents/1/report',
      '/incidents/1/3500a',
      '/events',
      '/reports/compliance',
      '/reports/3419?year=2026',
      '/sync',
      '/users',
      '/account',
      '/admin/facility',
    ]) {
      const res = await page.goto(`${server.url}${url}`);
      expect(res?.status(), url).toBe(200);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > phone.width) wide.push(`${url} is ${width} px wide`);
    }
    expect(wide).toEqual([]);
  });

  it('when the screen is a phone, then the navigation folds behind Menu, and opened, every link is on screen', async () => {
    await page.goto(`${server.url}/`);
    const header = page.locator('header.site');
    expect(await header.getByRole('link', { name: 'Inventory' }).count()).toBe(0);
    await header.getByText('Menu', { exact: true }).click();
    await header.getByRole('link', { name: 'Inventory' }).waitFor();
    const links = await page.evaluate(() =>
      [...document.querySelectorAll('header.site a')]
        .filter((a) => a.getBoundingClientRect().width > 0)
        .map((a) => ({ text: a.textContent, right: a.getBoundingClientRect().right })),
    );
    expect(links.map((l) => l.text)).toContain('Facility');
    expect(links.filter((l) => l.right > phone.width)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await keepScreenshot(page, 'phone-menu');
  });
});
