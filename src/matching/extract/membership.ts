import { normaliseIdentifier } from './normalise';
import { rangeContains } from './order';
import type { IdentifierSet } from './types';

/**
 * Whether an asset's lot or serial number is one a recall lists: 'in' when it is listed or falls
 * in a listed range; 'out' only when the list is complete and every range could be judged;
 * otherwise 'unknown'. A recall that lists nothing never rules an asset out.
 */
export function identifierMatches(set: IdentifierSet, value: string): 'in' | 'out' | 'unknown' {
  const wanted = normaliseIdentifier(value);
  if (!wanted) return 'unknown';
  if (set.values.some((v) => normaliseIdentifier(v) === wanted)) return 'in';
  const answers = set.ranges.map((r) => rangeContains(r, value));
  if (answers.includes(true)) return 'in';
  const listed = set.values.length + set.ranges.length > 0;
  return set.complete && listed && !answers.includes(null) ? 'out' : 'unknown';
}
