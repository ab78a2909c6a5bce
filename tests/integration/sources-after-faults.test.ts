import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { type RunningFakeSources, startFakeSources } from '../support/fake-sources/server';
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
  sources = await startFakeSources({
    healthCanadaFile: path.join(fixtures, 'health-canada.json'),
    healthCanadaPages: path.join(fixtures, 'health-canada-pages'),
    rssFile: path.join(fixtures, 'fda-rss.xml'),
    alertPages: path.join(fixtures, 'fda-alert-pages'),
    mhraSearch: path.join(fixtures, 'mhra-search.json'),
    mhraContent: path.join(fixtures, 'mhra-content'),
  });
  openFda = await startFakeOpenFda({ dataDir: path.join(fixtures, 'openfda') });
});
afterAll(async () => {
  await sources.close();
  await openFda.close();
});

describe('early sources after faults', () => {
  it('when source syncs are killed at random moments and run again, then what is stored equals a clean run', async () => {
    const env = {
      VIGIL_SOURCES: 'health-canada,fda-rss,mhra',
      VIGIL_HEALTH_CANADA_URL: sources.url,
      VIGIL_FDA_URL: sources.url,
      VIGIL_GOVUK_URL: sources.url,
      OPENFDA_BASE_URL: openFda.url,
      VIGIL_EARLY_DAYS: '3650',
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
