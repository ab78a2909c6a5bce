import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { loadConfig } from '../../src/config';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { type RunningServer, startServer } from '../../src/main';
import { projectRoot } from '../support/shared';
import { captureLog, tempDir } from '../support/vigil';

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
