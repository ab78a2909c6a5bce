import { competingMention, narrowerModel, type OtherModel } from './competing-models';
import { type CorpusTerms, noCorpusTerms } from './corpus/terms';
import {
  catalogWritten,
  type Found,
  find,
  findSegment,
  foundJoined,
  inListAfterBase,
  joinedParts,
  noParts,
  nowhere,
  writings,
} from './model-parts';
import type { AssetProfile } from './profiles';
import type { Segment } from './segments';
import { isGenericIn, occurrences, type TextIndex } from './text';

/** What one recall text says about one asset's model. */
export type Evidence = {
  found: Segment[];
  /** Parts found only with a variant word after them: "3000 PLUS" for an Oxylog 3000. */
  variants: Segment[];
  missing: Segment[];
  /** Optional parts (kind-of-device words) found right after the model's name. */
  optionalFound: number;
  /** The name is written as a whole family: "Prime Series Stretchers", "all Infinity models". */
  familyWide: boolean;
  catalog: boolean;
  /** The parts in order, nothing between them: the model as written. */
  whole: boolean;
  /**
   * The model's first name written as a whole family and the rest of its name written whole in
   * the same text: "Prime Series Stretchers (Fifth Wheel, Big Wheel and Zoom)" for a Prime Big Wheel.
   */
  inSeries: boolean;
  /**
   * Another model named where ours is not. Strong when the text says "model 8000" for an 8015,
   * or names a sibling variant of ours; weak for a part number of another shape, which matters
   * only when the model itself is not found.
   */
  competing: OtherModel | null;
};

/** Words after a name that make it the whole family: "Prime Series", "Infinity Delta Family". */
const familyWords = new Set(['SERIES', 'FAMILY', 'FAMILIES', 'LINE', 'MODELS']);

const nameOnly = (asset: AssetProfile) =>
  asset.required.length > 0 && asset.required.every((s) => s.kind === 'name');

/** Whether a part of the model is in the text at all, in any of its spellings or by its base. */
function written(text: TextIndex, s: Segment): boolean {
  const { compact } = text;
  if (compact.includes(s.text)) return true;
  if (s.spellings) for (const t of s.spellings) if (compact.includes(t)) return true;
  return s.base !== undefined && compact.includes(s.base);
}

/** Whether any part of the model, its base or its catalog number is in the text at all. */
function mentionsAnything(text: TextIndex, asset: AssetProfile, labelled: Set<string>): boolean {
  if (asset.catalog && (labelled.has(asset.catalog) || text.compact.includes(asset.catalog))) return true;
  return asset.required.some((s) => written(text, s));
}

/**
 * Whether a recall's texts hold enough of a model for its evidence to make a suggestion: its
 * catalog number, one of its numbers, or every one of its names (a fraction of a model's names is
 * no suggestion, see score.ts). Most candidates share one word with a recall; they are let go
 * before their evidence is read.
 */
export function holdsEnough(
  text: TextIndex,
  reason: TextIndex,
  asset: AssetProfile,
  labelled: Set<string>,
): boolean {
  const anywhere = (s: Segment) => written(text, s) || written(reason, s);
  const { catalog } = asset;
  if (
    catalog &&
    (labelled.has(catalog) || text.compact.includes(catalog) || reason.compact.includes(catalog))
  )
    return true;
  let names = true;
  for (const s of asset.required) {
    if (s.kind === 'code' && anywhere(s)) return true;
    if (s.kind === 'name' && names && !anywhere(s)) names = false;
  }
  return names;
}

function nothingFound(asset: AssetProfile): Evidence {
  return {
    found: [],
    variants: [],
    missing: asset.required,
    optionalFound: 0,
    familyWide: false,
    catalog: false,
    whole: false,
    inSeries: false,
    competing: null,
  };
}

/**
 * Reads what a text says about an asset's model, part by part. `labelled` holds the catalog and
 * part numbers the recall labels as such (ranges filled out), normalised.
 */
