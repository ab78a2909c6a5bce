import type { KnownRecall } from './known';

/**
 * A low-confidence suggestion nobody has confirmed is more often noise than a lead, so the
 * incident page folds those away; a match a person confirmed is shown whatever its score.
 */
export function isFaintRecall(r: Pick<KnownRecall, 'confidence' | 'decision'>): boolean {
  return r.confidence === 'low' && r.decision !== 'confirmed';
}
