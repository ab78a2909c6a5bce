import type { Db } from '../db/client';
import type { Logger } from '../log';
import type { OpenFdaClient } from '../openfda/client';
import { createRecordStore, prepareAll } from '../openfda/store';
import type { SyncDeps } from '../openfda/sync';
import { finishHistoryFetch, noteHistoryPage } from './history-queries';
import { defaultMaxRecords, type HistoryAsk, historySearches } from './history-rules';
import { refreshEventSearch } from './search-index';

export type HistoryDeps = {
  db: Db;
  client: OpenFdaClient;
  now: () => Date;
  log: Logger;
  pageSize: number;
  /** Vigil's cap on one fetch (defaultMaxRecords unless a test asks for less). */
  maxRecords?: number;
  /**
   * Brings the narrative index up to date with what was stored: at once by default; the server
   * passes its index keeper, which indexes between requests instead of stalling them.
   */
  indexEvents?: () => void;
};

/** What a sync needs is what a history fetch needs. */
export const historyDeps = (sync: SyncDeps): HistoryDeps => ({
  db: sync.db,
  client: sync.client,
  now: sync.now,
  log: sync.log,
  pageSize: sync.settings.pageSize,
});

export type HistoryProgress = { pages: number; fetched: number; added: number; total: number };

export type HistoryResult =
  | { status: 'succeeded'; fetched: number; added: number; total: number; capped: boolean }
  | { status: 'failed'; fetched: number; added: number; total: number; error: string };

/**
 * Fetches the whole MAUDE history of a manufacturer or product code from openFDA into the local
 * store, for the fetch row `fetch.id` already opened (openHistoryFetch). Each page is stored,
 * upserting as a sync does, in one transaction with the row's progress: a fetch killed at any
 * moment keeps every page it stored, and asking again adds no duplicates. Paging follows openFDA's
 * search_after Links, retrying 429s and 5xx inside the client's rate limit; a failure for good
 * marks the fetch failed with the client's message. The narrative index is brought up to date
 * after each page and at the end either way, so what was stored becomes searchable as it comes.
 */
export async function fetchHistory(
  deps: HistoryDeps,
  fetch: HistoryAsk & { id: number },
  options: { signal?: AbortSignal; onProgress?: (progress: HistoryProgress) => void } = {},
): Promise<HistoryResult> {
  const { db, now, log } = deps;
  const store = createRecordStore(db, now);
  const cap = deps.maxRecords ?? defaultMaxRecords;
  const progress: HistoryProgress = { pages: 0, fetched: 0, added: 0, total: 0 };
  const label = `${fetch.kind === 'manufacturer' ? 'manufacturer' : 'product code'} ${fetch.value}`;
  const indexEvents = deps.indexEvents ?? (() => refreshEventSearch(db));
  let capped = false;
  try {
    // The totals of the searches done so far: the dated reports, then the undated ones.
    let totalBefore = 0;
    for (const { search, sort } of historySearches(fetch)) {
      let total = 0;
      const query = { search, sort, limit: Math.min(deps.pageSize, cap - progress.fetched) };
      for await (const page of deps.client.pages('device/event', query, options.signal)) {
        total = page.total;
        const records = page.results.slice(0, cap - progress.fetched);
        const written = store.writePage('event', prepareAll('event', records), null, (counts) =>
          noteHistoryPage(
            db,
            fetch.id,
            { records: records.length, added: counts.added, total: totalBefore + total },
            now(),
          ),
        );
        for (const reject of written.rejects)
          log.warn(`history of ${label}: skipped record ${reject.key ?? '(no key)'}: ${reject.reason}`);
        progress.pages++;
        progress.fetched += records.length;
        progress.added += written.counts.added;
        progress.total = totalBefore + total;
        options.onProgress?.({ ...progress });
        indexEvents();
        if (progress.fetched >= cap) break;
      }
      totalBefore += total;
      if (progress.fetched >= cap) {
        capped = progress.fetched < progress.total;
        break;
      }
    }
    finishHistoryFetch(db, fetch.id, { status: 'succeeded', capped }, now());
    log.info(`history of ${label}: ${progress.fetched} reports fetched, ${progress.added} new`);
    return { status: 'succeeded', ...progress, capped };
  } catch (error) {
    const reason = options.signal?.aborted
      ? 'the fetch was stopped (Vigil was shutting down)'
      : error instanceof Error
        ? error.message
        : String(error);
    const kept =
      progress.fetched > 0
        ? `The ${progress.fetched.toLocaleString('en-US')} reports stored before it stopped are kept; ask again to fetch the rest.`
        : 'Nothing was stored.';
    const message = `${reason}. ${kept}`;
    finishHistoryFetch(db, fetch.id, { status: 'failed', error: message }, now());
    log.error(`history of ${label} failed: ${reason}`);
    return { status: 'failed', ...progress, error: message };
  } finally {
    try {
      indexEvents();
    } catch (error) {
      log.error(
        `indexing MAUDE narratives after the history of ${label} failed: ${(error as Error).message}`,
      );
    }
  }
}
