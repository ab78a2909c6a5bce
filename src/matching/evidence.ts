import type { AssetProfile } from './profiles';
import type { Segment } from './segments';
import { type Occurrence, occurrences, type TextIndex } from './text';
import { exclusionWords, genericWords, modelLabels, numberLabels, variantWords } from './vocabulary';

/** What one recall text says about one asset's model. */
export type Evidence = {
  found: Segment[];
  /** Parts found only with a variant word after them: "3000 PLUS" for an Oxylog 3000. */
  variants: Segment[];
  missing: Segment[];
  /** Optional parts (kind-of-device words) found. */
  optionalFound: number;
  catalog: boolean;
  /** The parts in order, nothing between them: the model as written. */
  whole: boolean;
  /**
   * Another model named where ours is not. Strong when the text says "model 8000" for an 8015,
   * or names a sibling variant of ours; weak for a part number of another shape, which matters
   * only when the model itself is not found.
   */
  competing: { text: string; strong: boolean } | null;
};

const shape = (text: string) => text.replace(/[A-Z]/g, 'A').replace(/\d/g, '9');

const weak = (token: string | undefined) =>
  token !== undefined && (variantWords.has(token) || /^[A-Z]$/.test(token) || /^\d{1,2}$/.test(token));

/** "All models except 90496 and 91496": a number named to be left out is not a mention. */
function excluded(text: TextIndex, first: number): boolean {
  for (let i = Math.max(0, first - 10); i < first; i++) if (exclusionWords.has(text.tokens[i]!)) return true;
  return false;
}

/** The word written right after an occurrence, unless a list separator stands between. */
function suffixOf(text: TextIndex, o: Occurrence): string | undefined {
  const next = o.last + 1;
  return text.breaks.has(text.offsets[next]!) ? undefined : text.tokens[next];
}

type Found = { state: 'found' | 'variant' | 'absent'; after: number[] };

/** Where the next model-naming word after an occurrence stands: past "Monitor", "Pump" … */
function nextNamingWord(text: TextIndex, o: Occurrence): number | null {
  for (let i = o.last + 1; i < text.tokens.length; i++) {
    if (text.breaks.has(text.offsets[i]!)) return null;
    if (!genericWords.has(text.tokens[i]!)) return i;
  }
  return null;
}

function find(text: TextIndex, part: string): Found {
  const at = occurrences(text, part).filter((o) => !excluded(text, o.first));
  if (at.length === 0) return { state: 'absent', after: [] };
  // Found as itself if some occurrence is not followed by a variant word (PLUS, ELITE, XL …).
  const plain = at.filter((o) => {
    const next = suffixOf(text, o);
    return !(next && variantWords.has(next));
  });
  if (plain.length === 0) return { state: 'variant', after: [] };
  const after = plain.map((o) => nextNamingWord(text, o)).filter((i): i is number => i !== null);
  return { state: 'found', after };
}

/**
 * A part made of a base and a short suffix ("iLED" + 5) is also found in a list after its base:
 * "iLED 3/5", "V-PRO 1, 1 Plus".
 */
function inListAfterBase(text: TextIndex, segment: Segment): boolean {
  if (!segment.base) return false;
  const suffix = segment.text.slice(segment.base.length);
  return occurrences(text, segment.base).some((o) => {
    for (let i = o.last + 1; i < Math.min(text.tokens.length, o.last + 7); i++) {
      const token = text.tokens[i]!;
      if (token === suffix) return true;
      if (!weak(token) && token !== 'AND' && token !== 'OR') return false;
    }
    return false;
  });
}

function competingMention(
  text: TextIndex,
  asset: AssetProfile,
  missing: Segment[],
  after: number[],
  catalogFound: boolean,
): Evidence['competing'] {
  const ours = new Set([...asset.segments.map((s) => s.text), ...(asset.catalog ? [asset.catalog] : [])]);
  const shapes = new Set(missing.filter((s) => s.kind === 'code').map((s) => shape(s.text)));
  const catalog = catalogFound ? null : asset.catalog;
  if (catalog) shapes.add(shape(catalog));
  const hasNumber = asset.catalog !== null || asset.segments.some((s) => s.kind === 'code');
  // Right after our model's name, another word or number is another model of the family:
  // LIFEPAK 20 for a LIFEPAK 1000, CARESCAPE Monitor B850 for a B450, Infinity Delta for an M540.
  if (missing.some((s) => s.kind === 'code')) {
    for (const i of after) {
      const token = text.tokens[i]!;
      if (!ours.has(token) && ![...ours].some((o) => o.startsWith(token)))
        return { text: token, strong: true };
    }
  }
  for (let i = 0; i < text.tokens.length; i++) {
    const token = text.tokens[i]!;
    if (!/\d/.test(token) || ours.has(token)) continue;
    const labels = [text.tokens[i - 1], text.tokens[i - 2]];
    // "Model C20014" where our model number is not named: the recall is about that model.
    if (hasNumber && !catalogFound && missing.some((s) => s.kind === 'code' || asset.segments.length === 0)) {
      if (labels.some((t) => t && modelLabels.has(t))) return { text: token, strong: true };
    }
    if (catalog && token.length >= 5 && (token.startsWith(catalog) || catalog.startsWith(token))) {
      // 35700BAX2 for a 35700BAX (or the reverse) is a sibling variant; 35700 for a 35700BAX is
      // its family, and "3321605-xxx" covers every 3321605 part.
      const rest = token.length > catalog.length ? token.slice(catalog.length) : catalog.slice(token.length);
      const wildcard = /^X+$/.test(text.tokens[i + 1] ?? '');
      if (rest.length <= 2 && !wildcard) return { text: token, strong: true };
      continue;
    }
    if (!shapes.has(shape(token))) continue;
    if (labels.some((t) => t && numberLabels.has(t)))
      return { text: token, strong: labels.some((t) => t && modelLabels.has(t)) };
  }
  for (const segment of missing) {
    if (!segment.base) continue;
    for (const o of occurrences(text, segment.base)) {
      const next = suffixOf(text, o);
      if (weak(next) && segment.base + next !== segment.text)
        return { text: segment.base + next, strong: true };
    }
  }
  return null;
}

/** Reads what a text says about an asset's model, part by part. */
export function evidenceIn(text: TextIndex, asset: AssetProfile): Evidence {
  const found: Segment[] = [];
  const variants: Segment[] = [];
  const missing: Segment[] = [];
  const after: number[] = [];
  let optionalFound = 0;
  for (const segment of asset.segments) {
    const result = find(text, segment.text);
    if (segment.kind === 'optional') {
      if (result.state === 'found') optionalFound++;
      continue;
    }
    if (result.state === 'found' || (result.state === 'absent' && inListAfterBase(text, segment))) {
      found.push(segment);
      after.push(...result.after);
    } else if (result.state === 'variant') variants.push(segment);
    else missing.push(segment);
  }
  const required = asset.segments.filter((s) => s.kind !== 'optional');
  const whole =
    missing.length === 0 &&
    variants.length === 0 &&
    find(text, required.map((s) => s.text).join('')).state === 'found';
  const catalog = asset.catalog !== null && find(text, asset.catalog).state === 'found';
  const competing =
    missing.length > 0 || (asset.catalog && !catalog)
      ? competingMention(text, asset, missing, after, catalog)
      : null;
  return { found, variants, missing, optionalFound, catalog, whole, competing };
}
