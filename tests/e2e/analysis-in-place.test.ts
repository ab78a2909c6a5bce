/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import { addAnalysis } from '../../src/incidents/analysis';
import { openIncident } from '../../src/incidents/record';
import type { RunningServer } from '../../src/main';
import { testPassword } from '../support/web';
import {
  describeInBrowser,
  forbidDialogs,
  keepScreenshot,
  launch,
  signInAs,
  startVigilServer,
} from './browser';

const hostile = '<img src=x onerror=alert(1)>';

describeInBrowser('the root-cause analysis, edited in place in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      await addUser(db, { name: 'Pat Tech', password: testPassword, role: 'technician' }, null, new Date());
      const by = { name: 'Pat Tech', userId: null };
      const at = new Date('2026-11-20T15:00:00Z');
      const { id } = openIncident(
        db,
        { title: 'Pump free-flow', awareOn: '2026-11-20', outcome: 'serious_injury' },
        by,
        at,
      );
      addAnalysis(db, id, { kind: 'why', text: 'The clamp was open' }, by, at);
      addAnalysis(db, id, { kind: 'factor', category: 'equipment', text: 'No anti-free-flow clip' }, by, at);
      addAnalysis(
        db,
        id,
        { kind: 'factor', category: 'people', text: 'Agency nurse new to the ward' },
        by,
        at,
      );
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signedInPage = async (javaScriptEnabled: boolean): Promise<Page> => {
    const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
    forbidDialogs(page, dialogs);
    await signInAs(page, server, 'Pat Tech');
    return page;
  };

  it('when a why is edited and a factor deleted, then each happens in place without a page load, and the fishbone follows', async () => {
    const page = await signedInPage(true);
    await page.goto(`${server.url}/incidents/1`);
    let loads = 0;
    page.on('load', () => loads++);
    const analysis = page.locator('#analysis');

    await analysis.getByRole('link', { name: 'Edit "The clamp was open"' }).click();
    // The entry's own form, not the form that adds an entry.
    const text = analysis.locator('li textarea[name="text"]');
    await expect.poll(() => text.evaluate((el) => el === document.activeElement)).toBe(true);
    await text.fill(`The roller clamp was open ${hostile}`);
    await analysis.getByRole('button', { name: 'Save', exact: true }).click();
    await analysis.getByText('The roller clamp was open').waitFor();

    await analysis.getByRole('button', { name: 'Delete "Agency nurse new to the ward"' }).click();
    await expect.poll(() => page.locator('svg.fishbone').textContent()).not.toContain('Agency nurse');
    expect(await page.locator('svg.fishbone').textContent()).toContain('No anti-free-flow clip');

    // A refused save comes back in place, with the reason and the entry's form still open.
    await analysis.getByRole('link', { name: 'Edit "No anti-free-flow clip"' }).click();
    await text.fill('');
    await text.evaluate((el) => el.removeAttribute('required'));
    await analysis.getByRole('button', { name: 'Save', exact: true }).click();
    await analysis.getByRole('alert').waitFor();
    expect(await analysis.getByRole('alert').textContent()).toContain('Write the entry first');

    expect(loads).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await keepScreenshot(page, 'incident-analysis-in-place');
  });

  it('when script is off, then Edit opens the form on the page and Save posts it as a plain form', async () => {
    const page = await signedInPage(false);
    await page.goto(`${server.url}/incidents/1`);
    await page.locator('#analysis').getByRole('link', { name: 'Edit "No anti-free-flow clip"' }).click();
    await page.waitForURL(/\?edit=entry:\d+#entry-\d+$/);
    await page.locator('#analysis li textarea[name="text"]').fill('No anti-free-flow clip on this set');
    await page.locator('#analysis').getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/incidents\/1#analysis$/);
    expect(await page.locator('#analysis').textContent()).toContain('No anti-free-flow clip on this set');
  });
});