export function evidenceIn(
  text: TextIndex,
  asset: AssetProfile,
  labelled: Set<string> = new Set(),
  terms: CorpusTerms = noCorpusTerms,
): Evidence {
  if (!mentionsAnything(text, asset, labelled)) return nothingFound(asset);
  const found: Segment[] = [];
  const variants: Segment[] = [];
  const missing: Segment[] = [];
  const after = nowhere();
  const { optional, required } = asset;
  let optionalFound = 0;
  const segments = asset.segments;
  const results: Found[] = [];
  const listed: boolean[] = [];
  // Parts written joined or split otherwise are looked for only where a part is not found as it is.
  let lacking: Set<Segment> | null = null;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const result = findSegment(text, segment, asset);
    results.push(result);
    listed.push(result.state === 'absent' && inListAfterBase(text, segment));
    if (segment.kind !== 'optional' && result.state !== 'found' && !listed[i]) {
      lacking ??= new Set();
      lacking.add(segment);
    }
  }
  const joined = lacking ? joinedParts(text, asset, lacking) : noParts;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const result = joined.has(segment) ? foundJoined : results[i]!;
    if (segment.kind === 'optional') continue;
    if (result.state === 'found' || (!joined.has(segment) && listed[i])) {
      found.push(segment);
      after.next.push(...result.beside.next);
      if (segment.kind === 'name') after.ends.push(...result.beside.ends);
      after.previous.push(...result.beside.previous);
    } else if (result.state === 'variant') variants.push(segment);
    else missing.push(segment);
  }
  // "Alaris Pump Module" is named by "Alaris" followed by "Pump" or "Module", not by "Alaris"
  // anywhere and "pump" anywhere (an Alaris administration set for a pump).
  let familyWide = false;
  for (const segment of found) {
    for (const o of occurrences(text, segment.text)) {
      if (text.tokens[o.first - 1] === 'ALL' || text.tokens[o.first - 2] === 'ALL') familyWide = true;
      for (let i = o.last + 1; i < Math.min(text.tokens.length, o.last + 4); i++) {
        const token = text.tokens[i]!;
        if (familyWords.has(token)) familyWide = true;
        // "Stretchers" is the "Stretcher" of ours.
        if (optional.has(token) || (token.endsWith('S') && optional.has(token.slice(0, -1)))) optionalFound++;
        if (!isGenericIn(text, token) || text.breaks.has(text.offsets[i]!)) break;
      }
    }
  }
  const whole =
    missing.length === 0 &&
    variants.length === 0 &&
    writings(required).some((w) => find(text, w).state === 'found');
  const inSeries = !whole && familyWide && namedInSeries(text, required, found);
  const catalog =
    asset.catalog !== null && (labelled.has(asset.catalog) || catalogWritten(text, asset.catalog));
  // Another model named matters only where something of ours was found to be weighed against it.
  const weighed = found.length > 0 || variants.length > 0;
  const competing =
    weighed && (missing.length > 0 || (asset.catalog && !catalog))
      ? competingMention(text, asset, missing, after, catalog)
      : nameOnly(asset) && missing.length === 0 && optionalFound === 0 && !familyWide && !catalog
        ? narrowerModel(text, asset, terms)
        : null;
  return { found, variants, missing, optionalFound, familyWide, catalog, whole, inSeries, competing };
}

/** See `Evidence.inSeries`: the first name followed by a family word, the other names written whole. */
function namedInSeries(text: TextIndex, required: Segment[], found: Segment[]): boolean {
  const names = required.filter((s) => s.kind === 'name');
  if (names.length < 2 || !names.every((s) => found.includes(s))) return false;
  const series = occurrences(text, names[0]!.text).some((o) => {
    for (let i = o.last + 1; i < Math.min(text.tokens.length, o.last + 3); i++)
      if (familyWords.has(text.tokens[i]!)) return true;
    return false;
  });
  return series && writings(names.slice(1)).some((w) => find(text, w).state === 'found');
}
