import path from 'node:path';
import { projectRoot } from '../shared';
import { type FakeSourcesOptions, type RunningFakeSources, startFakeSources } from './server';

/** Our own fixtures in each early source's format, and the openFDA recalls of their events. */
export const sourceFixtures = path.join(projectRoot, 'tests/fixtures/sources');
export const counterpartFixtures = path.join(sourceFixtures, 'openfda');

/** The fake sources serving our fixtures; `overrides` swaps a file (a Health Canada file of a test's own). */
export function startFixtureSources(
  overrides: Partial<FakeSourcesOptions> = {},
): Promise<RunningFakeSources> {
  return startFakeSources({
    healthCanadaFile: path.join(sourceFixtures, 'health-canada.json'),
    healthCanadaPages: path.join(sourceFixtures, 'health-canada-pages'),
    rssFile: path.join(sourceFixtures, 'fda-rss.xml'),
    alertPages: path.join(sourceFixtures, 'fda-alert-pages'),
    mhraSearch: path.join(sourceFixtures, 'mhra-search.json'),
    mhraContent: path.join(sourceFixtures, 'mhra-content'),
    ...overrides,
  });
}

/** The environment that points a `vigil` command at the fake sources, quickly and far back enough. */
export const sourcesEnv = (url: string, sources = 'health-canada,fda-rss,mhra') => ({
  VIGIL_SOURCES: sources,
  VIGIL_HEALTH_CANADA_URL: url,
  VIGIL_FDA_URL: url,
  VIGIL_GOVUK_URL: url,
  // The fixtures' notices are from 2025 and 2026.
  VIGIL_EARLY_DAYS: '3650',
  VIGIL_SOURCE_REQUESTS_PER_MINUTE: '6000',
});
