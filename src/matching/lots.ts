import { identifierMatches, normaliseIdentifier, versionAffected } from './extract';
import type { AssetProfile, RecallProfile } from './profiles';

export type LotStatus = 'affected' | 'not_affected' | 'unknown';

/**
 * Where the recall lists serial or lot numbers: whether this asset's is among them. A serial
 * settles it either way; a list the text leaves open ("including", cut off) cannot clear a
 * device; an asset with no serial or lot on record is "unknown", to be checked by hand.
 */
export function lotStatus(
  asset: AssetProfile,
  recall: RecallProfile,
): { status: LotStatus; reason: string } | null {
  const { serials, lots } = recall;
  const listsSerials = serials.values.length > 0 || serials.ranges.length > 0;
  const listsLots = lots.values.length > 0 || lots.ranges.length > 0;
  if (!listsSerials && !listsLots) return null;
  if (listsSerials && asset.serial) {
    const verdict = identifierMatches(serials, normaliseIdentifier(asset.serial));
    if (verdict === 'in') return { status: 'affected', reason: `serial ${asset.serial} is listed` };
    if (verdict === 'out')
      return { status: 'not_affected', reason: `serial ${asset.serial} is not among the listed serials` };
  }
  if (listsLots && asset.lot) {
    const verdict = identifierMatches(lots, normaliseIdentifier(asset.lot));
    if (verdict === 'in') return { status: 'affected', reason: `lot ${asset.lot} is listed` };
    if (verdict === 'out')
      return { status: 'not_affected', reason: `lot ${asset.lot} is not among the listed lots` };
  }
  const what = listsSerials ? 'serial numbers' : 'lot numbers';
  const held = listsSerials ? asset.serial : asset.lot;
  return {
    status: 'unknown',
    reason: held
      ? `the recall lists ${what}; whether ${held} is among them cannot be told`
      : `the recall lists ${what}; this asset has none on record`,
  };
}

/** A note on software versions, where both the recall and the asset name one. */
export function versionNote(asset: AssetProfile, recall: RecallProfile): string | null {
  if (!asset.softwareVersion || recall.versions.length === 0) return null;
  const verdict = versionAffected(recall.versions, asset.softwareVersion);
  if (verdict === 'yes') return `software ${asset.softwareVersion} is among the affected versions`;
  if (verdict === 'no') return `software ${asset.softwareVersion} is not among the affected versions`;
  return null;
}
