import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import { openIncident } from '../../src/incidents/record';
import type { RunningServer } from '../../src/main';
import { openCasesFrom } from '../support/recall-cases';
import { testPassword } from '../support/web';
import { describeInBrowser, launch, signInAs, startVigilServer } from './browser';

describeInBrowser('a shared workstation in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let incidentId = 0;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      await openCasesFrom(db, () => new Date());
      await addUser(db, { name: 'Pat Tech', password: testPassword, role: 'technician' }, null, new Date());
      const by = { name: 'Pat Tech', userId: null };
      incidentId = openIncident(
        db,
        { title: 'Pump free-flowed at bed 12', awareOn: '2026-11-20', outcome: 'serious_injury' },
        by,
        new Date('2026-11-20T15:00:00Z'),
      ).id;
    });
    browser = await launch();
    page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when a person signs out and presses Back, then the incident page is not shown again', async () => {
    await signInAs(page, server, 'Pat Tech');
    await page.goto(`${server.url}/incidents/${incidentId}`);
    await expect.poll(() => page.textContent('h1')).toContain('Pump free-flowed at bed 12');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.goBack();
    await page.waitForLoadState();
    expect(await page.content()).not.toContain('Pump free-flowed at bed 12');
    expect(page.url()).toMatch(/\/login/);
  });

  it('when pages make htmx requests, then the browser reports no error, the CSP included', async () => {
    consoleErrors.length = 0;
    await signInAs(page, server, 'Pat Tech');
    await page.goto(`${server.url}/inventory`);
    await page.getByRole('searchbox').first().fill('pump');
    await page.waitForLoadState('networkidle');
    await page.goto(`${server.url}/recalls`);
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
  });
});
