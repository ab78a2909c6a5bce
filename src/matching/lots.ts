import {
  fitsWildcard,
  type IdentifierSet,
  identifierMatches,
  normaliseIdentifier,
  versionAffected,
} from './extract';
import type { AssetProfile, RecallProfile } from './profiles';

export type LotStatus = 'affected' | 'not_affected' | 'unknown';

type Verdict = { status: LotStatus; reason: string };

const listed = (set: IdentifierSet) => set.values.length + set.ranges.length + set.wildcards.length > 0;
const said = (quote: string | null) => (quote ? ` ("${quote}")` : '');

/** Whether a value is in a set: listed, in a range, or fitting a wildcard; 'out' only from a sure list. */
function within(set: IdentifierSet, value: string): 'in' | 'out' | 'unknown' {
  if (set.wildcards.some((w) => fitsWildcard(value, w))) return 'in';
  const verdict = identifierMatches(set, value);
  return verdict === 'out' && set.doubts.length > 0 ? 'unknown' : verdict;
}

/**
 * Where the recall lists serial or lot numbers, whether this asset's is among them, and the
 * recall's own words that decide it. Vigil says "not affected" only where it read the whole list
 * and is sure of its form; a list cut off, with a wildcard, a condition, "including", a table of
 * several kinds of number or numbers without a label leaves the asset "unknown", quoting what it
 * could not settle; "All serial numbers" makes it affected. An asset whose lot is recorded in its
 * serial field is looked for among the lots too.
 */
export function lotStatus(asset: AssetProfile, recall: RecallProfile): Verdict | null {
  const { serials, lots, coverage } = recall;
  const doubts = [...serials.doubts, ...lots.doubts, ...coverage.doubts];
  const says =
    listed(serials) || listed(lots) || coverage.all !== null || coverage.codes !== null || doubts.length > 0;
  if (!says) return null;
  if (coverage.all) return { status: 'affected', reason: `the recall covers every unit ("${coverage.all}")` };

  const held = [
    ...(asset.serial ? [{ what: 'serial', value: asset.serial, in: [serials, lots] }] : []),
    ...(asset.lot ? [{ what: 'lot', value: asset.lot, in: [lots, serials] }] : []),
  ];
  for (const { what, value, in: sets } of held) {
    for (const set of sets) {
      if (listed(set) && within(set, value) === 'in') {
        const as = set === lots ? 'lot' : 'serial';
        const note = as === what ? '' : ` as a ${as}`;
        return { status: 'affected', reason: `${what} ${value} is listed${note}${said(set.quote)}` };
      }
    }
    const codes = coverage.codes;
    if (codes?.values.some((c) => normaliseIdentifier(c) === normaliseIdentifier(value)))
      return { status: 'affected', reason: `${what} ${value} is among ${codes.why} ("${codes.quote}")` };
  }
  // Ruled out only by the list of its own kind, read whole and sure of its form.
  const own = (what: 'serial' | 'lot') => (what === 'serial' ? serials : lots);
  for (const { what, value } of held) {
    const set = own(what as 'serial' | 'lot');
    const sure = !coverage.codes && coverage.doubts.length === 0;
    if (sure && listed(set) && within(set, value) === 'out') {
      return {
        status: 'not_affected',
        reason: `${what} ${value} is not among the ${what === 'serial' ? 'serial numbers' : 'lots'} listed${said(set.quote)}`,
      };
    }
  }
  return { status: 'unknown', reason: unknownReason(asset, recall, doubts) };
}

function unknownReason(
  asset: AssetProfile,
  recall: RecallProfile,
  doubts: { why: string; quote: string }[],
): string {
  const { serials, lots, coverage } = recall;
  const kind = listed(serials)
    ? 'serial numbers'
    : listed(lots)
      ? 'lot numbers'
      : coverage.codes
        ? 'numbers'
        : 'units';
  const doubt =
    doubts[0] ?? (coverage.codes ? { why: coverage.codes.why, quote: coverage.codes.quote } : null);
  const why = doubt
    ? `: ${doubt.why} ("${doubt.quote}")`
    : `${said((listed(serials) ? serials : lots).quote)}`;
  const held = asset.serial ?? asset.lot;
  if (!held)
    return `the recall limits the ${kind} affected and this asset has no serial or lot on record${why}`;
  // A lot list and only a serial on record (or the other way round): it was looked for, not found.
  if (!doubt && listed(lots) && !listed(serials) && !asset.lot)
    return `the recall lists lots and this asset's lot is not on record; its serial ${asset.serial} is not among them${why}`;
  if (!doubt && listed(serials) && !listed(lots) && !asset.serial)
    return `the recall lists serial numbers and this asset's serial is not on record; its lot ${asset.lot} is not among them${why}`;
  return `whether ${held} is affected cannot be told from the recall's ${kind}${why}`;
}

/** A note on software versions, where both the recall and the asset name one. */
export function versionNote(asset: AssetProfile, recall: RecallProfile): string | null {
  if (!asset.softwareVersion || recall.versions.length === 0) return null;
  const verdict = versionAffected(recall.versions, asset.softwareVersion);
  if (verdict === 'yes') return `software ${asset.softwareVersion} is among the affected versions`;
  if (verdict === 'no') return `software ${asset.softwareVersion} is not among the affected versions`;
  return null;
}
