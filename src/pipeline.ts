import type { Db } from './db/client';
import type { Logger } from './log';
import type { MatchRunResult } from './matching/run';
import type { FeedName } from './openfda/feeds';
import { openCases } from './recalls/cases';

/**
 * What follows a change to the data, in one place: the server, the command line and the pages
 * call these after a sync, an import, an inventory change or a decision, and none of them
 * strings the steps together itself. The matching engine only scores pairs; opening the
 * workflow's cases for what it found is a step of its own, here.
 */

export type PipelineDeps = { db: Db; now: () => Date; log: Logger };

/** What a sync or a bulk import reports of each feed it loaded. */
export type Loaded = { feed: FeedName | null; counts: { added: number; updated: number } };

export type MatchedAndOpened = MatchRunResult & { casesOpened: number };

const changed = (results: Loaded[], feeds: FeedName[]) =>
  results.some((r) => r.feed !== null && feeds.includes(r.feed) && r.counts.added + r.counts.updated > 0);

/** Matches recalls to the inventory (what changed, or everything), then opens cases for new matches. */
export async function matchAndOpenCases(
  deps: PipelineDeps,
  options: { full?: boolean } = {},
): Promise<MatchedAndOpened> {
  // Loaded when there is something to match: an import or sync that changed no recall never pays for it.
  const { runMatching } = await import('./matching/run');
  const run = await runMatching(deps, options);
  return { ...run, casesOpened: openCases(deps.db, deps.now()) };
}

/**
 * After a sync or a bulk import: new and revised recalls are matched as soon as they are
 * stored, and new MAUDE reports go into the narrative index (`indexEvents`: at once on the
 * command line, between requests in the server). Nothing follows a run that was stopped.
 */
export async function afterLoad(
  deps: PipelineDeps & { indexEvents: () => void },
  results: Loaded[],
  signal?: AbortSignal,
): Promise<{ matched: MatchedAndOpened | null }> {
  let matched: MatchedAndOpened | null = null;
  if (changed(results, ['recall', 'enforcement']) && !signal?.aborted)
    matched = await matchAndOpenCases(deps);
  if (changed(results, ['event']) && !signal?.aborted) deps.indexEvents();
  return { matched };
}

/** After an inventory import wrote assets: the new and changed ones are matched at once. */
export async function afterInventoryChange(
  deps: PipelineDeps,
  result: { written: boolean; added: number; updated: number },
): Promise<MatchedAndOpened | null> {
  if (!result.written || result.added + result.updated === 0) return null;
  return matchAndOpenCases(deps);
}

/** After a person decided about a pair: a confirmed match, or one put back, may open a case. */
export function afterDecision(deps: { db: Db; now: () => Date }): void {
  openCases(deps.db, deps.now());
}
