/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import { addDevice } from '../../src/incidents/devices';
import { decideIncident, openIncident } from '../../src/incidents/record';
import type { RunningServer } from '../../src/main';
import { importFiles } from '../../src/openfda/bulk/import';
import { classify, openCasesFrom } from '../support/recall-cases';
import { projectRoot } from '../support/shared';
import { captureLog, tempDir } from '../support/vigil';
import { testPassword } from '../support/web';
import {
  describeInBrowser,
  forbidDialogs,
  keepScreenshot,
  launch,
  signInAs,
  startVigilServer,
} from './browser';

const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';

/**
 * What a screen reader or keyboard user would miss on the page: fields without a label, images
 * without text, buttons without a name, and the landmarks every page should have.
 */
async function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const field of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
      const el = field as HTMLInputElement;
      const labelled =
        (el.labels && el.labels.length > 0) ||
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby');
      if (!labelled) problems.push(`unlabelled field ${el.outerHTML.slice(0, 80)}`);
    }
    for (const button of document.querySelectorAll('button')) {
      if (!button.textContent?.trim() && !button.getAttribute('aria-label'))
        problems.push('a button without a name');
    }
    for (const img of document.querySelectorAll('img:not([alt])'))
      problems.push(`image without alt ${img.outerHTML}`);
    for (const landmark of ['main', 'header', 'footer']) {
      if (!document.querySelector(landmark)) problems.push(`no <${landmark}> landmark`);
    }
    if (!document.querySelector('h1')) problems.push('no h1');
    if (!document.documentElement.lang) problems.push('no lang on <html>');
    return problems;
  });
}

