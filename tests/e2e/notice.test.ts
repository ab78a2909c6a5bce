import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import type { RunningServer } from '../../src/main';
import { countedHands, falseMatch, seedTypicalNotice, typicalNotice } from '../support/typical-notice';
import { testPassword } from '../support/web';
import {
  describeInBrowser,
  forbidDialogs,
  keepScreenshot,
  launch,
  signInAs,
  startVigilServer,
} from './browser';

describeInBrowser('a notice in under a minute, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      await seedTypicalNotice(db);
      await addUser(db, { name: 'Pat Tech', password: testPassword, role: 'technician' }, null, new Date());
    });
    browser = await launch();
    page = await browser.newPage();
    forbidDialogs(page, dialogs);
    await signInAs(page, server, 'Pat Tech');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const status = () => page.locator('#recall-status').textContent();

  it('when a technician clears a typical notice (3 matched devices, 1 false) from the inbox, then it takes at most 8 interactions and 1 page load', async () => {
    const hands = countedHands(page);
    await hands.click(page.getByRole('link', { name: typicalNotice }));
    await page.waitForURL(new RegExp(`/recalls/${typicalNotice}`));
    // Decision first: the FDA's reason and action are in the summary at the top.
    expect(await page.locator('#summary').textContent()).toContain('restart with its alarms paused');
    expect(await page.locator('#summary').textContent()).toContain('install a corrected software release');

    const row = page.locator(`#asset-${falseMatch}`);
    await hands.click(row.getByText('Not this device…'));
    await hands.select(
      row.getByLabel(`Why the recall does not apply to ${falseMatch}`),
      'Different lot or serial number',
    );
    await hands.click(row.getByRole('button', { name: `Dismiss ${falseMatch}` }));
    await expect.poll(status).toContain(`${falseMatch} dismissed`);

    await hands.click(page.getByRole('button', { name: /Confirm all high-confidence/ }));
    await expect.poll(status).toContain('BME-1004, BME-1013 confirmed');

    await hands.select(page.getByLabel('Disposition for several devices'), 'Corrected');
    await hands.click(page.getByRole('button', { name: 'Record for all 2 devices not yet finished' }));
    await expect.poll(status).toContain('the recall can be closed');

    await hands.click(page.getByRole('button', { name: /Close the recall/ }));
    await expect.poll(status).toContain('The recall is closed.');
    expect(await page.locator('#case dd').first().textContent()).toContain('Closed');
    await keepScreenshot(page, 'notice-cleared');

    console.info(
      `clearing a typical notice: ${hands.counts.interactions} interactions, ${hands.counts.loads} page loads`,
    );
    expect(hands.counts.interactions).toBeLessThanOrEqual(8);
    expect(hands.counts.loads).toBeLessThanOrEqual(1);

    // The first decision took the case up: acknowledged and assigned to the technician, audited;
    // the timeline was redrawn with each change.
    const timeline = await page.locator('#timeline').textContent();
    expect(timeline).toContain('Pat Tech');
    expect(timeline).toContain('assigned the recall to Pat Tech');
    expect(dialogs).toEqual([]);
  });

  it('when keys are pressed on a recall, then j/k move between devices, c confirms and d asks why before dismissing', async () => {
    await page.goto(`${server.url}/recalls/Z-2102-2024`);
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('asset-BME-1003');
    await page.keyboard.press('c');
    await expect.poll(status).toContain('BME-1003 confirmed');
    // The redrawn row keeps the focus, so the next key acts on the same device.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('asset-BME-1003');
    await page.keyboard.press('d');
    const reason = page.getByLabel('Why the recall does not apply to BME-1003');
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
    // A key typed into the reason is the field's: it neither moves nor confirms.
    await page.keyboard.press('k');
    expect(await page.locator('#asset-BME-1003 details.dismiss').getAttribute('open')).not.toBeNull();
    expect(dialogs).toEqual([]);
  });

  it('when devices are ticked and one disposition recorded for them, then only they get it, in place', async () => {
    await page.goto(`${server.url}/recalls/Z-2101-2024`);
    let loads = 0;
    page.on('load', () => loads++);
    await page.getByLabel('Select BME-1001').check();
    await page.getByLabel('Disposition for several devices').selectOption({ label: 'Removed from service' });
    await page.getByRole('button', { name: 'Record for the ticked devices' }).click();
    await expect.poll(status).toContain('Disposition of 1 device: removed from service.');
    expect(await page.locator('#asset-BME-1001').textContent()).toContain('Removed from service');
    expect(loads).toBe(0);
    page.removeAllListeners('load');
  });
});
