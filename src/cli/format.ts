import type { MatchRunResult } from '../matching/run';
import type { ImportResult } from '../openfda/bulk/import';
import type { SyncResult } from '../openfda/sync';
import type { FeedStatus, TableCount } from '../status/queries';

const n = (value: number) => value.toLocaleString('en-US');

export function describeCounts(c: { added: number; updated: number; unchanged: number; skipped: number }) {
  return `${n(c.added)} added, ${n(c.updated)} updated, ${n(c.unchanged)} unchanged, ${n(c.skipped)} skipped`;
}

export function describeSync(result: Omit<SyncResult, 'feed'> & { feed: string }): string {
  const kind = result.full ? 'full sync' : 'sync';
  if (result.status === 'succeeded') {
    const note = result.note ? ` (${result.note})` : '';
    return `${result.feed}: ${kind} done: ${describeCounts(result.counts)} in ${n(result.pages)} pages, ${result.seconds.toFixed(1)} s${note}`;
  }
  return `${result.feed}: ${kind} ${result.status === 'busy' ? 'not started' : result.status}: ${result.error}`;
}

export function describeImport(result: ImportResult, seconds: number): string {
  const name = result.file.split(/[\\/]/).pop();
  if (result.status === 'succeeded') {
    return `${name}: ${n(result.records)} ${result.feed} records: ${describeCounts(result.counts)}, ${seconds.toFixed(1)} s`;
  }
  return `${name}: import failed: ${result.error}`;
}

export function describeStatus(
  counts: TableCount[],
  feeds: FeedStatus[],
  matching: { due: boolean; assets: number; recalls: number },
): string {
  const width = Math.max(...counts.map((c) => c.table.length));
  const lines = ['Rows per table:'];
  for (const c of counts) lines.push(`  ${c.table.padEnd(width)}  ${n(c.rows).padStart(10)}`);
  lines.push('', 'Feeds:');
  for (const f of feeds) {
    const parts = [f.lastSuccessAt ? `last synced ${f.lastSuccessAt}` : 'never synced'];
    if (f.running) parts.push('syncing now');
    else if (f.lastError) parts.push(`last attempt failed: ${f.lastError}`);
    if (f.lastRun) parts.push(`last run ${f.lastRun.mode} ${f.lastRun.status} at ${f.lastRun.startedAt}`);
    lines.push(`  ${f.feed.padEnd(14)} ${parts.join('; ')}`);
  }
  lines.push('', `Matching: ${describeDue(matching)}`);
  return lines.join('\n');
}

/** Whether suggestions are up to date: work a killed command left is never passed over in silence. */
function describeDue(matching: { due: boolean; assets: number; recalls: number }): string {
  // Marks with nothing due mean there are no assets to match them against.
  if (!matching.due && matching.assets + matching.recalls > 0)
    return 'no assets yet: recalls are matched once an inventory is imported (`vigil inventory import <file.csv>`)';
  if (!matching.due) return 'up to date';
  if (matching.assets + matching.recalls === 0) return 'never run yet: run `vigil match`';
  return `${n(matching.assets)} assets and ${n(matching.recalls)} recalls are not matched yet; the next sync or import matches them, or run \`vigil match\` now`;
}

export const noInventoryYet =
  'No assets are in the inventory yet to match recalls to: run `vigil inventory import <file.csv>`.';

export function describeMatching(result: MatchRunResult): string {
  const { high, medium, low } = result.byConfidence;
  // With no inventory the recalls are not read at all, so the assets are the first thing missing.
  if (result.full && result.assetsMatched === 0) return noInventoryYet;
  if (result.full && result.recallsMatched === 0) {
    return 'No recalls are stored yet to match against: run `vigil sync`, or `vigil import` with openFDA bulk files.';
  }
  const what = result.full
    ? `matched every recall (${n(result.recallsMatched)}) against every asset (${n(result.assetsMatched)})`
    : `matched ${n(result.recallsMatched)} new or changed recalls and ${n(result.assetsMatched)} new or changed assets`;
  return `${what}: ${n(high)} high, ${n(medium)} medium and ${n(low)} low confidence suggestions, ${result.seconds.toFixed(1)} s`;
}
