import type { AssetProfile } from './profiles';
import { type Segment, spellingsOf } from './segments';
import { isGenericIn, type Occurrence, occurrences, type TextIndex } from './text';
import { exclusionWords, numberLabels, variantWords } from './vocabulary';

/** Where the model-naming words just after and just before our found parts stand. */
export type Beside = { next: number[]; previous: number[]; ends: number[] };

export type Found = { state: 'found' | 'variant' | 'absent'; beside: Beside };

export const nowhere = (): Beside => ({ next: [], previous: [], ends: [] });

export const weak = (token: string | undefined) =>
  token !== undefined && (variantWords.has(token) || /^[A-Z]$/.test(token) || /^\d{1,2}$/.test(token));

/** "All models except 90496 and 91496": a number named to be left out is not a mention. */
function excluded(text: TextIndex, first: number): boolean {
  for (let i = Math.max(0, first - 10); i < first; i++) if (exclusionWords.has(text.tokens[i]!)) return true;
  return false;
}

/**
 * The word written right after an occurrence, unless a list separator stands between, or it is
 * the first part of a hyphened word ("Optima XR240amx X-Ray System": X-RAY is a word, not the
 * variant X).
 */
export function suffixOf(text: TextIndex, o: Occurrence): string | undefined {
  const next = o.last + 1;
  if (text.hyphenedToNext.has(next)) return undefined;
  return text.breaks.has(text.offsets[next]!) ? undefined : text.tokens[next];
}

/** Where the next model-naming word after an occurrence stands: past "Monitor", "Pump" … */
export function nextNamingWord(text: TextIndex, o: Occurrence): number | null {
  for (let i = o.last + 1; i < text.tokens.length; i++) {
    if (text.breaks.has(text.offsets[i]!)) return null;
    if (!isGenericIn(text, text.tokens[i]!)) return i;
  }
  return null;
}

/** The model-naming word just before an occurrence ("1125 Prime Zoom"), if no separator. */
function previousNamingWord(text: TextIndex, o: Occurrence): number | null {
  for (let i = o.first - 1; i >= 0; i--) {
    if (text.breaks.has(text.offsets[i + 1]!)) return null;
    if (!isGenericIn(text, text.tokens[i]!)) return i;
  }
  return null;
}

/**
 * Whether a number is written as another family's model: "ADAC Vertex V60" is not the Philips
 * V60 ventilator, "COULTER LH 500" not the UniCel DxH 500. Our own words, our firm's name, a
 * label ("Model"), a kind of device or a list separator before it are fine.
 */
function ownedBySomeoneElse(text: TextIndex, o: Occurrence, asset: AssetProfile): boolean {
  if (o.first === 0 || text.breaks.has(text.offsets[o.first]!)) return false;
  const before = text.tokens[o.first - 1]!;
  if (isGenericIn(text, before) || numberLabels.has(before) || asset.firmWords.has(before)) return false;
  if (/\d/.test(before) || before === 'AND' || before === 'OR') return false;
  if (asset.segments.some((s) => spellingsOf(s).some((t) => t.endsWith(before) || t.startsWith(before))))
    return false;
  // "BG 323" for the BodyGuard 323, "PB 980" for the Puritan Bennett 980: our name's initials.
  return !(
    /^[A-Z]{2,3}$/.test(before) &&
    [...asset.segments.map((s) => s.text), ...asset.firmWords].some((w) => abbreviates(before, w))
  );
}

/** A part found however it may be written: ACCUTORR7 as ACCUTORRVII, PERMIUM as PREMIUM. */
export const noParts: ReadonlySet<Segment> = new Set();
/** A part found only joined to its neighbours: nothing is read of what stands beside it. */
export const foundJoined: Found = { state: 'found', beside: { next: [], previous: [], ends: [] } };

/** A part not written at all: the commonest answer, shared (it is only ever read). */
const absent: Found = { state: 'absent', beside: { next: [], previous: [], ends: [] } };

export function findSegment(text: TextIndex, segment: Segment, asset: AssetProfile): Found {
  const owns = segment.kind === 'code' ? asset : undefined;
  const ours = asset.ours;
  if (!segment.spellings) return find(text, segment.text, owns, ours);
  let best: Found = absent;
  for (const spelling of spellingsOf(segment)) {
    const result = find(text, spelling, owns, ours);
    if (result.state === 'found') return result;
    if (result.state === 'variant') best = result;
  }
  return best;
}