describeInBrowser('the main pages in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      await openCasesFrom(db, () => new Date());
      classify(db, 'Z-2101-2024', 'Class I');
      await addUser(db, { name: 'Alex Admin', password: testPassword, role: 'admin' }, null, new Date());
      const by = { name: 'Alex Admin', userId: null };
      const at = new Date('2026-11-20T15:00:00Z');
      const { id } = openIncident(
        db,
        { title: 'Pump stopped', awareOn: '2026-11-20', outcome: 'death', description: hostile },
        by,
        at,
      );
      addDevice(db, id, 'BME-1001', by, at);
      decideIncident(db, id, { deviceMayHaveContributed: true, manufacturerKnown: true }, by, at);
      const maude = path.join(projectRoot, 'tests/fixtures/openfda/device-event.fixture.json');
      await importFiles({ db, now: () => new Date(), log: captureLog().log }, [maude]);
    });
    browser = await launch();
    page = await browser.newPage();
    forbidDialogs(page, dialogs);
    await signInAs(page, server, 'Alex Admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('when a CSV with a bad row and hostile text is imported, then the preview names the line and column, and the good rows land escaped', async () => {
    const csv = path.join(tempDir(), 'cmms-export.csv');
    fs.writeFileSync(
      csv,
      [
        'Asset #,Mfr,Model Number,S/N,UDI,Dept,Location',
        `BME-2001,Baxter,Spectrum IQ,SIQ77,,Med/Surg,${hostile}`,
        'BME-2002,Acme,M2,X1,(01)12345678901234,ICU,Bay 1',
      ].join('\n'),
    );
    await page.goto(`${server.url}/inventory/import`);
    await page.getByLabel(/CSV file/).setInputFiles(csv);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.waitForLoadState('load');
    const errors = await page.locator('table').filter({ hasText: 'UDI' }).last().textContent();
    expect(errors).toContain('3');
    expect(errors?.toLowerCase()).toContain('udi');
    await keepScreenshot(page, 'inventory-import-preview');
    // With rows in error, the import waits for its choice: shown disabled, and the form will not go.
    const importButton = page.getByRole('button', { name: /^Import/ });
    const waiting = () =>
      importButton.evaluate((b) => ({
        pointer: getComputedStyle(b).pointerEvents,
        valid: (b as HTMLButtonElement).form!.checkValidity(),
      }));
    expect(await waiting()).toEqual({ pointer: 'none', valid: false });
    await page.getByLabel(/Import only the/).check();
    expect(await waiting()).toEqual({ pointer: 'auto', valid: true });
    await page.getByRole('button', { name: /^Import/ }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Imported');

    await page.goto(`${server.url}/inventory/BME-2001`);
    expect(await page.locator('main').textContent()).toContain(hostile);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await keepScreenshot(page, 'asset');
  });

  it('when an export has headers and dates Vigil does not know, then choosing them on the preview imports it', async () => {
    await page.goto(`${server.url}/inventory/import`);
    await page
      .getByLabel(/CSV file/)
      .setInputFiles(path.join(projectRoot, 'tests/fixtures/inventory/european-export.csv'));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('alert').textContent()).toContain('no asset tag column');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Vigil column for INV Sistema').selectOption('asset_tag');
    await page.getByLabel('Vigil column for Fabricante').selectOption('manufacturer');
    await page.getByLabel('Vigil column for Modelo').selectOption('model');
    await page.getByLabel('Vigil column for Fecha alta').selectOption('acquired_on');
    await page.getByRole('button', { name: 'Check again with these choices' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('alert').textContent()).toContain('dates look day first');
    await page.getByLabel('Dates in the file are written').selectOption('dmy');
    await page.getByLabel('Vigil column for Nr seryjny').selectOption('serial_number');
    await page.getByRole('button', { name: 'Check again with these choices' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').textContent()).toContain('4 would be added');
    await keepScreenshot(page, 'inventory-import-choices');
    await page.getByRole('button', { name: /^Import 4 rows/ }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Imported european-export.csv',
    );
    await page.goto(`${server.url}/inventory/PL-0002`);
    const asset = await page.locator('main').textContent();
    expect(asset).toContain('DE71200150');
    expect(asset).toContain('2018-04-03');
  });

  it('when searching the inventory as one types, then the results narrow without a page load', async () => {
    await page.goto(`${server.url}/inventory`);
    await keepScreenshot(page, 'inventory');
    let loads = 0;
    page.on('load', () => loads++);
    const search = page
      .getByRole('searchbox')
      .or(page.getByLabel(/Search/))
      .first();
    await search.pressSequentially('MX450', { delay: 30 });
    await expect.poll(async () => page.locator('main table tbody tr').count()).toBe(2);
    expect(page.url()).toContain('MX450');
    expect(loads).toBe(0);
  });

  it('when each main page is opened, then it has labelled fields, landmarks and a heading, and a screenshot is kept', async () => {
    const pages: [string, string][] = [
      ['/', 'inbox'],
      ['/recalls/Z-2101-2024', 'recall'],
      ['/recalls', 'all-recalls'],
      ['/inventory', 'inventory'],
      ['/inventory/BME-1001', 'asset'],
      ['/inventory/import', 'inventory-import'],
      ['/sync', 'sync'],
      ['/reports/compliance', 'compliance-report'],
      ['/users', 'users'],
      ['/account', 'account'],
      ['/incidents', 'incidents'],
      ['/incidents/new', 'incident-new'],
      ['/incidents/1', 'incident-record'],
      ['/incidents/1/3500a', 'incident-3500a'],
      ['/incidents/1/report', 'incident-report'],
      ['/reports/3419?year=2026', 'form-3419'],
      ['/admin/facility', 'facility'],
      ['/events?manufacturer=Acme+Infusion+Systems&text=pump', 'maude-search'],
      ['/events/9000000', 'maude-report'],
    ];
    const problems: string[] = [];
    for (const [url, name] of pages) {
      const res = await page.goto(`${server.url}${url}`);
      expect(res?.status(), url).toBe(200);
      problems.push(...(await accessibilityProblems(page)).map((p) => `${url}: ${p}`));
      await keepScreenshot(page, name);
    }
    expect(problems).toEqual([]);
    expect(fs.readdirSync(path.join(projectRoot, 'tests/output/screenshots')).length).toBeGreaterThanOrEqual(
      pages.length,
    );
  });

  it('when only the keyboard is used, then the skip link leads straight to the content', async () => {
    await page.goto(`${server.url}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#main$/);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.closest('main') !== null);
    expect(focused).toBe(true);
    // The keyboard's place is drawn with the focus colour (5.5:1 on white; see the unit test).
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return [style.outlineStyle, style.outlineWidth, style.outlineColor];
    });
    expect(ring).toEqual(['solid', '3px', 'rgb(179, 71, 0)']);
  });
});
