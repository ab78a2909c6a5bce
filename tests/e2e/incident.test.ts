import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import { setFacility } from '../../src/incidents/facility';
import type { RunningServer } from '../../src/main';
import { drawnText } from '../support/pdf-text';
import { openCasesFrom } from '../support/recall-cases';
import { testPassword } from '../support/web';
import { describeInBrowser, forbidDialogs, keepScreenshot, launch, startVigilServer } from './browser';

const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';

describeInBrowser('investigating a device-related death in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      await openCasesFrom(db, () => new Date());
      await addUser(db, { name: 'Pat Tech', password: testPassword, role: 'technician' }, null, new Date());
      setFacility(
        db,
        {
          name: 'General Hospital',
          city: 'Springfield',
          state: 'IL',
          number: '1234567',
          contactName: 'Chris Lead',
          phone: '555-0100',
        },
        { name: 'admin', userId: null },
        new Date(),
      );
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

  it('when a technician records a death with the pump involved, then the incident opens with its record', async () => {
    await go('/login');
    await page.getByLabel('User name').fill('Pat Tech');
    await page.getByLabel('Password').fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('link', { name: 'Record an incident' }).click();
    await page.getByLabel('Short title').fill(`Pump stopped ${hostile}`);
    await page.getByLabel('Event date and time').fill('2026-11-19T22:40');
    await page.getByLabel('Date the facility became aware').fill('2026-11-20');
    await page.getByLabel('Event type', { exact: true }).selectOption('death');
    await page.getByLabel('Location (unit, room)').fill('ICU Bay 4');
    await page.getByLabel('Description of the event').fill('Infusion stopped; no occlusion alarm sounded.');
    await page.getByLabel('Date of death (if the event type is death)').fill('2026-11-20');
    await page.getByLabel('Patient identifier').fill('PT-0042');
    await page.getByLabel('Age', { exact: true }).fill('71 years');
    await page.getByLabel('Sex', { exact: true }).selectOption('female');
    await page.getByRole('button', { name: 'Record the incident' }).click();
    await page.waitForURL(/\/incidents\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(`Pump stopped ${hostile}`);
    // The device is found as one types, by the inventory's own search, whatever the case.
    await page.getByLabel('Add a device: asset tag, serial number or model').pressSequentially('bme-100');
    await page.getByRole('button', { name: 'Add BME-1001' }).click();
    await page.waitForURL(/#devices$/);
    await page.getByLabel('Kept where').fill('Biomed cage 2');
    await page.getByRole('button', { name: 'Sequester BME-1001' }).click();
    await page.waitForURL(/#devices$/);
    expect(await page.locator('#devices').textContent()).toContain('Sequestered since');
  });

  it('when reportability is decided, then the page says who must be told and shows the 10-work-day deadline', async () => {
    await page.getByRole('radio', { name: 'Yes, or it may have' }).check();
    await page
      .getByRole('group', { name: "Is the device's manufacturer known?" })
      .getByRole('radio', { name: 'Yes' })
      .check();
    await page.getByRole('button', { name: 'Decide' }).click();
    await page.waitForURL(/#reportability$/);
    const section = (await page.locator('#reportability').textContent()) ?? '';
    expect(section).toContain('Reportable: MedWatch 3500A to the FDA and the manufacturer');
    // Aware Friday 20 November 2026; Thanksgiving (26 November) is skipped.
    expect(section).toContain('2026-12-07');
    expect(section).toContain('803.30(a)(1)');
    await keepScreenshot(page, 'incident');
    await go('/');
    expect(await page.locator('#mdr-due').textContent()).toContain('due 2026-12-07');
  });

  it('when the 3500A draft is opened and its PDF downloaded, then their fields come from the record', async () => {
    await page
      .getByRole('link', { name: /INC-\d{4}-\d{4}/ })
      .first()
      .click();
    await page.getByRole('link', { name: 'MedWatch 3500A draft' }).click();
    const draft = (await page.locator('main').textContent()) ?? '';
    for (const value of [
      'PT-0042',
      '71 years',
      'Infusion stopped; no occlusion alarm sounded.',
      '20-Nov-2026',
      'General Hospital',
    ])
      expect(draft).toContain(value);
    await keepScreenshot(page, 'medwatch-3500a');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /PDF/ }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^INC-\d{4}-\d{4}-3500A-draft\.pdf$/);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = drawnText(pdf).join('\n');
    for (const value of [
      'PT-0042',
      '71 years',
      'Death (20-Nov-2026)',
      '19-Nov-2026',
      '20-Nov-2026',
      'Infusion stopped; no occlusion alarm sounded.',
    ])
      expect(text).toContain(value);
    expect(text).toMatch(/Asset tag BME-1001/);
    expect(dialogs).toEqual([]);
  });
});
