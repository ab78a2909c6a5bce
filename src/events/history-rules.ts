/**
 * The rules of fetching a MAUDE history on request, as pure functions: what may be asked, the
 * openFDA searches that answer it, and whether an ask starts a fetch or points at one already made.
 */

import type { HistoryKind } from '../../views/events/event-history';
import { allOf, exists, missing, phrase, sanitizeValue, wrapSearch } from '../openfda/search';

export type { HistoryKind };

/** What a person asks for: a manufacturer's name or a product code. */
export type HistoryAsk = { kind: HistoryKind; value: string };

/** A fetch as the rules see it. */
export type FetchState = {
  id: number;
  kind: HistoryKind;
  value: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string;
  pid: number | null;
};

/** A fetch that succeeded this recently is not repeated unless the person insists. */
export const repeatAfterDays = 7;

/** A running fetch that has not stored a page for this long is taken to be dead (as a sync lock). */
export const staleAfterMs = 15 * 60_000;

/**
 * At most this many reports per fetch: newest first, so a capped fetch keeps the recent years.
 * 100 requests of 1,000, well inside openFDA's daily allowance (1,000 requests without a key).
 */
export const defaultMaxRecords = 100_000;

/** Reads what was asked; a problem comes back in words a person can act on. */
export function readHistoryAsk(
  kind: unknown,
  value: unknown,
): { ok: true; ask: HistoryAsk } | { ok: false; problem: string } {
  const typed = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  if (kind === 'product_code') {
    if (!/^[A-Za-z]{3}$/.test(typed))
      return { ok: false, problem: 'A product code is three letters, such as FRN.' };
    return { ok: true, ask: { kind, value: typed.toUpperCase() } };
  }
  if (kind === 'manufacturer') {
    // A name of one or two letters would ask openFDA for a large part of MAUDE.
    if (sanitizeValue(typed).replace(/[^0-9A-Za-z]/g, '').length < 3)
      return {
        ok: false,
        problem: 'Give at least three letters of the manufacturer’s name, as MAUDE spells it.',
      };
    return { ok: true, ask: { kind, value: typed } };
  }
  return { ok: false, problem: 'Choose a manufacturer or a product code.' };
}

/** The field clause: openFDA matches the words of a manufacturer's name, a product code whole. */
function clauseOf(ask: HistoryAsk): string {
  return ask.kind === 'manufacturer'
    ? phrase('device.manufacturer_d_name', ask.value)
    : phrase('device.device_report_product_code', ask.value);
}

/**
 * The searches that fetch a whole history: the dated reports newest first (search_after paging,
 * so openFDA's 25,000 skip limit does not apply), then the few with no date_received, which a
 * date sort cannot reach (as the sync does).
 */
export function historySearches(ask: HistoryAsk): { search: string; sort: string | undefined }[] {
  const clause = clauseOf(ask);
  return [
    { search: wrapSearch(allOf([clause, exists('date_received')])), sort: 'date_received:desc' },
    { search: wrapSearch(allOf([clause, missing('date_received')])), sort: undefined },
  ];
}

export type Decision =
  | { outcome: 'start' }
  | { outcome: 'running'; fetch: FetchState }
  | { outcome: 'recent'; fetch: FetchState };

/** Whether a fetch marked running is really under way: alive and writing. */
export function isAbandoned(fetch: FetchState, now: Date, alive: (pid: number) => boolean): boolean {
  if (fetch.status !== 'running') return false;
  if (fetch.pid !== null && !alive(fetch.pid)) return true;
  return now.getTime() - Date.parse(fetch.heartbeatAt) > staleAfterMs;
}

/**
 * What an ask does, given the earlier fetches of the same value (newest first, abandoned ones
 * already closed): a running one is watched rather than doubled; one that succeeded in the last
 * week is pointed at unless forced; otherwise a fetch starts.
 */
export function decide(earlier: FetchState[], now: Date, force: boolean): Decision {
  const running = earlier.find((f) => f.status === 'running');
  if (running) return { outcome: 'running', fetch: running };
  const since = now.getTime() - repeatAfterDays * 86_400_000;
  const recent = earlier.find(
    (f) => f.status === 'succeeded' && f.finishedAt !== null && Date.parse(f.finishedAt) >= since,
  );
  if (recent && !force) return { outcome: 'recent', fetch: recent };
  return { outcome: 'start' };
}

/** Where the reports of a fetch are searched locally. */
export function searchLink(ask: HistoryAsk): string {
  const param = ask.kind === 'manufacturer' ? 'manufacturer' : 'productCode';
  return `/events?${new URLSearchParams({ [param]: ask.value })}`;
}
