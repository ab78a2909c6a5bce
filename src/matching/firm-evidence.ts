/**
 * What the firms add to a pair's score, record-linkage style: the same firm (or one family by the
 * alias table, the records' FEI numbers, a slip in the name) adds; the asset's firm named in the
 * recall's text adds a little less; a firm missing on either side is unknown, not different; a
 * different firm takes away, unless the corpus shows the model's own name recalled under both
 * firms (one product line, sold or relabelled), or the asset's firm never recalls anything and
 * the name is the recalling firm's own.
 */
import type { CorpusTerms } from './corpus/terms';
import { firmRelation } from './firms';
import type { AssetProfile, RecallProfile } from './profiles';
import { occurrences } from './text';

export type ModelFound = {
  score: number;
  /** The parts found are specific whatever the firm (see score.ts). */
  specific: boolean;
  /** The asset's parts found in the recall (names and codes, as the recall writes them). */
  parts: string[];
};

export type FirmWeight = { score: number; reason: string; firm: string | null };

/** The corpus's terms, and whether it has recalls from a family (a firm with none is not a different one). */
export type FirmContext = { terms: CorpusTerms; recalls(family: string): boolean };

/** The asset's firm (or one of its family) named in the recall's own text: "Covidien Kangaroo". */
function firmInText(asset: AssetProfile, recall: RecallProfile): string | null {
  for (const { name, family } of asset.firmNames) {
    if (occurrences(recall.text, name).length > 0)
      return `${name.toLowerCase()} named in the recall (${family} family)`;
  }
  return null;
}

/** Recalls a corpus needs before a firm's absence from it means the firm has none. */
const sizeableCorpus = 1000;

/** A name at most this many families use links two firms: a product line, not a coincidence. */
const linkingFamilies = 2;

/**
 * A name of the model (a word, not a number: numbers are shared by chance) that the corpus shows
 * recalled by both firms, or by the recalling firm alone when the asset's firm has no recalls.
 * Not across kinds of device: a product code that differs says the two are not one product.
 */
function corpusLink(
  asset: AssetProfile,
  recall: RecallProfile,
  found: ModelFound,
  context: FirmContext,
): string | null {
  if (asset.productCode && recall.productCode && asset.productCode !== recall.productCode) return null;
  // A firm absent from the recalls says something only of a corpus large enough to hold it.
  const unknownFirm =
    context.terms.recalls >= sizeableCorpus && asset.firm.families.every((f) => !context.recalls(f));
  for (const part of found.parts) {
    if (!/^[A-Z]{5,}$/.test(part)) continue;
    const stats = context.terms.get(part);
    if (!stats?.familyList || stats.families > linkingFamilies) continue;
    const theirs = recall.firm.families.find((f) => stats.familyList!.includes(f));
    if (!theirs) continue;
    const ours = asset.firm.families.find((f) => stats.familyList!.includes(f));
    if (ours) return `${part} is recalled under both ${ours} and ${theirs} in the recalls`;
    if (unknownFirm) return `${asset.manufacturer} has no recalls of its own; ${part} is ${theirs}'s`;
  }
  return null;
}

export function weighFirm(
  asset: AssetProfile,
  recall: RecallProfile,
  found: ModelFound,
  context: FirmContext,
): FirmWeight {
  const relation = firmRelation(asset.firm, recall.firm);
  if (relation) return { score: found.score + 0.15, reason: `firm: ${relation.how}`, firm: relation.how };
  const named = firmInText(asset, recall);
  if (named) return { score: found.score + 0.1, reason: `firm: ${named}`, firm: null };
  if (asset.firmSource === 'none' || recall.firm.names.length === 0) {
    // A firm not on record is unknown, not different: it neither adds nor vetoes, and the model
    // must stand on its own, which a number other firms use too (7500, 360) cannot.
    const reason =
      recall.firm.names.length === 0
        ? 'the recall names no firm'
        : `firm not on record for the asset (recall: ${recall.firm.names[0]})`;
    return { score: found.score * (found.specific ? 0.9 : 0.6), reason, firm: null };
  }
  const linked = corpusLink(asset, recall, found, context);
  const differs = `firm differs (${asset.manufacturer ?? 'none'} / ${recall.firm.names[0] ?? 'none'})`;
  if (linked) return { score: found.score * 0.9, reason: `${differs}, but ${linked}`, firm: null };
  // Another firm's product can share a model number; a catalog number or the whole model (a
  // rebadged or relabelled device) still counts, for less.
  return { score: found.score * (found.score >= 0.75 ? 0.7 : 0.45), reason: differs, firm: null };
}
