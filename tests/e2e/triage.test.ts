import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import type { Role } from '../../src/db/schema';
import type { RunningServer } from '../../src/main';
import { classify, openCasesFrom, rewriteRecall } from '../support/recall-cases';
import { testPassword } from '../support/web';
import { describeInBrowser, forbidDialogs, keepScreenshot, launch, startVigilServer } from './browser';

const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';

describeInBrowser('triaging recalls in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      await openCasesFrom(db, () => new Date());
      classify(db, 'Z-2101-2024', 'Class I');
      classify(db, 'Z-2102-2024', 'Class II');
      rewriteRecall(db, 'Z-2108-2024', { firm: hostile, reason: hostile });
      const people: [string, Role][] = [
        ['Sam Viewer', 'viewer'],
        ['Pat Tech', 'technician'],
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
  });

  const go = (p: string) => page.goto(`${server.url}${p}`);
  async function signIn(name: string, password = testPassword) {
    await go('/login');
    await page.getByLabel('User name').fill(name);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
  }

  it('when a wrong password and then the right one are typed, then the inbox shows the Class I recall on top', async () => {
    await signIn('Sam Viewer', 'wrong password, on purpose');
    expect(await page.getByRole('alert').textContent()).toContain('do not match an account');
    await signIn('Sam Viewer');
    await page.waitForURL(`${server.url}/`);
    const first = await page.locator('#inbox-results tbody tr').first().textContent();
    expect(first).toContain('Z-2101-2024');
    expect(first).toContain('Class I');
    await keepScreenshot(page, 'inbox');
  });

  it('when a filter is chosen, then htmx narrows the inbox in place and the address follows', async () => {
    await page.getByLabel('Class').selectOption('II');
    await expect.poll(() => page.locator('#inbox-results tbody tr').count()).toBe(1);
    expect(await page.locator('#inbox-results tbody tr').textContent()).toContain('Z-2102-2024');
    expect(page.url()).toContain('class=II');
  });

  it('when a viewer opens a recall, then it reads it but has no workflow controls', async () => {
    await go('/recalls/Z-2101-2024');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Z-2101-2024');
    expect(await page.getByRole('button', { name: 'Update workflow' }).count()).toBe(0);
    await signOut();
  });

  it('when a technician triages a Class I recall from new to closed, then each step shows and the case closes', async () => {
    await signIn('Pat Tech');
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Z-2101-2024' }).click();
    await page.waitForURL(/\/recalls\/Z-2101-2024/);
    const move = async (to: string, assignee?: string) => {
      await page.getByLabel('Move to').selectOption({ label: to });
      if (assignee) await page.getByLabel('Assign to (when assigning)').selectOption({ label: assignee });
      await page.getByRole('button', { name: 'Update workflow' }).click();
      await page.waitForLoadState('load');
    };
    const state = () => page.locator('#case dd').first().textContent();
    await move('Acknowledged');
    expect(await state()).toContain('Acknowledged');
    await move('Assigned', 'Pat Tech');
    expect(await state()).toContain('Assigned (assigned to Pat Tech)');
    await move('Action in progress');
    expect(await state()).toContain('Action in progress');

    // Closing waits until every matched asset has a final disposition.
    await move('Closed');
    expect(await page.getByRole('alert').first().textContent()).toContain(
      'BME-1001 (no disposition) keeps the recall open',
    );

    // The disposition is saved in place by htmx: the devices are redrawn, the page stays.
    const row = page.locator('#asset-BME-1001');
    await row.getByLabel('Disposition of BME-1001').selectOption({ label: 'Removed from service' });
    await row.getByLabel('Note', { exact: true }).fill('Tagged out; loaner from pool');
    await row.getByRole('button', { name: 'Save disposition' }).click();
    await expect.poll(() => page.locator('#asset-BME-1001').textContent()).toContain('Removed from service');
    await keepScreenshot(page, 'recall');

    await go('/recalls/Z-2101-2024');
    await move('Closed');
    expect(await state()).toContain('Closed');
    const timeline = await page.locator('#timeline').textContent();
    expect(timeline).toContain('moved the recall from action in progress to closed');
    expect(timeline).toContain('recorded the disposition of BME-1001: removed from service');
    await go('/?state=closed');
    expect(await page.locator('#inbox-results').textContent()).toContain('Z-2101-2024');
  });

  it('when a low-confidence candidate is confirmed, then the counts, the table and the workflow update in place', async () => {
    await go('/recalls/Z-2109-2024');
    let loads = 0;
    page.on('load', () => loads++);
    expect(await page.locator('#assets details.candidates > summary').textContent()).toContain(
      '1 low-confidence candidate',
    );
    expect(await page.locator('#case').textContent()).toContain('there is no case to work');
    await page.locator('#assets details.candidates > summary').click();
    await page.getByRole('button', { name: 'Confirm BME-1012' }).click();
    await expect
      .poll(() => page.locator('#recall-status').textContent())
      .toContain('BME-1012 confirmed: the recall applies to it. 1 device keeps the recall open.');
    expect(await page.locator('#assets details.candidates > summary').count()).toBe(0);
    expect(await page.locator('#assets caption').first().textContent()).toContain(
      'Matched assets, best evidence first: 1',
    );
    expect(await page.getByRole('button', { name: 'Update workflow' }).count()).toBe(1);
    expect(await page.locator('#case-hold').textContent()).toContain(
      'BME-1012 (no disposition) keeps the recall open',
    );
    expect(loads).toBe(0);
    page.removeAllListeners('load');
  });

  it('when FDA text holds markup, then pages show it as text and no script runs', async () => {
    await go('/');
    await go('/recalls/Z-2108-2024');
    expect(await page.locator('p.lead strong').textContent()).toBe(hostile);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await keepScreenshot(page, 'recall-with-hostile-text');
  });
});