/**
 * Where a part is written, and what stands beside it. `asset` is given for a code, which another
 * family's name may own; `ours` are the asset's parts, which never make it another variant
 * ("Fabius GS Premium" for a Fabius GS Premium is not "GS" followed by the variant word PREMIUM).
 */
export function find(text: TextIndex, part: string, asset?: AssetProfile, ours?: ReadonlySet<string>): Found {
  const all = occurrences(text, part);
  if (all.length === 0) return absent;
  const at = all.filter((o) => !excluded(text, o.first) && !(asset && ownedBySomeoneElse(text, o, asset)));
  if (at.length === 0) return absent;
  // Found as itself if some occurrence is not followed by a variant word (PLUS, ELITE, XL …).
  const plain = at.filter((o) => {
    const next = suffixOf(text, o);
    // A word of the recall's own kind of device ("X" of "X-Ray System") is no variant of ours.
    return !(next && variantWords.has(next) && !ours?.has(next) && !text.noise?.has(next));
  });
  if (plain.length === 0) return { state: 'variant', beside: nowhere() };
  const beside = nowhere();
  for (const o of plain) {
    const next = nextNamingWord(text, o);
    const previous = previousNamingWord(text, o);
    beside.ends.push(o.last);
    if (next !== null) beside.next.push(next);
    if (previous !== null) beside.previous.push(previous);
  }
  return { state: 'found', beside };
}

/**
 * A part made of a base and a short suffix ("iLED" + 5) is also found in a list after its base:
 * "iLED 3/5", "V-PRO 1, 1 Plus".
 */
export function inListAfterBase(text: TextIndex, segment: Segment): boolean {
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

/** Whether short letters abbreviate a longer word: its first letter, then the others in order (BG, BodyGuard). */
function abbreviates(short: string, word: string): boolean {
  if (word.length < short.length + 3 || word[0] !== short[0] || /\d/.test(word)) return false;
  let at = 1;
  for (const letter of short.slice(1)) {
    at = word.indexOf(letter, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * Parts a recall writes run together or split otherwise than the asset: "BladderScan" for "Bladder
 * Scan", "CF-HQ190L" for "CF-HQ 190L". Two or three neighbouring parts, joined, found as one.
 */
export function joinedParts(
  text: TextIndex,
  asset: AssetProfile,
  lacking: Set<Segment>,
): ReadonlySet<Segment> {
  const joined = new Set<Segment>();
  for (const { together, parts: window } of joinsOf(asset)) {
    if (!window.some((s) => lacking.has(s))) continue;
    if (!text.compact.includes(together) || find(text, together).state !== 'found') continue;
    // Each alone may be found too; joined, they are found as the asset writes them together.
    if (window.every((s) => find(text, s.text).state === 'found')) continue;
    for (const s of window) joined.add(s);
  }
  return joined;
}

/** Two or three neighbouring parts of a model, run together: worked out once per model. */
const joins = new WeakMap<Segment[], { together: string; parts: Segment[] }[]>();
function joinsOf(asset: AssetProfile) {
  let known = joins.get(asset.segments);
  if (!known) {
    known = [];
    const parts = asset.segments;
    for (let i = 0; i < parts.length; i++) {
      for (let n = 2; n <= 3 && i + n <= parts.length; n++) {
        const window = parts.slice(i, i + n);
        if (!window.every((s) => s.kind === 'optional'))
          known.push({ together: window.map((s) => s.text).join(''), parts: window });
      }
    }
    joins.set(asset.segments, known);
  }
  return known;
}

/**
 * A catalog number written out in the text. One of digits alone must be written as one number:
 * spread over several ("NDC 50730-3001-0" for 30010) it is only taken where a label says it is
 * a catalog number (`labelled`), as a spaced article number ("64 87 800") is.
 */
export function catalogWritten(text: TextIndex, catalog: string): boolean {
  if (find(text, catalog).state !== 'found') return false;
  return !/^\d+$/.test(catalog) || occurrences(text, catalog).some((o) => o.first === o.last);
}

/** The model's parts run together, in each of the ways its parts may be written (a few). */
export function writings(parts: Segment[]): string[] {
  let out = [''];
  for (const part of parts) {
    out = out.flatMap((w) => spellingsOf(part).map((s) => w + s)).slice(0, 8);
  }
  return out;
}
