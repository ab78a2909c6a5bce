import { gunzipSync } from 'node:zlib';
import { Agent, type Dispatcher, request } from 'undici';
import { sleepFor } from '../shared/sleep';
import { nextLink } from './link';
import { RequestWindow } from './rate-limit';
import {
  defaultRetryPolicy,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDelayMs,
} from './retry';

export type Endpoint = 'device/recall' | 'device/enforcement' | 'device/event' | 'device/classification';

export type PageQuery = { search?: string; sort?: string; limit: number };

export type Page = {
  results: unknown[];
  /** meta.results.total: the whole query's total, the same on every page. */
  total: number;
  /** meta.last_updated: when openFDA last reloaded the endpoint. */
  lastUpdated: string | null;
};

export type FailureKind = 'unreachable' | 'throttled' | 'server' | 'rejected' | 'auth' | 'malformed';

/** A request that failed for good; the message says what happened and what to do about it. */
export class OpenFdaError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OpenFdaError';
  }
}

export type RetryNotice = { attempt: number; delayMs: number; reason: string };

export type ClientOptions = {
  baseUrl: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  requestsPerMinute: number;
  /** Tests pass their own; by default one keep-alive agent per client. */
  dispatcher?: Dispatcher;
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (notice: RetryNotice) => void;
};

export type OpenFdaClient = {
  readonly baseUrl: string;
  /**
   * Every page of a query, following search_after Links until the data ends. Aborting the signal
   * stops the request in flight and any wait before a retry; the signal's reason is thrown.
   */
  pages(endpoint: Endpoint, query: PageQuery, signal?: AbortSignal): AsyncGenerator<Page>;
  close(): Promise<void>;
};

type Outcome = { kind: 'page'; page: Page; next: string | null } | { kind: 'no-matches' };

/** A failure worth another try, and why. */
class Transient extends Error {
  constructor(
    readonly reason: string,
    readonly kind: FailureKind,
    readonly retryAfterMs: number | null = null,
    readonly status?: number,
  ) {
    super(reason);
  }
}

