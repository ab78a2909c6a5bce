/**
 * A local fake of api.fda.gov's device endpoints: `GET|HEAD /device/{recall,enforcement,event,
 * classification,udi}.json` answered from a Dataset the way openFDA answers (openfda-api.md §2–3, §6,
 * §8), plus fault injection and record revisions for tests.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync, constants as zlib } from 'node:zlib';
import { type HttpBindings, serve } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { type Context, Hono } from 'hono';
import { createControlRoutes, type FakeControls, type RequestLogEntry } from './control';
import { type Dataset, type FdaRecord, loadDataset, removeRecord, upsertRecord } from './dataset';
import { createFaults } from './faults';
import { type Endpoint, isEndpoint } from './fields';
import { gatewayErrors, noMatches, serverError } from './responses';
import { createSearcher } from './search';

export type { RequestLogEntry } from './control';
export type { FaultInput, FaultKind, FaultSpec } from './faults';

export interface FakeOpenFdaOptions {
  /** Require this api_key (query, X-Api-Key header or Basic auth user), as the API Umbrella gateway does. */
  requireApiKey?: string;
}

type Env = { Bindings: Partial<HttpBindings> };

// api.js SetHeaders and CacheMiddleware; Vary comes from the compression middleware.
const BASE_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'public, max-age=600',
  Server: 'open.fda.gov',
  'Content-Security-Policy': "default-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'deny',
  'X-XSS-Protection': '1; mode=block',
  'Access-Control-Allow-Origin': '*',
  Vary: 'Accept-Encoding',
};

// Pretty-printed like express with `json spaces` 2; gzip above 1 KB when asked, like `compression`.
function encodeBody(c: Context<Env>, status: number, body: unknown, headers: Record<string, string>) {
  let bytes: Buffer = Buffer.from(JSON.stringify(body, null, 2));
  const all: Record<string, string> = { ...BASE_HEADERS, ...headers };
  if (bytes.length >= 1024 && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    bytes = gzipSync(bytes, { level: zlib.Z_BEST_SPEED });
    all['Content-Encoding'] = 'gzip';
  }
  all['Content-Length'] = String(bytes.length);
  return { status, bytes, headers: all };
}

function respond(c: Context<Env>, status: number, body: unknown, headers: Record<string, string> = {}) {
  const encoded = encodeBody(c, status, body, headers);
  return c.body(new Uint8Array(encoded.bytes), status as 200, encoded.headers);
}

function rawResponse(c: Context<Env>, kind: string) {
  const { incoming, outgoing } = c.env ?? {};
  if (!incoming || !outgoing) throw new Error(`the ${kind} fault needs the Node server (startFakeOpenFda)`);
  return { incoming, outgoing };
}

function weekBefore(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? date : new Date(ms - 7 * 86_400_000).toISOString().slice(0, 10);
}

function suppliedApiKey(c: Context<Env>, params: [string, string][]): string | undefined {
  const fromQuery = params.find(([k]) => k === 'api_key')?.[1];
  if (fromQuery !== undefined) return fromQuery;
  const fromHeader = c.req.header('x-api-key');
  if (fromHeader !== undefined) return fromHeader;
  const basic = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  return basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0] : undefined;
}

function apiKeyProblem(supplied: string | undefined, required: string | undefined) {
  if (required === undefined) return undefined;
  if (!supplied) return gatewayErrors.apiKeyMissing;
  return supplied === required ? undefined : gatewayErrors.apiKeyInvalid;
}

