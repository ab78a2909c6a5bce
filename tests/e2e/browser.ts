import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { addUser } from '../../src/auth/users';
import { loadConfig } from '../../src/config';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { type RunningServer, startServer } from '../../src/main';
import { openCasesFrom } from '../support/recall-cases';
import { projectRoot } from '../support/shared';
import { captureLog, tempDir } from '../support/vigil';
import { testPassword } from '../support/web';

/** Debian's Chromium; the e2e tests skip, saying so, where it is not installed. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(chromiumPath);

export function describeInBrowser(name: string, body: () => void) {
  if (hasChromium) describe(name, body);
  else {
    console.warn(
      `browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
    describe.skip(
      `${name} (skipped: no Chromium at ${chromiumPath}; install Debian's chromium package or set CHROMIUM_PATH)`,
      body,
    );
  }
}

export const screenshots = path.join(projectRoot, 'tests/output/screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // Nothing but this machine: a page that tried to load anything from elsewhere would fail.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

/**
 * The real server (composition root, scheduler off, no sync on start) on a database the test
 * fills first.
 */
export async function startVigilServer(
  seed: (db: ReturnType<typeof openDatabase>) => Promise<void>,
): Promise<RunningServer> {
  const dir = tempDir('vigil-e2e-');
  const file = path.join(dir, 'vigil.db');
  const db = openDatabase(file);
  await seed(db);
  closeDatabase(db);
  const config = loadConfig({
    VIGIL_DB: file,
    VIGIL_SYNC_SCHEDULE: 'off',
    VIGIL_SYNC_ON_START: 'false',
    VIGIL_EVIDENCE_DIR: path.join(dir, 'evidence'),
    OPENFDA_BASE_URL: 'http://127.0.0.1:9',
  });
  return startServer({ ...config, port: 0 }, captureLog().log);
}

/** Keeps a full-page screenshot of what the page shows now. */
export async function keepScreenshot(page: Page, name: string) {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

/** Fails the test if any script runs a dialog: hostile text must never execute. */
export function forbidDialogs(page: Page, fired: string[]) {
  page.on('dialog', async (d) => {
    fired.push(d.message());
    await d.dismiss();
  });
}

/** Signs in through the sign-in page, as a person would, and waits for the inbox. */
export async function signInAs(page: Page, server: RunningServer, name: string, password = testPassword) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.url}/`);
}

/**
 * The real server on the matching fixtures (cases opened) and one technician, with a browser
 * page signed in as them; dialogs are collected, since hostile text must never run one.
 */
export async function technicianInBrowser(name = 'Pat Tech') {
  const server = await startVigilServer(async (db) => {
    await openCasesFrom(db, () => new Date());
    await addUser(db, { name, password: testPassword, role: 'technician' }, null, new Date());
  });
  const browser = await launch();
  const page = await browser.newPage();
  const dialogs: string[] = [];
  forbidDialogs(page, dialogs);
  await signInAs(page, server, name);
  return {
    server,
    page,
    dialogs,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
