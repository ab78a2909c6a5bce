import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../../src/main';
import { describeInBrowser, technicianInBrowser } from './browser';

/**
 * Each final way a device leaves a recall, worked through the recall page as a technician does
 * it: first "affected" (the work is still to do, so the case stays open, and the page says so at
 * once), then the final disposition or a dismissal with its reason, then closing.
 */
describeInBrowser('closing recalls through every final disposition in a real browser', () => {
  let server: RunningServer;
  let page: Page;
  let dialogs: string[];
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, page, dialogs, close } = await technicianInBrowser());
  });
  afterAll(() => close?.());

  const closeCase = async () => {
    await page.getByLabel('Move to').selectOption({ label: 'Closed' });
    await page.getByRole('button', { name: 'Update workflow' }).click();
    await page.waitForLoadState('load');
  };
  const caseState = () => page.locator('#case dd').first().textContent();
  const status = () => page.locator('#recall-status').textContent();

  /** Records "affected" in place and checks that the page, without a reload, says the case is held. */
  async function affectedFirst(recall: string, tag: string) {
    await page.goto(`${server.url}/recalls/${recall}`);
    let loads = 0;
    page.on('load', () => loads++);
    const row = page.locator(`#asset-${tag}`);
    await row.getByLabel(`Disposition of ${tag}`).selectOption({ label: 'Affected' });
    await row.getByRole('button', { name: 'Save disposition' }).click();
    await expect.poll(status).toContain(`Disposition of ${tag}: affected. 1 device keeps the recall open.`);
    expect(await page.locator('#case-hold').textContent()).toContain(
      `${tag} (affected) keeps the recall open`,
    );
    expect(loads).toBe(0);
    page.removeAllListeners('load');
    await closeCase();
    expect(await page.getByRole('alert').first().textContent()).toContain(
      `${tag} (affected) keeps the recall open`,
    );
    expect(await caseState()).not.toContain('Closed');
  }

  it.each([
    ['Z-2102-2024', 'BME-1003', 'Not affected'],
    ['Z-2104-2024', 'BME-1006', 'Removed from service'],
    ['Z-2105-2024', 'BME-1007', 'Corrected'],
    ['Z-2108-2024', 'BME-1010', 'Returned to vendor'],
  ])(
    'when %s is worked on %s to "%s", then the page says it can close, and it closes',
    async (recall, tag, final) => {
      await affectedFirst(recall, tag);
      const row = page.locator(`#asset-${tag}`);
      await row.getByLabel(`Disposition of ${tag}`).selectOption({ label: final });
      await row.getByRole('button', { name: 'Save disposition' }).click();
      await expect.poll(status).toContain('Every device has a final disposition: the recall can be closed.');
      expect(await page.locator('#case-hold').count()).toBe(0);
      await closeCase();
      expect(await caseState()).toContain('Closed');
      expect(await page.locator('#timeline').textContent()).toContain(
        `changed the disposition of ${tag}: ${final.toLowerCase()}`,
      );
    },
  );

  it('when the device turns out not to be this one, then a reason is asked, it is listed as dismissed, and the case closes', async () => {
    await affectedFirst('Z-2101-2024', 'BME-1001');
    const row = page.locator('#asset-BME-1001');
    await row.getByText('Not this device…').click();
    // Without a reason the browser will not send the form.
    await row.getByRole('button', { name: 'Dismiss BME-1001' }).click();
    expect(await page.locator('#dismissed').count()).toBe(0);
    await row.getByLabel('Why the recall does not apply to BME-1001').selectOption({ label: 'Other' });
    await row.getByRole('button', { name: 'Dismiss BME-1001' }).click();
    await expect
      .poll(() => page.locator('#asset-BME-1001 [role="alert"]').textContent())
      .toContain('For "other", write the reason in the note.');
    await page
      .locator('#asset-BME-1001')
      .getByLabel('Why the recall does not apply to BME-1001')
      .selectOption({ label: 'Not ours' });
    await page
      .locator('#asset-BME-1001')
      .getByLabel('Note (needed for "other")')
      .fill('rental, returned in May');
    await page.locator('#asset-BME-1001').getByRole('button', { name: 'Dismiss BME-1001' }).click();
    await expect
      .poll(() => page.locator('#dismissed').textContent())
      .toContain('Not ours: rental, returned in May');
    expect(await page.locator('#asset-BME-1001').count()).toBe(0);
    expect(await status()).toContain('BME-1001 dismissed: the recall does not apply to it.');
    expect(await page.locator('#case-hold').count()).toBe(0);
    await closeCase();
    expect(await caseState()).toContain('Closed');
    expect(await page.locator('#dismissed').textContent()).toContain('Pat Tech');
    expect(dialogs).toEqual([]);
  });
});
