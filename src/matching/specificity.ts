/**
 * Whether an asset's model identifies a model at all, judged from the recall corpus rather than
 * from any list: a model field holding only the maker's name ("B. Braun") identifies nothing; nor
 * does a single name the recalls write before many different models ("UniCel" before DxC, DxH,
 * DxI …; "Brilliance" before CT 16, iCT, 64 …), or one that turns up across many kinds of device.
 * Such a model can still be placed by the words for its kind written right after it in a recall
 * ("Giraffe Warmer", "Alaris Pump Module"), which score.ts checks pair by pair.
 */
import { type CorpusTerms, useBy } from './corpus/terms';
import { type Segment, spellingsOf } from './segments';

/**
 * Why a model identifies nothing: it is its maker's name (never enough), or a family or common
 * name (enough only where the recall writes the asset's own kind-of-device words right after it).
 */
export type Vagueness = { why: string; kind: 'maker' | 'family' } | null;

/** A single name its firm writes before three different models or more names a family. */
export const familyFollowers = 3;
/** A single name found in this many recalls of this many product codes identifies no one device. */
const spreadRecalls = 20;
const spreadCodes = 5;

const listed = (words: string[], total: number) => `${words.join(', ')}${total > words.length ? ', …' : ''}`;

/**
 * Why the model identifies nothing, or null when it may. `required` are its identifying parts and
 * `firmWords` its maker's names.
 */
export function vaguenessOf(
  required: Segment[],
  firmWords: ReadonlySet<string>,
  terms: CorpusTerms,
  label: string,
  /** The model's identifying words as written: a name written with more (a field strength) is not a name alone. */
  writtenParts = 1,
  /** The asset's firm families: a name is judged by how its own firm uses it, where known. */
  families: readonly string[] = [],
): Vagueness {
  if (required.length === 0) return { why: 'the model field names no model', kind: 'maker' };
  if (required.every((s) => s.kind === 'name' && firmWords.has(s.text)))
    return { why: `"${label}" is the maker's name, not a model`, kind: 'maker' };
  if (required.length !== 1 || required[0]!.kind !== 'name' || writtenParts > 1) return null;
  // The name as the corpus spells it: "BIOGARPH" is read as BIOGRAPH (see near-names.ts).
  const name = spellingsOf(required[0]!).find((s) => terms.get(s)) ?? required[0]!.text;
  const found = terms.get(name);
  if (!found) return null;
  const stats = useBy(found, families);
  if (stats.followers >= familyFollowers) {
    return {
      why: `"${label}" names a family: the recalls write ${name} before ${stats.followers} different models (${listed(stats.followerList, stats.followers)})`,
      kind: 'family',
    };
  }
  if (stats.recalls >= spreadRecalls && stats.productCodes >= spreadCodes) {
    return {
      why: `"${label}" is too common to identify a device: ${name} is in ${stats.recalls} recalls of ${stats.productCodes} product codes`,
      kind: 'family',
    };
  }
  return null;
}