/** The fake as a Hono app plus its in-process controls (no socket: see startFakeOpenFda). */
export function createFakeOpenFda(dataset: Dataset, options: FakeOpenFdaOptions = {}) {
  const faults = createFaults();
  const searcher = createSearcher(dataset);
  const requests: RequestLogEntry[] = [];
  const controls: FakeControls & { dataset: Dataset } = {
    dataset,
    faults,
    requests,
    upsert(endpoint: Endpoint, record: FdaRecord): string {
      const id = upsertRecord(dataset, endpoint, record);
      searcher.invalidate();
      return id;
    },
    remove(endpoint: Endpoint, key: string): boolean {
      const removed = removeRecord(dataset, endpoint, key);
      searcher.invalidate();
      return removed;
    },
    setLastUpdated(endpoint: Endpoint, date: string): void {
      dataset[endpoint].lastUpdated = date;
    },
    resetRequests(): void {
      requests.length = 0;
    },
  };

  const app = new Hono<Env>();
  app.route('/_fake', createControlRoutes(controls));
  app.get('/device/:file', async (c) => {
    const name = c.req.param('file');
    const endpoint = name.replace(/\.json$/, '');
    if (!name.endsWith('.json') || !isEndpoint(endpoint)) return c.notFound();
    const url = new URL(c.req.url);
    const params = [...url.searchParams];
    const entry: RequestLogEntry = {
      method: c.req.method,
      path: url.pathname,
      params: Object.fromEntries(params),
      status: 0,
    };
    requests.push(entry);

    const { failure, delayMs, stale } = faults.next(endpoint);
    if (delayMs > 0) await sleep(delayMs);
    if (failure) entry.fault = failure.kind;
    if (failure?.kind === 'drop') {
      rawResponse(c, 'drop').incoming.socket.destroy();
      return RESPONSE_ALREADY_SENT;
    }
    if (failure?.kind === '429') {
      entry.status = 429;
      const retryAfter = { 'Retry-After': String(failure.retryAfterSeconds ?? 1) };
      return respond(c, 429, gatewayErrors.overRateLimit.body, retryAfter);
    }
    if (failure?.kind === '500') {
      entry.status = 500;
      return respond(c, 500, serverError().body);
    }
    if (failure?.kind === '404') {
      entry.status = 404;
      const { status, body } = noMatches();
      return respond(c, status, body);
    }
    if (failure?.kind === '502' || failure?.kind === 'html') {
      entry.status = failure.kind === '502' ? 502 : 200;
      const title = failure.kind === '502' ? '502 Bad Gateway' : 'Network sign-in required';
      const page = `<!DOCTYPE html>\n<html><head><title>${title}</title><style>${'body{margin:0}'.repeat(40)}</style></head><body><h1>${title}</h1></body></html>`;
      return c.body(page, entry.status as 200, { 'Content-Type': 'text/html; charset=utf-8' });
    }
    const problem = apiKeyProblem(suppliedApiKey(c, params), options.requireApiKey);
    if (problem) {
      entry.status = problem.status;
      return respond(c, problem.status, problem.body);
    }

    // Behind the gateway (which strips api_key) the Link points at api.fda.gov, else at our own Host.
    const origin = c.req.header('x-api-umbrella-request-id')
      ? 'https://api.fda.gov'
      : `${url.protocol}//${c.req.header('host') ?? url.host}`;
    const answer = searcher.answer({
      endpoint,
      params: params.filter(([k]) => k !== 'api_key'),
      origin,
      path: url.pathname,
      ...(stale ? { lastUpdated: stale.lastUpdated ?? weekBefore(dataset[endpoint].lastUpdated) } : {}),
    });
    entry.status = answer.status;
    const linked = answer.next && failure?.kind !== 'nolink';
    const headers: Record<string, string> = linked ? { Link: `<${answer.next}>; rel="next"` } : {};
    if (failure?.kind === 'truncate') {
      // Promise the whole body, send half, then cut the connection.
      const { outgoing } = rawResponse(c, 'truncate');
      const encoded = encodeBody(c, answer.status, answer.body, headers);
      outgoing.writeHead(encoded.status, encoded.headers);
      outgoing.write(encoded.bytes.subarray(0, Math.floor(encoded.bytes.length / 2)), () =>
        outgoing.destroy(),
      );
      return RESPONSE_ALREADY_SENT;
    }
    return respond(c, answer.status, answer.body, headers);
  });
  return { app, ...controls };
}

export type FakeOpenFda = ReturnType<typeof createFakeOpenFda>;

export interface StartOptions extends FakeOpenFdaOptions {
  /** Directory of device-*.json[.zip] files; default ../shared/data/openfda from the working directory. */
  dataDir?: string;
  /** Serve this dataset instead of loading dataDir. */
  dataset?: Dataset;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  addSamples?: boolean;
  log?: (line: string) => void;
}

export interface RunningFakeOpenFda extends FakeOpenFda {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = '../shared/data/openfda';

/** Loads the data (unless given) and serves the fake on a real port. */
export async function startFakeOpenFda(options: StartOptions = {}): Promise<RunningFakeOpenFda> {
  const loadOptions = {
    addSamples: options.addSamples ?? false,
    ...(options.log ? { log: options.log } : {}),
  };
  const dataset =
    options.dataset ?? (await loadDataset(resolve(options.dataDir ?? DEFAULT_DATA_DIR), loadOptions));
  const fake = createFakeOpenFda(dataset, options);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((done, fail) => {
    const s = serve({ fetch: fake.app.fetch, port: options.port ?? 0, hostname: host }, () =>
      done(s as Server),
    );
    s.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    ...fake,
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        // Keep-alive connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}
