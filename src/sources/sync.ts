import type { Db } from '../db/client';
import { isDamage } from '../db/health';
import type { Logger } from '../log';
import {
  acquireFeedLock,
  closeAbandonedRuns,
  countPage,
  endRunAfterError,
  finishRun,
  releaseFeedLock,
  SyncBusyError,
  startRun,
} from '../openfda/runs';
import { addCounts, noWrites, type WriteCounts } from '../openfda/store';
import type { SourceFetcher } from './fetch';
import type { EarlyNotice, ReadNotices, SourceName } from './notice';
import { pageReaders, readList } from './readers';
import { asNotice, notePageError, notePageGone, noticesToRead, saveSourceState, storeNotices } from './store';

export type SourceSettings = {
  /** Where each source is read from; its real address unless a test or a mirror says otherwise. */
  urls: { healthCanada: string; fda: string; govUk: string };
  /** Notices older than this many days are not early any more, and are left to openFDA. */
  days: number;
  /** Pages read per run for firm, models and lots: the rest wait for the next run. */
  pagesPerRun: number;
};

export type SourceDeps = {
  db: Db;
  fetcher: SourceFetcher;
  now: () => Date;
  log: Logger;
  settings: SourceSettings;
};

export type SourceSyncResult = {
  feed: SourceName;
  status: 'succeeded' | 'failed' | 'interrupted' | 'busy';
  runId: number | null;
  full: false;
  pages: number;
  counts: WriteCounts;
  seconds: number;
  error?: string;
  note?: string;
};

export type SourceProgress = {
  feed: SourceName;
  phase: string;
  pages: number;
  records: number;
  total: number;
};

const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A source's own address for a page, on the host configured for the source. */
export function onHost(address: string, base: string): string {
  try {
    const url = new URL(address);
    return `${base}${url.pathname}${url.search}`;
  } catch {
    return `${base}${address.startsWith('/') ? '' : '/'}${address}`;
  }
}

/** Only what is recent is early: older notices are openFDA's to tell. */
export function recentOnly(read: ReadNotices, since: string): ReadNotices {
  const recent = (n: EarlyNotice) => {
    const day = n.sourceUpdated ?? n.noticeDate;
    const archived = (n.raw as Record<string, unknown> | null)?.Archived === '1';
    return !archived && (day === null || day >= since);
  };
  return { notices: read.notices.filter(recent), rejects: read.rejects };
}

/**
 * Brings one early source up to date: its list (the whole file, the feed, or the search since
 * the last day read), stored as notices, then the pages of new and edited notices for the firm,
 * models and lots the list leaves out. Runs like an openFDA feed: one at a time (the feed lock),
 * recorded in sync_runs, each write committed with the run's counts, so a killed run loses no
 * more than the request in flight and the next run carries on (pages still to read stay marked).
 */
