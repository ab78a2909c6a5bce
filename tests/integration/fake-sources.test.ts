import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFdaRss } from '../../src/sources/fda-rss';
import { readHealthCanadaFile, readHealthCanadaPage } from '../../src/sources/health-canada';
import { readMhraContent, readMhraSearch } from '../../src/sources/mhra';
import { paths, startFakeSources } from '../support/fake-sources/server';
import { projectRoot } from '../support/shared';

const fixtures = join(projectRoot, 'tests/fixtures/sources');
let fake: Awaited<ReturnType<typeof startFakeSources>>;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'vigil-fake-sources-'));
  fake = await startFakeSources({
    healthCanadaFile: join(fixtures, 'health-canada.json'),
    healthCanadaPages: join(fixtures, 'health-canada-pages'),
    rssFile: join(fixtures, 'fda-rss.xml'),
    alertPages: join(fixtures, 'fda-alert-pages'),
    mhraSearch: join(fixtures, 'mhra-search.json'),
    mhraContent: join(fixtures, 'mhra-content'),
  });
});
afterAll(async () => {
  await fake.close();
  await rm(scratch, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${fake.url}${path}`, { headers });

describe('the fake early sources', () => {
  it('when the open-data file is fetched again with its ETag or date, then it answers 304, and 200 once it changes', async () => {
    const first = await get(paths.healthCanadaFile);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBeNull();
    expect(readHealthCanadaFile(await first.json()).notices).toHaveLength(7);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect((await get(paths.healthCanadaFile, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(paths.healthCanadaFile, { 'If-Modified-Since': lastModified })).status).toBe(304);

    const changed = join(scratch, 'changed.json');
    await writeFile(changed, JSON.stringify([{ NID: '1', Title: 'Pump', Organization: 'Medical devices' }]));
    fake.setHealthCanadaFile(changed);
    const after = await get(paths.healthCanadaFile, {
      'If-None-Match': etag,
      'If-Modified-Since': lastModified,
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    fake.setHealthCanadaFile(join(fixtures, 'health-canada.json'));
  });

  it('when a recall page is asked for by the slug of a row’s URL, then that row’s page is served; else 404', async () => {
    const page = await get('/en/alert-recall/intramedullary-bone-saw-blade-assembly');
    expect(readHealthCanadaPage(await page.text()).lots).toEqual(['67818764', '67818770', '67818791']);
    expect((await get('/en/alert-recall/no-such-recall')).status).toBe(404);
  });

  it('when the RSS feed and an item page are fetched, then they come with their types; a missing page is 404', async () => {
    const feed = await get(paths.fdaRss);
    expect(feed.headers.get('content-type')).toMatch(/application\/rss\+xml/);
    expect(readFdaRss(await feed.text()).notices).toHaveLength(7);
    expect(
      (await get(`${paths.fdaAlertPage}heart-pump-recall-abiomed-removes-impella-cp-sets-smartassist`))
        .status,
    ).toBe(200);
    expect(
      (await get(`${paths.fdaAlertPage}early-alert-convenience-kit-issue-becton-dickinson`)).status,
    ).toBe(404);
  });

  it('when the search is ordered by issued date or given an unknown parameter, then it answers 422 with HTML', async () => {
    for (const query of [
      'order=-issued_date',
      'filter_format=medical_safety_alert&colour=red',
      'count=2000',
    ]) {
      const response = await get(`${paths.mhraSearch}?${query}`);
      expect(response.status, query).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
    }
  });

  it('when the search is paged with count and start, then the pages cover every result once, newest first', async () => {
    const base = `${paths.mhraSearch}?filter_format=medical_safety_alert&order=-public_timestamp&count=3`;
    const seen: string[] = [];
    let total = Number.POSITIVE_INFINITY;
    for (let start = 0; start < total; start += 3) {
      const page = readMhraSearch(await (await get(`${base}&start=${start}`)).json());
      total = page.total;
      seen.push(...page.results.map((r) => r.publicTimestamp ?? ''));
    }
    expect(seen).toHaveLength(7);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('when the search filters by alert type and date, then only those results count', async () => {
    const query =
      'filter_format=medical_safety_alert&filter_alert_type=device-safety-information&filter_alert_type=national-patient-safety&filter_public_timestamp=from:2026-01-01&order=-public_timestamp&count=100';
    const page = readMhraSearch(await (await get(`${paths.mhraSearch}?${query}`)).json());
    expect(page.total).toBe(2);
    expect(page.results.map((r) => r.alertType[0])).toEqual([
      'device-safety-information',
      'national-patient-safety',
    ]);
  });

  it('when a content item is asked for by its path, then it is served; an unknown path is 404', async () => {
    const link =
      '/drug-device-alerts/glidesheath-slender-introducer-sheath-risk-of-sheath-separation-during-removal-dsi-slash-2026-slash-006';
    const item = await get(`/api/content${link}`);
    expect(readMhraContent(await item.json()).sourceId).toBe(link);
    expect((await get('/api/content/drug-device-alerts/nothing')).status).toBe(404);
  });

  it('when failures are injected, then the next requests get them with Retry-After, and then service resumes', async () => {
    fake.fail(paths.mhraSearch, 429, 2);
    const url = `${paths.mhraSearch}?order=-public_timestamp`;
    const first = await get(url);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await get(url)).status).toBe(429);
    expect((await get(url)).status).toBe(200);
    expect(
      fake.requests
        .filter((r) => r.path === paths.mhraSearch)
        .map((r) => r.status)
        .slice(-3),
    ).toEqual([429, 429, 200]);
  });
});
