import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import { openIncident } from '../../src/incidents/record';
import type { RunningServer } from '../../src/main';
import { testPassword } from '../support/web';
import { describeInBrowser, launch, signInAs, startVigilServer } from './browser';

/**
 * Minimum necessary, as a person sees it: the same incident, opened by a technician and by a
 * viewer in Chromium; only the technician's page has the patient section.
 */
describeInBrowser('who sees the patient section, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let incidentPath = '';

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      const at = new Date('2026-11-20T15:00:00.000Z');
      await addUser(db, { name: 'Pat Tech', password: testPassword, role: 'technician' }, null, at);
      await addUser(db, { name: 'Val Viewer', password: testPassword, role: 'viewer' }, null, at);
      const { id } = openIncident(
        db,
        {
          title: 'Pump stopped',
          awareOn: '2026-11-20',
          outcome: 'malfunction',
          description: 'Pt name: jane doe. Alaris PC Unit 8015 stopped mid-infusion.',
          patientIdentifier: 'PT-2026-0001',
          patientAge: '71 years',
          patientHistory: 'Type 2 diabetes.',
        },
        { name: 'Pat Tech', userId: null },
        at,
      );
      incidentPath = `/incidents/${id}`;
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The incident page as `name` sees it, in a fresh browser context (its own cookies). */
  async function incidentAs(name: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, server, name);
    await page.goto(`${server.url}${incidentPath}`);
    return { page, close: () => context.close() };
  }

  it('when a technician opens the incident, then the patient section is shown with the coded identifier', async () => {
    const { page, close } = await incidentAs('Pat Tech');
    const patient = page.getByRole('region', { name: 'Patient', exact: true });
    await expect(patient.isVisible()).resolves.toBe(true);
    expect(await patient.innerText()).toContain('PT-2026-0001');
    expect(await patient.innerText()).toContain('Type 2 diabetes.');
    await close();
  });

  it('when a viewer opens the same incident, then there is no patient section and the narrative withholds the name', async () => {
    const { page, close } = await incidentAs('Val Viewer');
    await expect(page.getByRole('heading', { name: /^INC-2026-0001/ }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('region', { name: 'Patient', exact: true }).count()).toBe(0);
    const body = await page.locator('main').innerText();
    expect(body).not.toContain('PT-2026-0001');
    expect(body).not.toContain('Type 2 diabetes');
    expect(body.toLowerCase()).not.toContain('jane doe');
    expect(body).toContain('Alaris PC Unit 8015');
    await close();
  });
});
