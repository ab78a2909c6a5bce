import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDataset, type FdaRecord } from '../support/fake-openfda/dataset';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { describeWithRealData, openFdaData } from '../support/shared';

const REAL_DATA = openFdaData;

// Small records in the openFDA shape; dates in each endpoint's own format.
const RECALLS: FdaRecord[] = [
  {
    product_res_number: 'Z-0053-2020',
    recall_status: 'Terminated',
    event_date_posted: '2019-10-07',
    recalling_firm: 'Arrow International Inc',
    product_code: 'FOZ',
    product_description: 'Central Venous Catheterization Kit',
  },
  {
    product_res_number: 'Z-0054-2020',
    recall_status: 'Open, Classified',
    event_date_posted: '2019-10-07',
    recalling_firm: 'Arrow International Inc',
    product_code: 'FOZ',
  },
  {
    product_res_number: 'Z-1022-2003',
    recall_status: 'Terminated',
    event_date_posted: '2003-06-01',
    recalling_firm: 'Becton Dickinson & Co.',
    product_code: 'FRN',
  },
  {
    product_res_number: 'Z-2001-2018',
    recall_status: 'Completed',
    event_date_posted: '2018-05-09',
    recalling_firm: 'Abbott Vascular',
    product_code: 'DQY',
  },
  {
    product_res_number: 'Z-0001-2021',
    recall_status: 'Open, Classified',
    recalling_firm: 'Philips Respironics',
    product_code: 'BZD',
  },
  {
    product_res_number: 'Z-1500-2021',
    recall_status: 'Open, Classified',
    event_date_posted: '2021-06-14',
    recalling_firm: 'Philips Respironics',
    product_code: 'CBK',
  },
];
const ENFORCEMENTS: FdaRecord[] = [
  {
    recall_number: 'Z-2338-2012',
    product_type: 'Devices',
    status: 'Terminated',
    report_date: '20120815',
    openfda: {},
  },
  {
    recall_number: 'Z-0198-2018',
    product_type: 'Devices',
    status: 'Terminated',
    report_date: '20171213',
    termination_date: '20180509',
    openfda: {},
  },
  {
    recall_number: 'D-0001-2018',
    product_type: 'Drugs',
    status: 'Ongoing',
    report_date: '20171213',
    openfda: {},
  },
];
const EVENTS: FdaRecord[] = [
  {
    mdr_report_key: '1000',
    date_received: '20210408',
    device: [{ manufacturer_d_name: 'PHILIPS RESPIRONICS' }],
  },
  {
    report_number: 'MW5114259',
    date_received: '20211008',
    device: [{ manufacturer_d_name: 'Philips Respironics' }],
  },
  {
    mdr_report_key: '2000',
    date_received: '20210408',
    device: [{ manufacturer_d_name: 'INTUITIVE SURGICAL,INC.' }],
  },
];

async function writeFixtureDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-openfda-it-'));
  const write = (name: string, lastUpdated: string, results: FdaRecord[]) =>
    writeFile(join(dir, name), JSON.stringify({ meta: { last_updated: lastUpdated }, results }));
  await write('device-recall.test.json', '2024-05-01', RECALLS);
  await write('device-enforcement.test.json', '2024-05-08', ENFORCEMENTS);
  await write('device-event.test.json', '2024-04-30', EVENTS);
  return dir;
}

type Body = {
  meta?: { last_updated: string; results?: { skip: number; limit: number; total: number } };
  results?: FdaRecord[];
  error?: { code: string; message: string; details?: string };
};

async function getJson(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { res, body: (await res.json()) as Body };
}

const nextOf = (res: Response) => /^<([^>]+)>; rel="next"$/.exec(res.headers.get('link') ?? '')?.[1];

/** Follows Link headers from url; returns every page's status and the records seen. */
async function pageThrough(url: string, key: string) {
  const statuses: number[] = [];
  const keys: string[] = [];
  let next: string | undefined = url;
  while (next) {
    const { res, body } = await getJson(next);
    statuses.push(res.status);
    if (res.status !== 200) break;
    for (const record of body.results ?? []) keys.push(String(record[key] ?? record.report_number));
    next = nextOf(res);
  }
  return { statuses, keys };
}

