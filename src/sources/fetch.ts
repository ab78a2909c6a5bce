import { Agent, type Dispatcher, request } from 'undici';
import { isRetryableStatus, parseRetryAfter, retryDelayMs } from '../openfda/retry';
import { sleepFor } from '../shared/sleep';

/** A request to an early source that failed for good; the message says what to do. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export type Fetched =
  | { status: 'unchanged' }
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null }
  | { status: 'not-found' };

export type SourceFetcher = {
  /**
   * One GET, retried on 429, 408 and 5xx (Retry-After honoured) and on network failures. With
   * `since`, the server may answer 304: nothing changed since the copy we hold.
   */
  get(
    url: string,
    options?: { since?: { etag: string | null; lastModified: string | null }; signal?: AbortSignal },
  ): Promise<Fetched>;
  close(): Promise<void>;
};

export type FetcherOptions = {
  timeoutMs: number;
  maxRetries: number;
  /** The pause between two requests to one source, to stay a polite client. */
  politeMs: number;
  dispatcher?: Dispatcher;
};

const sleep = sleepFor;

const header = (value: string | string[] | undefined) => (typeof value === 'string' ? value : null);

export function createSourceFetcher(options: FetcherOptions): SourceFetcher {
  const own = options.dispatcher
    ? null
    : new Agent({ connect: { timeout: options.timeoutMs }, keepAliveTimeout: 30_000 });
  const dispatcher = options.dispatcher ?? own!;
  const policy = { maxRetries: options.maxRetries, baseDelayMs: 1000, maxDelayMs: 60_000 };
  let lastAt = 0;

  async function once(url: string, headers: Record<string, string>, signal?: AbortSignal) {
    const wait = lastAt + options.politeMs - Date.now();
    if (wait > 0) await sleep(wait, signal);
    lastAt = Date.now();
    const res = await request(url, {
      dispatcher,
      signal,
      headers,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const body = await res.body.text();
    return { res, body };
  }

  return {
    async get(url, { since, signal } = {}) {
      const headers: Record<string, string> = {
        accept: '*/*',
        'user-agent': 'Vigil (self-hosted recall tracking for hospital biomedical engineering)',
      };
      if (since?.etag) headers['if-none-match'] = since.etag;
      if (since?.lastModified) headers['if-modified-since'] = since.lastModified;
      for (let attempt = 0; ; attempt++) {
        let reason: string;
        let retryAfter: number | null = null;
        try {
          const { res, body } = await once(url, headers, signal);
          if (res.statusCode === 304) return { status: 'unchanged' };
          if (res.statusCode === 404 || res.statusCode === 410) return { status: 'not-found' };
          if (res.statusCode >= 200 && res.statusCode < 300) {
            return {
              status: 'ok',
              body,
              etag: header(res.headers.etag),
              lastModified: header(res.headers['last-modified']),
            };
          }
          if (!isRetryableStatus(res.statusCode)) {
            throw new SourceError(
              `${url} answered HTTP ${res.statusCode}; check the address set for this source`,
              res.statusCode,
            );
          }
          reason = `HTTP ${res.statusCode}`;
          retryAfter = parseRetryAfter(header(res.headers['retry-after']) ?? undefined, new Date());
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          if (error instanceof SourceError) throw error;
          reason = (error as Error).message || String(error);
        }
        if (attempt >= policy.maxRetries) {
          throw new SourceError(
            `${url} could not be read after ${attempt + 1} attempts (${reason}); what is stored is kept and the next sync tries again`,
          );
        }
        await sleep(retryDelayMs(policy, attempt + 1, retryAfter), signal);
      }
    },
    async close() {
      await own?.close();
    },
  };
}
