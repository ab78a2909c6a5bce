import type { Facet } from '../../views/events/event-trends';
import type { GroupCount } from './selection';

export type { Facet };

/** MAUDE spells one brand several ways in case; upper-cased they count as one. */
export const asOne = (value: string) => value.trim().toUpperCase();

/**
 * Counts of the reports by a value of their group, most first, blanks left out. `normalise`
 * runs once per distinct value (a large maker's result has over 10,000 groups but a few
 * hundred brands), and values it makes equal are counted together.
 */
export function tally(
  counts: GroupCount[],
  by: (c: GroupCount) => string | null,
  limit: number,
  normalise: (value: string) => string = (value) => value,
): Facet[] {
  const byValue = new Map<string, number>();
  for (const c of counts) {
    const value = by(c);
    if (value) byValue.set(value, (byValue.get(value) ?? 0) + c.reports);
  }
  const totals = new Map<string, number>();
  for (const [value, count] of byValue) {
    const key = normalise(value);
    if (key) totals.set(key, (totals.get(key) ?? 0) + count);
  }
  return [...totals]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit);
}
