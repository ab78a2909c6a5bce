import type { Actor } from './audit/log';
import type { Db } from './db/client';
import type { Logger } from './log';
import { matchingDue } from './matching/pending';
import type { MatchRunResult } from './matching/run';
import { openCases } from './recalls/cases';
import { countedDevices } from './recalls/counted';
import { foldJoinedNotices } from './recalls/fold';
import { takeUpCase } from './recalls/service';
import { linkNotices } from './sources/linking';

/**
 * What follows a change to the data, in one place: the server, the command line and the pages
 * call these after a sync, an import, an inventory change or a decision, and none of them
 * strings the steps together itself. The matching engine only scores pairs; opening the
 * workflow's cases for what it found is a step of its own, here.
 */

export type PipelineDeps = { db: Db; now: () => Date; log: Logger };

export type MatchedAndOpened = MatchRunResult & { casesOpened: number };

/**
 * Cases follow the stored matches: early notices are first joined to the openFDA recalls that
 * tell the same event, and a joined notice's case is folded into its recall's (one event, one
 * case), then every recall that matches a device and has no case opens one.
 */
function joinAndOpenCases(deps: { db: Db; now: () => Date }): number {
  linkNotices(deps.db, deps.now(), (key) => countedDevices(deps.db, key));
  foldJoinedNotices(deps.db, deps.now());
  return openCases(deps.db, deps.now());
}

/** Matches recalls to the inventory (what changed, or everything), then opens cases for new matches. */
export async function matchAndOpenCases(
  deps: PipelineDeps,
  options: { full?: boolean } = {},
): Promise<MatchedAndOpened> {
  // Loaded when there is something to match: an import or sync that changed no recall never pays for it.
  const { runMatching } = await import('./matching/run');
  const run = await runMatching(deps, options);
  return { ...run, casesOpened: joinAndOpenCases(deps) };
}

/**
 * Matches whatever is not yet matched, if anything is: also when the server starts, for work a
 * killed command left.
 */
export async function matchWhatIsDue(deps: PipelineDeps): Promise<MatchedAndOpened | null> {
  if (matchingDue(deps.db)) return matchAndOpenCases(deps);
  // Cases follow the stored matches, not this run: a process killed after matching stored its
  // suggestions but before it opened their cases left matches with no case.
  joinAndOpenCases(deps);
  return null;
}

/**
 * After a sync or a bulk import: what is not yet matched is matched, and new MAUDE reports go
 * into the narrative index (`indexEvents`: at once on the command line, between requests in the
 * server). Both follow what the database holds as not yet done (see matching/pending.ts and the
 * index's backlog), not what this run changed: a run killed after its last page but before
 * matching left work that the next run, which may change nothing, must still do. Nothing
 * follows a run that was stopped.
 */
export async function afterLoad(
  deps: PipelineDeps & { indexEvents: () => void },
  signal?: AbortSignal,
): Promise<{ matched: MatchedAndOpened | null }> {
  const matched = signal?.aborted ? null : await matchWhatIsDue(deps);
  // The index keeps its own backlog: cheap to ask when it has none.
  if (!signal?.aborted) deps.indexEvents();
  return { matched };
}

/**
 * After an inventory import (not a dry run): the new and changed assets are matched at once, and
 * whatever an earlier, killed import left unmatched with them.
 */
export async function afterInventoryChange(
  deps: PipelineDeps,
  result: { written: boolean },
): Promise<MatchedAndOpened | null> {
  return result.written ? matchWhatIsDue(deps) : null;
}

/**
 * After a person decided about a pair or a device: a confirmed match, or one put back, may open a
 * case; and the first decision a technician records on a case takes it up (acknowledged and
 * assigned to them, see takenUpBy), so nobody has to move it by hand before the work. A person
 * joining a notice to its recall is such a decision: the notice's case folds into the recall's.
 */
export function afterDecision(
  deps: { db: Db; now: () => Date },
  decided?: { productResNumber: string; by: Actor },
): void {
  // A confirmed device may make a notice and a recall match the same devices: linked, then folded.
  joinAndOpenCases(deps);
  if (decided) takeUpCase(deps.db, decided.productResNumber, decided.by, deps.now());
}
