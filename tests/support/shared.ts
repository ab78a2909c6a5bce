import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The real FDA corpus and the matching sets that sit beside the project as ../shared/data; absent
 * on a user's fresh clone. VIGIL_SHARED_DATA points elsewhere (CI points it at an empty folder
 * to prove that every test of the corpus skips cleanly without it).
 */
const sharedDataAsGiven = process.env.VIGIL_SHARED_DATA || '../shared/data';
export const sharedData = path.resolve(projectRoot, sharedDataAsGiven);
export const openFdaData = path.join(sharedData, 'openfda');
export const devSetDir = path.join(sharedData, 'matching/dev');
export const hasSharedData = fs.existsSync(path.join(openFdaData, 'device-recall.cfres.json.zip'));

/** Our own small fixtures in the openFDA shape. */
export const fixtureData = path.join(projectRoot, 'tests/fixtures/openfda');

/**
 * A describe block that needs files of the real corpus (paths relative to the shared data
 * folder; the recall corpus by default). Where one is absent the block is skipped with a message
 * saying why, and its body is never run, so nothing in it reads the corpus while tests are
 * being collected.
 */
export function describeWithRealData(
  name: string,
  body: () => void,
  needs: string[] = ['openfda/device-recall.cfres.json.zip'],
) {
  const missing = needs.filter((file) => !fs.existsSync(path.join(sharedData, file)));
  if (missing.length > 0) {
    describe(name, () => {
      it.skip(`skipped: ${missing.join(', ')} not found in ${sharedDataAsGiven} (the real FDA corpus is not beside this clone)`, () => {});
    });
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