export function createOpenFdaClient(options: ClientOptions): OpenFdaClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const ownAgent = options.dispatcher
    ? null
    : new Agent({ connect: { timeout: options.timeoutMs }, keepAliveTimeout: 30_000 });
  const dispatcher = options.dispatcher ?? ownAgent!;
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry, maxRetries: options.maxRetries };
  const sleep = options.sleep ?? sleepFor;
  const window = new RequestWindow(options.requestsPerMinute, Date.now, sleep);

  /** The gateway strips api_key before the backend builds Link URLs, so it is added back every time. */
  function urlFor(endpoint: Endpoint, params: URLSearchParams): string {
    const all = new URLSearchParams();
    if (options.apiKey) all.set('api_key', options.apiKey);
    for (const [k, v] of params) if (k !== 'api_key') all.append(k, v);
    return `${baseUrl}/${endpoint}.json?${all}`;
  }

  /**
   * One request. `partWay`: records the query counts are still to come, so a "No matches found"
   * is a fault to retry, not the end of the data.
   */
  async function attempt(url: string, signal: AbortSignal | undefined, partWay: boolean): Promise<Outcome> {
    let res: Dispatcher.ResponseData;
    let body: string;
    try {
      res = await request(url, {
        dispatcher,
        signal,
        headers: { accept: 'application/json', 'accept-encoding': 'gzip' },
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      body = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new Transient(describeNetworkError(error), 'unreachable');
    }
    const parsed = parseJson(body);
    if (res.statusCode === 200) {
      if (!isEnvelope(parsed))
        throw new Transient(`${notAnEnvelope(body, parsed)} with HTTP 200`, 'malformed');
      const link = res.headers.link;
      return {
        kind: 'page',
        page: {
          results: parsed.results,
          total: parsed.meta?.results?.total ?? parsed.results.length,
          lastUpdated: parsed.meta?.last_updated ?? null,
        },
        next: nextLink(typeof link === 'string' || Array.isArray(link) ? link : undefined),
      };
    }
    const apiError = errorOf(parsed);
    if (res.statusCode === 404 && apiError?.code === 'NOT_FOUND') {
      if (partWay)
        throw new Transient('"No matches found" part-way through the results', 'server', null, 404);
      return { kind: 'no-matches' };
    }
    const detail = apiError ? `${apiError.code}: ${apiError.message}` : whatCameBack(body);
    if (isRetryableStatus(res.statusCode)) {
      const header = res.headers['retry-after'];
      throw new Transient(
        `HTTP ${res.statusCode} (${detail})`,
        res.statusCode === 429 ? 'throttled' : 'server',
        parseRetryAfter(typeof header === 'string' ? header : undefined, new Date()),
        res.statusCode,
      );
    }
    if (res.statusCode === 401 || res.statusCode === 403) {
      throw new OpenFdaError(
        `openFDA refused the request (HTTP ${res.statusCode}, ${detail}): check OPENFDA_API_KEY`,
        'auth',
        res.statusCode,
      );
    }
    throw new OpenFdaError(
      `openFDA rejected the request (HTTP ${res.statusCode}, ${detail})`,
      'rejected',
      res.statusCode,
    );
  }

  async function fetchWithRetries(
    url: string,
    signal: AbortSignal | undefined,
    partWay: boolean,
  ): Promise<Outcome> {
    for (let retry = 0; ; retry++) {
      await window.take();
      try {
        return await attempt(url, signal, partWay);
      } catch (error) {
        if (!(error instanceof Transient)) throw error;
        if (retry >= policy.maxRetries) {
          const tries = retry + 1;
          throw new OpenFdaError(
            error.kind === 'unreachable'
              ? `openFDA at ${baseUrl} could not be reached after ${tries} attempts (${error.reason}); check the network or OPENFDA_BASE_URL`
              : `openFDA kept failing after ${tries} attempts (${error.reason}); try again later`,
            error.kind,
            error.status,
          );
        }
        const delayMs = retryDelayMs(policy, retry + 1, error.retryAfterMs);
        options.onRetry?.({ attempt: retry + 1, delayMs, reason: error.reason });
        await sleep(delayMs, signal);
      }
    }
  }

  return {
    baseUrl,
    async *pages(endpoint, query, signal) {
      const first = new URLSearchParams();
      if (query.search) first.set('search', query.search);
      if (query.sort) first.set('sort', query.sort);
      first.set('limit', String(query.limit));
      let url: string | null = urlFor(endpoint, first);
      // Counted against meta.results.total, the query's count on every page: pages that end
      // before it are an incomplete answer, never the end of the data.
      let received = 0;
      let total = 0;
      while (url) {
        const outcome = await fetchWithRetries(url, signal, received > 0 && received < total);
        // 404 "No matches found!" is an empty result on the first page, and the documented end of
        // data after a full last page (openFDA issue #216) once every counted record has come.
        if (outcome.kind === 'no-matches') return;
        received += outcome.page.results.length;
        total = outcome.page.total;
        yield outcome.page;
        url = outcome.next ? urlFor(endpoint, new URL(outcome.next, baseUrl).searchParams) : null;
      }
      if (received < total)
        throw new OpenFdaError(
          `openFDA's pages ended after ${received.toLocaleString('en-US')} of the ${total.toLocaleString('en-US')} records its search counts; what came is stored and the next run carries on`,
          'server',
        );
    },
    async close() {
      await ownAgent?.close();
    },
  };
}

type Envelope = {
  meta?: { last_updated?: string; results?: { total?: number } };
  results: unknown[];
};

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && Array.isArray((value as Envelope).results);
}

function errorOf(value: unknown): { code: string; message: string } | null {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!error || typeof error.code !== 'string') return null;
  return { code: error.code, message: String(error.message ?? '') };
}

/** What came back instead of openFDA's JSON, in a few words (never a page of HTML). */
function whatCameBack(body: string): string {
  const text = body.trim();
  if (!text) return 'an empty body';
  if (/^<(!doctype|html|head|body)\b/i.test(text) || /<html[\s>]/i.test(text.slice(0, 500))) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
    return title ? `an HTML page titled "${title.slice(0, 80)}"` : 'an HTML page';
  }
  const start = text.replace(/\s+/g, ' ');
  return start.length > 80 ? `"${start.slice(0, 80)}…"` : `"${start}"`;
}

/** Why a 200's body is not a page of results. */
function notAnEnvelope(body: string, parsed: unknown): string {
  if (parsed === undefined && /^\s*[{[]/.test(body)) return 'a JSON body cut off or malformed';
  if (parsed === undefined) return `${whatCameBack(body)} instead of JSON`;
  return 'JSON without a list of results';
}

function describeNetworkError(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const message = e.cause?.message ?? e.message ?? String(error);
  return code ? `${code}: ${message}` : message;
}
