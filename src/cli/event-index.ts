import type { Db } from '../db/client';
import { refreshEventSearch } from '../events/search-index';
import { terminalProgress } from './progress';

const n = (value: number) => value.toLocaleString('en-US');

/**
 * Brings the MAUDE narrative index up to date with a progress line on the terminal (a first
 * build of a million reports takes a while). Returns how many reports were indexed.
 */
export function indexEventsNow(db: Db): number {
  const progress = terminalProgress();
  const indexed = refreshEventSearch(db, (done, total) =>
    progress.update(`indexing MAUDE narratives: ${n(done)} of ${n(total)} reports`),
  );
  progress.done();
  return indexed;
}
