/**
 * A local fake of the early recall sources, on 127.0.0.1, for tests: Health Canada's open-data
 * file and recall pages, FDA's device-recall RSS feed and item pages, and GOV.UK's Search and
 * Content APIs for MHRA alerts. Paths are the real ones, so a client points its base URL here.
 * Files are read on each request, so a test can change them between polls.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type EnrichedRow, renderHealthCanadaPage } from './health-canada-page';
import { answerSearch } from './search-api';

export type FakeSourcesOptions = {
  /** The open-data file to serve (a JSON array in Health Canada's format). */
  healthCanadaFile: string;
  /** A folder of recall pages named <NID>.html. */
  healthCanadaPages?: string;
  /** A JSON array of rows with a `Detail` object; each is served as a page in the current layout. */
  enrichedSample?: string;
  rssFile?: string;
  /** A folder of FDA item pages named <slug>.html. */
  alertPages?: string;
  /** A GOV.UK Search API response whose results are filtered and paged here. */
  mhraSearch?: string;
  /** A folder of GOV.UK content items named <last path segment>.json. */
  mhraContent?: string;
  port?: number;
};

export type FakeRequest = { method: string; path: string; status: number };

export type RunningFakeSources = {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  requests: FakeRequest[];
  /** Serve another open-data file from now on (a new ETag and a later Last-Modified). */
  setHealthCanadaFile(path: string): void;
  /** Answer the next `times` requests under `pathPrefix` with `status` (429 and 503 with Retry-After: 1). */
  fail(pathPrefix: string, status: number, times: number): void;
};

export const paths = {
  healthCanadaFile: '/sites/default/files/opendata-donneesouvertes/HCRSAMOpenData.json',
  healthCanadaPage: '/en/alert-recall/',
  fdaRss: '/about-fda/contact-fda/stay-informed/rss-feeds/medical-device-recalls/rss.xml',
  fdaAlertPage: '/medical-devices/medical-device-recalls-and-early-alerts/',
  mhraSearch: '/api/search.json',
  mhraContent: '/api/content/',
};

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const safeName = (name: string) => /^[\w.-]+$/.test(name) && !name.startsWith('.');

function pathOf(url: unknown): string {
  try {
    return new URL(String(url)).pathname;
  } catch {
    return '';
  }
}

