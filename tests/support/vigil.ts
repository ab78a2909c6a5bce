import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../src/db/client';
import type { Logger } from '../../src/log';
import { createOpenFdaClient, type OpenFdaClient } from '../../src/openfda/client';
import type { SyncDeps, SyncSettings } from '../../src/openfda/sync';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the system temp dir, removed when the test file ends. */
export function tempDir(prefix = 'vigil-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A real SQLite file, migrated, in a temp directory. */
export function openTestDb(): { db: Db; file: string; close(): void } {
  const file = path.join(tempDir(), 'vigil.db');
  const db = openDatabase(file);
  return { db, file, close: () => closeDatabase(db) };
}

/** A logger that keeps its lines, so tests can check what a run reported. */
export function captureLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { log: { info: keep('info'), warn: keep('warn'), error: keep('error') }, lines };
}

export function testSettings(overrides: Partial<SyncSettings> = {}): SyncSettings {
  return {
    pageSize: 1000,
    repullDays: 90,
    fullReconcileDays: 7,
    maude: { scope: 'all', years: 30, productCodes: [], manufacturers: [] },
    ...overrides,
  };
}

/** The real openFDA client pointed at a local server, with short waits so retry tests stay quick. */
export function testClient(
  baseUrl: string,
  options: { apiKey?: string; maxRetries?: number; timeoutMs?: number } = {},
) {
  return createOpenFdaClient({
    baseUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 6,
    requestsPerMinute: 240,
    retry: { baseDelayMs: 20, maxDelayMs: 2000 },
  });
}

export function syncDeps(
  db: Db,
  client: OpenFdaClient,
  settings: SyncSettings = testSettings(),
  log: Logger = captureLog().log,
): SyncDeps {
  return { db, client, now: () => new Date(), settings, log };
}

export { type CommandResult, runVigil, startVigil, waitFor } from './commands';
