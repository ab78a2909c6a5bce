import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { sourcesEnv, startFixtureSources } from '../support/fake-sources/fixtures';
import type { RunningFakeSources } from '../support/fake-sources/server';
import { cleanRun, killedRun, readStored, seeded } from '../support/kill-loop';
import { projectRoot } from '../support/shared';
import { tempDir } from '../support/vigil';

/**
 * The early sources killed at random moments (SIGKILL: nothing runs after it) and run again, as
 * cron would: the notices, what their pages added, the matches, the links and the one case per
 * event must equal what a run with no kill stored.
 */

const fixtures = path.join(projectRoot, 'tests/fixtures/sources');
let sources: RunningFakeSources;
let openFda: RunningFakeOpenFda;

beforeAll(async () => {
  sources = await startFixtureSources();
  openFda = await startFakeOpenFda({ dataDir: path.join(fixtures, 'openfda') });
});
afterAll(async () => {
  await sources.close();
  await openFda.close();
});

describe('early sources after faults', () => {
  it('when source syncs are killed at random moments and run again, then what is stored equals a clean run', async () => {
    const env = {
      ...sourcesEnv(sources.url),
      OPENFDA_BASE_URL: openFda.url,
      // A pause between pages, so that kills land while a source's pages are read.
      VIGIL_SOURCE_REQUESTS_PER_MINUTE: '600',
    };
    const steps = [
      ['inventory', 'import', path.join(fixtures, 'inventory.csv')],
      ['sync', '--feed', 'health-canada'],
      ['sync', '--feed', 'fda-rss'],
      ['sync', '--feed', 'mhra'],
      ['sync', '--feed', 'recall'],
    ];
    const reference = await cleanRun(steps, env, tempDir());
    const clean = readStored(reference.file);
    expect(clean.notices.length).toBeGreaterThan(8);
    expect(clean.links.length).toBeGreaterThan(0);
    expect(clean.cases.length).toBeGreaterThan(0);
    const seed = Number(process.env.VIGIL_KILL_SEED ?? Date.now() % 100_000);
    const random = seeded(seed);
    for (let trial = 0; trial < 2; trial++) {
      const { file, kills } = await killedRun(steps, env, random, reference.stepMs, tempDir());
      expect({ seed, kills, stored: readStored(file) }).toEqual({ seed, kills, stored: clean });
    }
  }, 300_000);
});
