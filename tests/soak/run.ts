/**
 * `npm run soak [-- trials]`: the kill -9 loop of tests/integration/matching-after-faults.test.ts
 * run for longer (25 trials by default). Each trial runs every step on a new database, kills it
 * at a random moment, runs it again, and compares what is stored with a clean run. With the real
 * corpus beside the project, the bulk recall file (31,960 recalls) is imported too, so kills land
 * inside a long import and a long match. Exits 1 on the first difference, printing the seed and
 * the kills that led to it (VIGIL_KILL_SEED=<seed> runs that trial again).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { startFakeOpenFda } from '../support/fake-openfda/server';
import { cleanRun, killedRun, readStored, type Step, type Stored, seeded } from '../support/kill-loop';
import { fixtureData, hasSharedData, openFdaData, projectRoot } from '../support/shared';

const trials = Number(process.argv[2] ?? 25);
const matching = (name: string) => path.join(projectRoot, 'tests/fixtures/matching', name);

const fake = await startFakeOpenFda({ dataDir: fixtureData });
const env = { OPENFDA_BASE_URL: fake.url, OPENFDA_PAGE_SIZE: '8', OPENFDA_REQUESTS_PER_MINUTE: '240' };
const steps: Step[] = [
  ['inventory', 'import', matching('inventory.csv')],
  ['sync', '--feed', 'recall'],
  ['sync', '--feed', 'enforcement'],
  ['import', matching('recalls.json')],
  ...(hasSharedData ? [['import', path.join(openFdaData, 'device-recall.cfres.json.zip')]] : []),
  ['match', '--full'],
  ['import', matching('recalls-later.json')],
];
if (!hasSharedData)
  console.log('The real corpus is not beside the project: the soak runs on our fixtures only.');

const summary = (stored: Stored) =>
  Object.entries(stored)
    .map(([name, rows]) => `${name} ${rows.length}`)
    .join(', ');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-soak-'));
const newDir = () => fs.mkdtempSync(path.join(scratch, 'trial-'));
try {
  const reference = await cleanRun(steps, env, newDir());
  const clean = readStored(reference.file);
  console.log(`clean run: ${summary(clean)}`);
  let kills = 0;
  for (let trial = 1; trial <= trials; trial++) {
    const seed = Number(process.env.VIGIL_KILL_SEED ?? Math.floor(Math.random() * 1e9));
    const run = await killedRun(steps, env, seeded(seed), reference.stepMs, newDir());
    kills += run.kills.length;
    const stored = readStored(run.file);
    if (!isDeepStrictEqual(stored, clean)) {
      console.log(`trial ${trial} (seed ${seed}) differs from the clean run after: ${run.kills.join('; ')}`);
      console.log(`stored: ${summary(stored)}`);
      process.exitCode = 1;
      break;
    }
    console.log(
      `trial ${trial} (seed ${seed}): same as the clean run after ${run.kills.length} kills: ${run.kills.join('; ')}`,
    );
  }
  if (!process.exitCode)
    console.log(`${trials} trials, ${kills} kills: every one stored what the clean run stored`);
} finally {
  await fake.close();
  fs.rmSync(scratch, { recursive: true, force: true });
}
