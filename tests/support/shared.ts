import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real FDA corpus that sits beside the project; absent on a user's fresh clone. */
export const sharedData = path.resolve(projectRoot, '../shared/data');
export const openFdaData = path.join(sharedData, 'openfda');
export const hasSharedData = fs.existsSync(path.join(openFdaData, 'device-recall.cfres.json.zip'));

/** Our own small fixtures in the openFDA shape. */
export const fixtureData = path.join(projectRoot, 'tests/fixtures/openfda');

/**
 * A describe block that needs the real corpus: skipped, with a message saying why, where
 * ../shared is absent.
 */
export function describeWithRealData(name: string, body: () => void) {
  if (!hasSharedData) {
    describe.skip(
      `${name} (skipped: ../shared/data/openfda is not beside this clone; these tests read the real FDA corpus)`,
      body,
    );
    return;
  }
  describe(name, body);
}

export function readEnvelope(file: string): {
  meta: Record<string, unknown>;
  results: Record<string, unknown>[];
} {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
