import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import type { RunningServer } from '../../src/main';
import { openCasesFrom } from '../support/recall-cases';
import { testPassword } from '../support/web';
import {
  describeInBrowser,
  forbidDialogs,
  keepScreenshot,
  launch,
  signInAs,
  startVigilServer,
} from './browser';

describeInBrowser('the baseline screen in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      await openCasesFrom(db, () => new Date());
      db.run(sql`UPDATE recalls SET recall_status = 'Terminated', event_date_terminated = '2024-09-01'
        WHERE product_res_number = 'Z-2103-2024'`);
      await addUser(db, { name: 'Alex Admin', password: testPassword, role: 'admin' }, null, new Date());
    });
    browser = await launch();
    page = await browser.newPage();
    forbidDialogs(page, dialogs);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when an admin follows the proposal, picks a day and applies, then the counts shown first are what it files, and undo brings the cases back', async () => {
    await signInAs(page, server, 'Alex Admin');
    const cases = async () => (await page.locator('#inbox-results tbody tr').count()) as number;
    const before = await cases();
    await page.getByRole('link', { name: 'Review a baseline' }).click();
    await page.waitForURL(/\/baseline$/);
    // Choosing a day counts again in place (htmx), before anything is written.
    await page.getByLabel('Also file recalls posted before').fill('2024-03-10');
    await page.getByLabel('Also file recalls posted before').dispatchEvent('change');
    await expect.poll(() => page.locator('[data-count="before"]').textContent()).toBe('2 cases');
    expect(await page.locator('[data-count="terminated"]').textContent()).toBe('1 case');
    const stays = await page.locator('[data-count="stays"]').textContent();
    await keepScreenshot(page, 'baseline');
    await page.getByRole('button', { name: 'File 3 cases as history' }).click();
    await page.waitForURL(/\/baseline$/);
    expect(await page.locator('#baselines-title').textContent()).toBe('Baselines applied');

    await page.goto(`${server.url}/`);
    expect(`${await cases()} cases`).toBe(stays);
    expect(await page.getByRole('link', { name: /Before Vigil: 3/ }).count()).toBe(1);

    await page.goto(`${server.url}/baseline`);
    await page.getByRole('button', { name: 'Undo: put its cases back in the inbox' }).click();
    await page.waitForURL(/\/baseline$/);
    await page.goto(`${server.url}/`);
    expect(await cases()).toBe(before);
    expect(dialogs).toEqual([]);
  });
});