export function createFakeSources(options: FakeSourcesOptions) {
  const requests: FakeRequest[] = [];
  const failures: { prefix: string; status: number; left: number }[] = [];
  let hcFile = options.healthCanadaFile;
  // Whole seconds, as HTTP dates carry; a new file always gets a later time than the last.
  let hcModified = Math.floor(statSync(hcFile).mtimeMs / 1000) * 1000;

  const app = new Hono();
  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const failure = failures.find((f) => f.left > 0 && path.startsWith(f.prefix));
    if (failure) {
      failure.left -= 1;
      const headers: Record<string, string> =
        failure.status === 429 || failure.status === 503 ? { 'Retry-After': '1' } : {};
      requests.push({ method: c.req.method, path, status: failure.status });
      return c.text(`injected failure ${failure.status}`, failure.status as 500, headers);
    }
    await next();
    requests.push({ method: c.req.method, path, status: c.res.status });
  });

  app.get(paths.healthCanadaFile, (c) => {
    const bytes = readFileSync(hcFile);
    const etag = `"${createHash('sha1').update(bytes).digest('hex')}"`;
    const lastModified = new Date(hcModified).toUTCString();
    const headers = { ETag: etag, 'Last-Modified': lastModified, 'Cache-Control': 'max-age=3600' };
    const ifNoneMatch = c.req.header('if-none-match');
    const ifModifiedSince = c.req.header('if-modified-since');
    const matches = ifNoneMatch
      ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= hcModified;
    if (matches) return c.body(null, 304, headers);
    // Served as is, never gzip-compressed, like the real file.
    return c.body(new Uint8Array(bytes), 200, { ...headers, 'Content-Type': 'application/json' });
  });

  const hcRows = () => {
    const rows = readJson(hcFile);
    return Array.isArray(rows) ? (rows as { NID?: string; URL?: string }[]) : [];
  };
  const enriched = options.enrichedSample ? (readJson(options.enrichedSample) as EnrichedRow[]) : [];

  app.get(`${paths.healthCanadaPage}:slug`, (c) => {
    const tail = `${paths.healthCanadaPage}${c.req.param('slug')}`;
    const row = hcRows().find((r) => pathOf(r.URL) === tail);
    const sample = enriched.find((r) => pathOf(r.URL) === tail || (row && r.NID === row.NID));
    const nid = row?.NID ?? sample?.NID;
    const file = nid && options.healthCanadaPages ? join(options.healthCanadaPages, `${nid}.html`) : null;
    if (file && safeName(`${nid}.html`) && existsSync(file)) return c.html(readFileSync(file, 'utf8'));
    if (sample?.Detail) return c.html(renderHealthCanadaPage(sample));
    return c.html('<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>', 404);
  });

  // /en/node/<NID> answers with a redirect to the recall page, as the real site does.
  app.get('/en/node/:nid', (c) => {
    const row = hcRows().find((r) => r.NID === c.req.param('nid'));
    return row?.URL ? c.redirect(pathOf(row.URL), 302) : c.notFound();
  });

  app.get(paths.fdaRss, (c) => {
    if (!options.rssFile) return c.notFound();
    return c.body(readFileSync(options.rssFile, 'utf8'), 200, {
      'Content-Type': 'application/rss+xml; charset=utf-8',
    });
  });

  const alertPage = (slug: string) => {
    const file =
      options.alertPages && safeName(`${slug}.html`) ? join(options.alertPages, `${slug}.html`) : null;
    return file && existsSync(file) ? readFileSync(file, 'utf8') : null;
  };
  for (const prefix of [paths.fdaAlertPage, '/medical-devices/medical-device-recalls/']) {
    app.get(`${prefix}:slug`, (c) => {
      const html = alertPage(c.req.param('slug') ?? '');
      return html === null
        ? c.html('<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>', 404)
        : c.html(html);
    });
  }

  app.get(paths.mhraSearch, (c) => {
    const fixture = options.mhraSearch
      ? (readJson(options.mhraSearch) as { results?: Record<string, unknown>[] })
      : {};
    const answer = answerSearch(new URL(c.req.url).searchParams, fixture.results ?? []);
    return answer.status === 422 ? c.html(answer.html, 422) : c.json(answer.body);
  });

  app.get(`${paths.mhraContent}*`, (c) => {
    const basePath = new URL(c.req.url).pathname.slice(paths.mhraContent.length - 1);
    const name = `${basePath.split('/').filter(Boolean).at(-1) ?? ''}.json`;
    const file = options.mhraContent && safeName(name) ? join(options.mhraContent, name) : null;
    if (!file || !existsSync(file)) {
      return c.json(
        { error: { code: 404, message: `Could not find content item with base_path "${basePath}"` } },
        404,
      );
    }
    return c.json(readJson(file));
  });

  return {
    app,
    requests,
    setHealthCanadaFile(path: string) {
      hcFile = path;
      hcModified = Math.max(hcModified + 1000, Math.floor(Date.now() / 1000) * 1000);
    },
    fail(pathPrefix: string, status: number, times: number) {
      failures.push({ prefix: pathPrefix, status, left: times });
    },
  };
}

/** Serves the fake on a real port (an ephemeral one unless given). */
export async function startFakeSources(options: FakeSourcesOptions): Promise<RunningFakeSources> {
  const fake = createFakeSources(options);
  const server = await new Promise<Server>((done, fail) => {
    const s = serve({ fetch: fake.app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () =>
      done(s as Server),
    );
    s.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: fake.requests,
    setHealthCanadaFile: fake.setHealthCanadaFile,
    fail: fake.fail,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        // Keep-alive connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}