export async function syncSource(
  deps: SourceDeps,
  name: SourceName,
  options: { signal?: AbortSignal; onProgress?: (p: SourceProgress) => void } = {},
): Promise<SourceSyncResult> {
  const { db, now, log } = deps;
  const started = Date.now();
  const result: SourceSyncResult = {
    feed: name,
    status: 'succeeded',
    runId: null,
    full: false,
    pages: 0,
    counts: noWrites(),
    seconds: 0,
  };
  const done = (status: SourceSyncResult['status'], extra: { error?: string; note?: string } = {}) => ({
    ...result,
    status,
    seconds: (Date.now() - started) / 1000,
    ...extra,
  });
  let token: string;
  try {
    token = acquireFeedLock(db, name, now());
  } catch (error) {
    if (error instanceof SyncBusyError) return done('busy', { error: error.message });
    throw error;
  }
  let damaged = false;
  try {
    closeAbandonedRuns(db, now());
    const runId = startRun(db, name, 'incremental', deps.settings.urls[baseOf(name)], now());
    result.runId = runId;
    const run = { id: runId, source: name, count: (c: WriteCounts) => countPage(db, runId, c) };
    const since = shiftDay(now().toISOString().slice(0, 10), -deps.settings.days);
    // The run's counts are the list's notices; a page read adds what the notice lacked, and is
    // counted as a page, not as another update.
    // `pageRead`: what is stored holds the whole notice (a page, or MHRA's content items).
    const store = (read: ReadNotices, from: { page: boolean; pageRead: boolean }) => {
      const pageRun = { ...run, count: () => countPage(db, runId, noWrites()) };
      const counts = storeNotices(
        db,
        read.notices,
        read.rejects,
        from.page ? pageRun : run,
        now(),
        from.pageRead,
      );
      if (!from.page) addCounts(result.counts, counts);
      result.pages++;
      for (const r of read.rejects) log.warn(`${name}: skipped record ${r.key ?? '(no key)'}: ${r.reason}`);
    };
    const listed = await readList(deps, name, since, options.signal);
    if (listed.kind === 'unchanged') {
      result.note = 'the source has not changed since the last read';
    } else {
      store(recentOnly(listed.read, since), { page: false, pageRead: listed.pagesRead });
      saveSourceState(db, name, listed.state);
      options.onProgress?.({
        feed: name,
        phase: 'list',
        pages: 1,
        records: listed.read.notices.length,
        total: 0,
      });
    }
    let pagesFailed = 0;
    const readPage = pageReaders[name];
    if (readPage) {
      const waiting = noticesToRead(db, name, deps.settings.pagesPerRun);
      for (const [i, held] of waiting.entries()) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (!held.url) {
          notePageGone(db, held.noticeKey, now());
          continue;
        }
        const address = onHost(held.url, deps.settings.urls[baseOf(name)]);
        try {
          const page = await deps.fetcher.get(address, { signal: options.signal });
          if (page.status === 'not-found') notePageGone(db, held.noticeKey, now());
          else if (page.status === 'ok') {
            const notice = readPage(asNotice(held), page.body);
            store({ notices: [notice], rejects: [] }, { page: true, pageRead: true });
          }
        } catch (error) {
          if (options.signal?.aborted) throw error;
          pagesFailed++;
          const message = (error as Error).message;
          notePageError(db, held.noticeKey, message);
          log.warn(`${name}: the page of ${held.noticeKey} could not be read: ${message}`);
        }
        options.onProgress?.({
          feed: name,
          phase: 'pages',
          pages: i + 1,
          records: i + 1,
          total: waiting.length,
        });
      }
    }
    saveSourceState(db, name, {});
    const note = [
      result.note,
      pagesFailed ? `${pagesFailed} pages could not be read and are tried again next time` : null,
    ]
      .filter(Boolean)
      .join('; ');
    finishRun(db, name, runId, { status: 'succeeded', full: false, sourceLastUpdated: null }, now());
    return done('succeeded', note ? { note } : {});
  } catch (error) {
    // A damaged file stops everything, with nothing more written to it (not even the lock's release).
    damaged = isDamage(error);
    const ended = endRunAfterError({ db, log, now: now() }, name, result.runId, error, options.signal);
    return done(ended.status, { error: ended.error });
  } finally {
    if (!damaged) releaseFeedLock(db, name, token);
  }
}

/** Which configured address serves a source. */
export function baseOf(name: SourceName): keyof SourceSettings['urls'] {
  return name === 'health-canada' ? 'healthCanada' : name === 'fda-rss' ? 'fda' : 'govUk';
}

/** Syncs several sources one after another; a failure of one does not stop the others. */
export async function syncSources(
  deps: SourceDeps,
  names: SourceName[],
  options: { signal?: AbortSignal; onProgress?: (p: SourceProgress) => void } = {},
): Promise<SourceSyncResult[]> {
  const results: SourceSyncResult[] = [];
  for (const name of names) {
    if (options.signal?.aborted) break;
    results.push(await syncSource(deps, name, options));
  }
  return results;
}