/** A raw request, to see bytes and headers exactly as sent (fetch decodes gzip and hides truncation). */
function rawGet(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer; complete: boolean }>(
    (done, fail) => {
      const req = httpRequest(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        const finish = () =>
          done({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes: Buffer.concat(chunks),
            complete: res.complete,
          });
        res.on('end', finish);
        res.on('aborted', finish);
        res.on('error', finish);
      });
      req.on('error', fail);
      req.end();
    },
  );
}

describe('fake openFDA over HTTP, on small inline records', () => {
  let dir: string;
  let fake: RunningFakeOpenFda;
  const url = (path: string) => `${fake.url}${path}`;

  beforeAll(async () => {
    dir = await writeFixtureDir();
    fake = await startFakeOpenFda({ dataDir: dir, log: () => {} });
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    fake.faults.clear();
    fake.resetRequests();
  });

  it('when a search matches, then the envelope, headers and records are as openFDA sends them', async () => {
    const { res, body } = await getJson(url('/device/recall.json?search=recalling_firm:arrow'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=600');
    expect(res.headers.get('server')).toBe('open.fda.gov');
    expect(body.meta).toEqual({
      disclaimer: expect.stringMatching(/^Do not rely on openFDA to make decisions regarding medical care\./),
      terms: 'https://open.fda.gov/terms/',
      license: 'https://open.fda.gov/license/',
      last_updated: '2024-05-01',
      results: { skip: 0, limit: 1, total: 2 },
    });
    expect(body.results).toEqual([RECALLS[0]]);
  });

  it('when paging with search_after, then Links cover every record once and a full last page ends in a 404', async () => {
    const first = await fetch(url('/device/recall.json?sort=event_date_posted:asc&limit=3'));
    const expectedMs = Date.UTC(2019, 9, 7);
    expect(nextOf(first)).toBe(
      url(
        `/device/recall.json?sort=event_date_posted%3Aasc&limit=3&skip=0&search_after=0%3D${expectedMs}%3B1%3DZ-0053-2020`,
      ),
    );
    const { statuses, keys } = await pageThrough(
      url('/device/recall.json?sort=event_date_posted:asc&limit=3'),
      'product_res_number',
    );
    expect(statuses).toEqual([200, 200, 404]);
    // Ties on the date are broken by _id; the record without a posting date comes last.
    expect(keys).toEqual([
      'Z-1022-2003',
      'Z-2001-2018',
      'Z-0053-2020',
      'Z-0054-2020',
      'Z-1500-2021',
      'Z-0001-2021',
    ]);
    const trailing = fake.requests.at(-1)!;
    expect(trailing.params.search_after).toBe('0=9223372036854775807;1=Z-0001-2021');
    expect(trailing.status).toBe(404);
  });

  it('when paging descending, then missing values still come last', async () => {
    const { keys } = await pageThrough(
      url('/device/recall.json?sort=event_date_posted:desc&limit=4'),
      'product_res_number',
    );
    expect(keys).toEqual([
      'Z-1500-2021',
      'Z-0053-2020',
      'Z-0054-2020',
      'Z-2001-2018',
      'Z-1022-2003',
      'Z-0001-2021',
    ]);
  });

  it('when skip is used, then the Link advances skip by limit and meta.results keeps the whole total', async () => {
    const { res, body } = await getJson(url('/device/recall.json?skip=2&limit=2'));
    expect(body.meta?.results).toEqual({ skip: 2, limit: 2, total: 6 });
    expect(nextOf(res)).toBe(url('/device/recall.json?skip=4&limit=2'));
    const last = await fetch(url('/device/recall.json?skip=4&limit=2'));
    expect(last.headers.get('link')).toBeNull();
  });

  it('when limit is absent or 0, then one record, or only the total, comes back', async () => {
    expect((await getJson(url('/device/recall.json'))).body.results).toHaveLength(1);
    const { body } = await getJson(url('/device/recall.json?limit=0&search=recall_status:Terminated'));
    expect(body).toMatchObject({ meta: { results: { total: 2, limit: 0 } }, results: [] });
  });

  it('when nothing matches, then it is 404 NOT_FOUND "No matches found!"', async () => {
    const { res, body } = await getJson(url('/device/recall.json?search=recall_status:terminated'));
    expect(res.status).toBe(404);
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: 'No matches found!' } });
  });

  it('when parameters are wrong, then it is 400 BAD_REQUEST with openFDA’s messages', async () => {
    const error = async (query: string) => {
      const { res, body } = await getJson(url(`/device/recall.json?${query}`));
      expect(res.status).toBe(400);
      return body.error?.message;
    };
    expect(await error('api_key=k&fields=x')).toBe('Invalid parameter: fields');
    expect(await error('limit=1001')).toBe(
      'Limit cannot exceed 1000 results for search requests. Use the skip or search_after param to get additional results.',
    );
    expect(await error('skip=25001')).toBe('Skip value must 25000 or less.');
    expect(await error('skip=10&search_after=0%3DZ')).toBe(
      'The skip parameter is not supported when using search_after.',
    );
    expect(await error('search=recalling_firm:Dr%C3%A4ger')).toBe(
      'Search not supported: recalling_firm:Dräger',
    );
    expect(await error('sort=product_description:asc')).toBe(
      'Sorting allowed by non-analyzed fields only: product_description',
    );
  });

  it('when the search cannot be parsed, then it is 500 SERVER_ERROR with Lucene’s details', async () => {
    const { res, body } = await getJson(url('/device/recall.json?search=recalling_firm:%22Abbott'));
    expect(res.status).toBe(500);
    expect(body.error).toEqual({
      code: 'SERVER_ERROR',
      message: 'Check your request and try again',
      details: expect.stringMatching(
        /^\[token_mgr_error\] token_mgr_error: Lexical error at line 1, column 23\./,
      ),
    });
  });

  it('when enforcement is searched with A OR B unwrapped, then A is silently lost; wrapped, both come back', async () => {
    const search = 'recall_number.exact:Z-2338-2012+OR+recall_number.exact:Z-0198-2018';
    const unwrapped = await getJson(url(`/device/enforcement.json?limit=10&search=${search}`));
    expect(unwrapped.res.status).toBe(200);
    expect(unwrapped.body.results?.map((r) => r.recall_number)).toEqual(['Z-0198-2018']);
    const wrapped = await getJson(url(`/device/enforcement.json?limit=10&search=(${search})`));
    expect(wrapped.body.results?.map((r) => r.recall_number).sort()).toEqual(['Z-0198-2018', 'Z-2338-2012']);
    expect((await getJson(url('/device/enforcement.json?search=status:Ongoing'))).res.status).toBe(404);
  });

  it('when counting, then terms are sorted by count and dates form a daily histogram', async () => {
    const terms = await getJson(url('/device/event.json?count=device.manufacturer_d_name.exact'));
    expect(terms.body.results).toEqual([
      { term: 'INTUITIVE SURGICAL,INC.', count: 1 },
      { term: 'PHILIPS RESPIRONICS', count: 1 },
      { term: 'Philips Respironics', count: 1 },
    ]);
    expect(terms.body.meta).not.toHaveProperty('results');
    const days = await getJson(url('/device/event.json?count=date_received'));
    expect(days.body.results).toEqual([
      { time: '20210408', count: 2 },
      { time: '20211008', count: 1 },
    ]);
    expect((await getJson(url('/device/event.json?count=date_received&skip=1'))).res.status).toBe(400);
    expect((await getJson(url('/device/event.json?count=udi_di'))).body.error?.message).toBe(
      'Nothing to count',
    );
  });

  it('when HEAD is used, then the headers come without a body', async () => {
    const res = await fetch(url('/device/recall.json?sort=event_date_posted:asc&limit=2'), {
      method: 'HEAD',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('link')).toContain('search_after=');
    expect(await res.text()).toBe('');
  });

  it('when the client accepts gzip, then a large body is gzip-compressed', async () => {
    const raw = await rawGet(url('/device/recall.json?limit=6'), { 'accept-encoding': 'gzip' });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(raw.bytes).toString()).results).toHaveLength(6);
    const plain = await rawGet(url('/device/recall.json?limit=6'));
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('when a record is revised or removed over HTTP, then the next request reflects it', async () => {
    const revised = { ...RECALLS[1], recall_status: 'Terminated', event_date_terminated: '2024-05-02' };
    const put = await fetch(url('/_fake/records/device/recall'), {
      method: 'PUT',
      body: JSON.stringify(revised),
    });
    expect(await put.json()).toEqual({ _id: 'Z-0054-2020' });
    const { body } = await getJson(url('/device/recall.json?search=product_res_number.exact:Z-0054-2020'));
    expect(body.results).toEqual([revised]);

    expect((await fetch(url('/_fake/records/device/recall/Z-0054-2020'), { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(
      (await getJson(url('/device/recall.json?search=product_res_number.exact:Z-0054-2020'))).res.status,
    ).toBe(404);
    fake.upsert('recall', RECALLS[1]!);
    expect((await getJson(url('/device/recall.json?limit=0'))).body.meta?.results?.total).toBe(6);
  });

  it('when last_updated is changed over HTTP, then meta.last_updated follows', async () => {
    await fetch(url('/_fake/meta/device/event'), {
      method: 'PUT',
      body: JSON.stringify({ last_updated: '2024-06-01' }),
    });
    expect((await getJson(url('/device/event.json'))).body.meta?.last_updated).toBe('2024-06-01');
    fake.setLastUpdated('event', '2024-04-30');
  });

  it('when requests are made, then the log shows path, parameters (api_key too) and status', async () => {
    await fetch(url('/device/recall.json?api_key=abc&search=recall_status:Completed'));
    const log = (await (await fetch(url('/_fake/requests'))).json()) as { requests: unknown[] };
    expect(log.requests).toEqual([
      {
        method: 'GET',
        path: '/device/recall.json',
        params: { api_key: 'abc', search: 'recall_status:Completed' },
        status: 200,
      },
    ]);
  });

  describe('fault injection', () => {
    it('when a 429 is injected, then the gateway body and Retry-After come back, then normal answers resume', async () => {
      fake.faults.inject({ kind: 429, times: 1, retryAfterSeconds: 3 });
      const { res, body } = await getJson(url('/device/recall.json'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(body.error).toEqual({
        code: 'OVER_RATE_LIMIT',
        message: expect.stringMatching(
          /^You have exceeded your rate limit\. Try again later or contact us at \S+ for assistance$/,
        ),
      });
      expect((await fetch(url('/device/recall.json'))).status).toBe(200);
    });

    it('when a 500 is injected over HTTP for one endpoint, then only that endpoint fails', async () => {
      const post = await fetch(url('/_fake/faults'), {
        method: 'POST',
        body: JSON.stringify({ kind: '500', endpoint: 'event' }),
      });
      expect(post.status).toBe(200);
      expect((await getJson(url('/device/event.json'))).body).toEqual({
        error: { code: 'SERVER_ERROR', message: 'Check your request and try again' },
      });
      expect((await fetch(url('/device/recall.json'))).status).toBe(200);
      await fetch(url('/_fake/faults'), { method: 'DELETE' });
      expect((await fetch(url('/device/event.json'))).status).toBe(200);
    });

    it('when an invalid fault is posted, then it is refused with 400', async () => {
      const post = await fetch(url('/_fake/faults'), {
        method: 'POST',
        body: JSON.stringify({ kind: 'meltdown' }),
      });
      expect(post.status).toBe(400);
    });

    it('when every is set, then every Nth request fails', async () => {
      fake.faults.inject({ kind: '500', every: 2 });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(url('/device/recall.json'))).status);
      expect(statuses).toEqual([200, 500, 200, 500]);
    });

    it('when a slow fault is injected, then the answer is delayed', async () => {
      fake.faults.inject({ kind: 'slow', delayMs: 300, times: 1 });
      const started = Date.now();
      expect((await fetch(url('/device/recall.json'))).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('when a drop is injected, then the connection closes without any response', async () => {
      fake.faults.inject({ kind: 'drop', times: 1 });
      await expect(fetch(url('/device/recall.json'))).rejects.toThrow();
      expect(fake.requests.at(-1)).toMatchObject({ status: 0, fault: 'drop' });
      expect((await fetch(url('/device/recall.json'))).status).toBe(200);
    });

    it('when a truncate is injected, then the full Content-Length is promised but half the body arrives', async () => {
      fake.faults.inject({ kind: 'truncate', times: 2 });
      const raw = await rawGet(url('/device/recall.json?limit=6'));
      expect(raw.status).toBe(200);
      expect(raw.complete).toBe(false);
      expect(raw.bytes.length).toBe(Math.floor(Number(raw.headers['content-length']) / 2));
      await expect(fetch(url('/device/recall.json?limit=6')).then((res) => res.json())).rejects.toThrow();
    });

    it('when a stale fault is injected, then meta.last_updated is an older date', async () => {
      fake.faults.inject({ kind: 'stale', times: 1 });
      expect((await getJson(url('/device/recall.json'))).body.meta?.last_updated).toBe('2024-04-24');
      fake.faults.inject({ kind: 'stale', lastUpdated: '2023-01-01', times: 1 });
      expect((await getJson(url('/device/recall.json'))).body.meta?.last_updated).toBe('2023-01-01');
      expect((await getJson(url('/device/recall.json'))).body.meta?.last_updated).toBe('2024-05-01');
    });
  });
});

describe('fake openFDA with an API key required', () => {
  let fake: RunningFakeOpenFda;
  beforeAll(async () => {
    const dataset = createDataset({ recall: { results: RECALLS } });
    fake = await startFakeOpenFda({ dataset, requireApiKey: 'test-key' });
  });
  afterAll(() => fake.close());

  it('when the key is missing or wrong, then the gateway answers 403 API_KEY_MISSING / API_KEY_INVALID', async () => {
    const missing = await getJson(`${fake.url}/device/recall.json`);
    expect(missing.res.status).toBe(403);
    expect(missing.body.error?.code).toBe('API_KEY_MISSING');
    expect(missing.body.error?.message).toMatch(/^No api_key was supplied\. Get one at /);
    const wrong = await getJson(`${fake.url}/device/recall.json?api_key=nope`);
    expect(wrong.res.status).toBe(403);
    expect(wrong.body.error?.code).toBe('API_KEY_INVALID');
  });

  it('when the key is given, then it works, and the Link leaves it out (the gateway strips it)', async () => {
    const first = await fetch(`${fake.url}/device/recall.json?api_key=test-key&limit=2`);
    expect(first.status).toBe(200);
    const next = nextOf(first)!;
    expect(next).not.toContain('api_key');
    expect((await fetch(next)).status).toBe(403);
    expect(
      (
        await fetch(next, {
          headers: { authorization: `Basic ${Buffer.from('test-key:').toString('base64')}` },
        })
      ).status,
    ).toBe(200);
  });
});

describe('npm run fake-openfda (main.ts)', () => {
  const run = (args: string[]) =>
    spawn(process.execPath, ['--import', 'tsx', 'tests/support/fake-openfda/main.ts', ...args]);

  it('when started on a data directory, then it prints one ready line, serves, and stops on SIGTERM', async () => {
    const dir = await writeFixtureDir();
    const child = run(['--port', '0', '--data', dir]);
    try {
      const line = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          if (out.includes('\n')) done(out.trim());
        });
        child.on('exit', (code) => fail(new Error(`exited with ${code}`)));
      });
      const m =
        /^fake openFDA listening on (http:\/\/127\.0\.0\.1:\d+) \(recall 6, enforcement 3, event 3, classification 0\)$/.exec(
          line,
        );
      expect(m).not.toBeNull();
      expect((await fetch(`${m![1]}/device/recall.json`)).status).toBe(200);
      const exited = new Promise<number | null>((done) => child.on('exit', done));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when the data directory is missing, then it exits non-zero with one clear line', async () => {
    const child = run(['--data', join(tmpdir(), 'no-such-openfda-dir')]);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(1);
    expect(err.trim()).toMatch(/^fake-openfda: no such data directory: .*no-such-openfda-dir$/);
  });
});

describeWithRealData('fake openFDA on the real data in ../shared/data/openfda', () => {
  let fake: RunningFakeOpenFda;
  const url = (path: string) => `${fake.url}${path}`;
  beforeAll(async () => {
    fake = await startFakeOpenFda({ dataDir: REAL_DATA, log: () => {} });
  });
  afterAll(() => fake?.close());
  afterEach(() => fake.faults.clear());

  it('when each endpoint is counted with limit=0, then the totals are those of the data files', async () => {
    const total = async (endpoint: string) =>
      (await getJson(url(`/device/${endpoint}.json?limit=0`))).body.meta?.results?.total;
    expect(await total('recall')).toBe(31_960);
    expect(await total('event')).toBe(37_105);
    expect(await total('enforcement')).toBe(2);
    expect(await total('classification')).toBe(6_617);
    expect((await getJson(url('/device/recall.json'))).body.meta?.last_updated).toBe('2021-12-09');
    expect((await getJson(url('/device/event.json'))).body.meta?.last_updated).toBe('2026-01-01');
  });

  it('when device/recall is paged 1000 at a time by event_date_posted, then all 31,960 come back once', async () => {
    const { statuses, keys } = await pageThrough(
      url('/device/recall.json?sort=event_date_posted:asc&limit=1000'),
      'product_res_number',
    );
    // 31,960 is not a multiple of 1000: the 32nd page holds 960 and carries no Link.
    expect(statuses).toEqual(Array(32).fill(200));
    expect(keys).toHaveLength(31_960);
    expect(new Set(keys).size).toBe(31_960);
  });

  it('when the last page is full (31,960 = 34 × 940), then its Link leads to the trailing 404', async () => {
    const { statuses, keys } = await pageThrough(
      url('/device/recall.json?sort=event_date_posted:asc&limit=940'),
      'product_res_number',
    );
    expect(statuses).toEqual([...Array(34).fill(200), 404]);
    expect(new Set(keys).size).toBe(31_960);
  });

  it('when device/event is paged by date_received, then all 37,105 reports come back once', async () => {
    const { keys } = await pageThrough(
      url('/device/event.json?sort=date_received:asc&limit=1000'),
      'mdr_report_key',
    );
    expect(new Set(keys).size).toBe(37_105);
  });

  it('when errors occur, then the bodies equal the real ones recorded in openfda-api-examples.json', async () => {
    const examples = JSON.parse(
      await readFile(join(REAL_DATA, 'examples/openfda-api-examples.json'), 'utf8'),
    ) as {
      errors: { response: { error: { code: string; message: string; details?: string } } }[];
    };
    const [notFound, lexical, skipWithSearchAfter, rateLimit] = examples.errors.map((e) => e.response);
    expect((await getJson(url('/device/recall.json?search=recall_status:Nonexistent'))).body).toEqual(
      notFound,
    );
    expect((await getJson(url('/device/recall.json?skip=5&search_after=0%3D1%3B1%3DZ'))).body).toEqual(
      skipWithSearchAfter,
    );
    // issue #192: a stray } at column 94 of the search.
    const search = `recalling_firm:${'a'.repeat(47)} AND event_date_posted:20200101}`;
    expect(search.indexOf('}') + 1).toBe(94);
    expect((await getJson(url(`/device/recall.json?search=${encodeURIComponent(search)}`))).body).toEqual(
      lexical,
    );
    fake.faults.inject({ kind: 429, times: 1 });
    const limited = (await getJson(url('/device/recall.json'))).body;
    expect(limited.error?.code).toBe(rateLimit?.error.code);
    expect(limited.error?.message.replace(/https:\S+/, '{{contact_url}}')).toBe(rateLimit?.error.message);
  });

  it('when a sync meets 429s, a dropped connection and a truncated page, then retrying still gets every recall', async () => {
    fake.faults.inject([
      { kind: 429, every: 7 },
      { kind: 'drop', times: 1, every: 3 },
      { kind: 'truncate', times: 1, every: 5 },
    ]);
    const seen = new Set<string>();
    let next: string | undefined = url('/device/recall.json?sort=event_date_posted:desc&limit=1000');
    let failures = 0;
    while (next) {
      try {
        const res: Response = await fetch(next);
        if (res.status === 429) {
          failures++;
          continue;
        }
        const body = (await res.json()) as Body;
        for (const record of body.results ?? []) seen.add(String(record.product_res_number));
        next = nextOf(res);
      } catch {
        failures++;
      }
    }
    expect(seen.size).toBe(31_960);
    expect(failures).toBeGreaterThanOrEqual(6);
  });

  it('when the enforcement samples are served, then the record without a recall_number is there too', async () => {
    const { body } = await getJson(url('/device/enforcement.json?limit=10'));
    expect(body.results).toHaveLength(2);
    expect(body.results?.filter((r) => r.recall_number === undefined)).toHaveLength(1);
  });
});
