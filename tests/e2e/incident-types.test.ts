import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../src/main';
import { describeInBrowser, technicianInBrowser } from './browser';

/**
 * An incident of every event type recorded through the real form, as a person fills it: only
 * what they know, everything else left empty as the browser sends it; then corrected.
 */
describeInBrowser('recording an incident of each event type in a real browser', () => {
  let server: RunningServer;
  let page: Page;
  let dialogs: string[];
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, page, dialogs, close } = await technicianInBrowser());
  });
  afterAll(() => close?.());

  it.each([
    ['Death', []],
    ['Serious injury', ['Hospitalization (initial or prolonged)']],
    ['Malfunction', []],
    ['Near miss', []],
    ['Use error', []],
  ] as const)(
    'when a %s is recorded with the aware date as filled in, then it opens, and it can be corrected',
    async (type, outcomes) => {
      await page.goto(`${server.url}/incidents/new`);
      await page.getByLabel('Short title').fill(`${type} on 4 North`);
      await page.getByLabel('Event type', { exact: true }).selectOption({ label: type });
      for (const outcome of outcomes) await page.getByLabel(outcome).check();
      await page.getByRole('button', { name: 'Record the incident' }).click();
      await page.waitForURL(/\/incidents\/\d+$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(`${type} on 4 North`);
      expect(await page.locator('body').textContent()).not.toContain('Something went wrong');

      await page.getByText('Correct or complete the record').click();
      await page.getByLabel('Location (unit, room)').fill('4 North, room 12');
      await page.getByRole('button', { name: 'Save the record' }).click();
      await page.waitForURL(/#record$/);
      expect(await page.locator('#record dl.record').first().textContent()).toContain('4 North, room 12');
    },
  );

  it('when a date of death is given for a malfunction, then the form says why it is refused and keeps what was typed', async () => {
    await page.goto(`${server.url}/incidents/new`);
    await page.getByLabel('Short title').fill('Alarm silent');
    await page.getByLabel('Event type', { exact: true }).selectOption({ label: 'Malfunction' });
    await page.getByLabel('Date of death (if the event type is death)').fill('2026-11-20');
    await page.getByRole('button', { name: 'Record the incident' }).click();
    expect(await page.getByRole('alert').first().textContent()).toContain(
      'a date of death is recorded only when the event type is death',
    );
    expect(await page.getByLabel('Short title').inputValue()).toBe('Alarm silent');
    expect(dialogs).toEqual([]);
  });
});
