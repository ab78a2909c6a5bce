import type { Db } from '../db/client';
import type { Logger } from '../log';
import type { OpenFdaClient } from './client';
import { toIsoDate } from './dates';
import { type FeedName, feeds } from './feeds';
import type { Unit } from './plan';
import { advanceCursors, countPage, heartbeat } from './runs';
import { addCounts, createRecordStore, noWrites, prepareAll } from './store';

export type PullProgress = {
  feed: FeedName;
  phase: Unit['phase'];
  pages: number;
  records: number;
  total: number;
};

type PullContext = {
  db: Db;
  client: OpenFdaClient;
  now: () => Date;
  log: Logger;
  feed: FeedName;
  runId: number;
  lockToken: string;
  full: boolean;
  pageSize: number;
  today: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: PullProgress) => void) | undefined;
};

/** The newest date among a page's records, ignoring dates in the future (data-entry errors). */
function newestDate(records: unknown[], field: string, today: string): string | null {
  let newest: string | null = null;
  for (const record of records) {
    const day = toIsoDate((record as Record<string, unknown> | null)?.[field]);
    if (day && day <= today && (!newest || day > newest)) newest = day;
  }
  return newest;
}

function keyOf(record: unknown, field: string): string | null {
  const value = (record as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value.trim() : null;
}

/**
 * Runs a sync's queries to the end of their pages. Each page's records, the run's counters, the
 * advanced cursor and the lock's heartbeat commit in one transaction, so a process killed at any
 * moment leaves all of a page or none of it, and the next run resumes after the last one stored.
 */
export function createPuller(ctx: PullContext) {
  const { db, feed } = ctx;
  const { dateField, endpoint, localOpen } = feeds[feed];
  const store = createRecordStore(db, ctx.now);
  const state = {
    pages: 0,
    counts: noWrites(),
    lastUpdated: null as string | null,
    /** Cursor scopes this run moved, to be marked finished when it succeeds. */
    touched: new Set<string>(),
    /** Keys openFDA listed as still open. */
    stillOpen: new Set<string>(),
  };

  async function pull(unit: Unit): Promise<void> {
    let records = 0;
    const query = { search: unit.search, sort: unit.sort, limit: ctx.pageSize };
    // Aborting the signal stops the request in flight; the pages already written stay.
    for await (const page of ctx.client.pages(endpoint, query, ctx.signal)) {
      state.lastUpdated = page.lastUpdated ?? state.lastUpdated;
      const seen = unit.phase === 'new' && dateField ? newestDate(page.results, dateField, ctx.today) : null;
      const written = store.writePage(feed, prepareAll(feed, page.results), ctx.runId, (pageCounts) => {
        countPage(db, ctx.runId, pageCounts);
        if (seen) {
          const resumePhase = ctx.full ? 'full' : 'new';
          advanceCursors(db, feed, unit.scopes, { resumePhase, resumeFrom: seen, seen }, ctx.now());
        }
        heartbeat(db, feed, ctx.lockToken, ctx.now());
      });
      for (const reject of written.rejects) {
        ctx.log.warn(`${feed}: skipped record ${reject.key ?? '(no key)'}: ${reject.reason}`);
      }
      addCounts(state.counts, written.counts);
      if (unit.phase === 'open' && localOpen) {
        for (const record of page.results) {
          const key = keyOf(record, localOpen.field);
          if (key) state.stillOpen.add(key);
        }
      }
      for (const scope of unit.scopes) state.touched.add(scope);
      state.pages++;
      records += page.results.length;
      ctx.onProgress?.({ feed, phase: unit.phase, pages: state.pages, records, total: page.total });
    }
  }

  return { pull, state };
}
