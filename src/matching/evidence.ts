import { type CorpusTerms, isOwned, noCorpusTerms, type TermStats } from './corpus/terms';
import { isFieldStrength } from './model-tokens';
import type { AssetProfile } from './profiles';
import { type Segment, spellingsOf } from './segments';
import { isGenericIn, type Occurrence, occurrences, type TextIndex } from './text';
import { exclusionWords, modelLabels, numberLabels, variantWords } from './vocabulary';

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
  competing: { text: string; strong: boolean } | null;
};

/** Words after a name that make it the whole family: "Prime Series", "Infinity Delta Family". */
const familyWords = new Set(['SERIES', 'FAMILY', 'FAMILIES', 'LINE', 'MODELS']);

const shape = (text: string) => text.replace(/[A-Z]/g, 'A').replace(/\d/g, '9');

const weak = (token: string | undefined) =>
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
function suffixOf(text: TextIndex, o: Occurrence): string | undefined {
  const next = o.last + 1;
  if (text.hyphenedToNext.has(next)) return undefined;
  return text.breaks.has(text.offsets[next]!) ? undefined : text.tokens[next];
}

/** Where the model-naming words just after and just before our found parts stand. */
type Beside = { next: number[]; previous: number[]; ends: number[] };

type Found = { state: 'found' | 'variant' | 'absent'; beside: Beside };

const nowhere = (): Beside => ({ next: [], previous: [], ends: [] });

/** Where the next model-naming word after an occurrence stands: past "Monitor", "Pump" … */
function nextNamingWord(text: TextIndex, o: Occurrence): number | null {
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
const noParts: ReadonlySet<Segment> = new Set();
/** A part found only joined to its neighbours: nothing is read of what stands beside it. */
const foundJoined: Found = { state: 'found', beside: { next: [], previous: [], ends: [] } };

/** A part not written at all: the commonest answer, shared (it is only ever read). */
const absent: Found = { state: 'absent', beside: { next: [], previous: [], ends: [] } };

function findSegment(text: TextIndex, segment: Segment, asset: AssetProfile): Found {
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
function find(text: TextIndex, part: string, asset?: AssetProfile, ours?: ReadonlySet<string>): Found {
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

/** A number that names a version, not a model: V1.1, 9.12, 2.0.7. */
const isVersion = (token: string) => /^V?\d+(\.\d+)+[A-Z]?$/.test(token) || /^V\d+$/.test(token);

/** A token that reads as a model or catalog number: letters and digits, not a version. */
export const modelLike = (token: string) =>
  token.length >= 2 && /\d/.test(token) && /[A-Z]/.test(token) && !isVersion(token);

/**
 * Whether the word at `i` names something not ours. Right after our name a dotted number is
 * another model ("Plum 1.6", "IOL Master 5.5"); only a "V" marks it as a software version.
 */
function foreign(text: TextIndex, asset: AssetProfile, i: number): boolean {
  const token = text.tokens[i]!;
  return (
    !asset.ours.has(token) &&
    !startsOneOfOurs(text, asset, token, i) &&
    !/^V\d/.test(token) &&
    !isFieldStrength(token) &&
    !asset.firmWords.has(token)
  );
}

/** Whether the word at `i` is the first of ours spaced out: "CSM 1901" starting with "CSM". */
function startsOneOfOurs(text: TextIndex, asset: AssetProfile, token: string, i: number): boolean {
  for (const o of asset.ours) {
    if (o.startsWith(token) && occurrences(text, o).some((x) => x.first === i)) return true;
  }
  return false;
}

type NumberMention = { i: number; token: string; shape: string; label: boolean; modelLabel: boolean };

type NumbersRead = { all: NumberMention[]; labelled: NumberMention[] };

const numbersRead = new WeakMap<TextIndex, NumbersRead>();

/**
 * The numbers a text names that could be a model or part number (not versions or field
 * strengths), with whether a label stands before them: the label right before, or two before
 * with "No."/"Number" between ("Model No. 8015"). Read once per text, weighed for every model.
 */
function numbersIn(text: TextIndex): NumbersRead {
  const known = numbersRead.get(text);
  if (known) return known;
  const all: NumberMention[] = [];
  text.tokens.forEach((token, i) => {
    if (!/\d/.test(token) || isVersion(token) || isFieldStrength(token)) return;
    const labels = [
      text.tokens[i - 1],
      /^(NO|NOS|NUMBER|NUMBERS|NUM)$/.test(text.tokens[i - 1] ?? '') ? text.tokens[i - 2] : undefined,
    ];
    all.push({
      i,
      token,
      shape: shape(token),
      label: labels.some((t) => t && numberLabels.has(t)),
      modelLabel: labels.some((t) => t && modelLabels.has(t)),
    });
  });
  const read = { all, labelled: all.filter((n) => n.label) };
  numbersRead.set(text, read);
  return read;
}

/**
 * Another model named where ours is not:
 * - right after our model's name, another word or number: LIFEPAK 20 for a LIFEPAK 1000,
 *   CARESCAPE Monitor B850 for a B450, Infinity Delta for an M540, "Sigma Spectrum IQ";
 * - "Model C20014", "Catalog Number 363032" where our model or catalog number is not named;
 * - a number of the same shape as our missing one, labelled as a model, part or catalog number;
 * - a catalog number one or two characters off ours (35700BAX2 for a 35700BAX): a sibling;
 * - our model's base with another letter (Servo-s for a Servo-i).
 */
function competingMention(
  text: TextIndex,
  asset: AssetProfile,
  missing: Segment[],
  after: Beside,
  catalogFound: boolean,
): Evidence['competing'] {
  const { ours } = asset;
  const codeMissing = missing.some((s) => s.kind === 'code');
  // A model without a number in its name is identified by its catalog number, if it has one.
  const numberedByCatalog = asset.catalog !== null && !asset.segments.some((s) => s.kind === 'code');
  const catalog = catalogFound ? null : asset.catalog;
  const shapes = new Set(missing.filter((s) => s.kind === 'code').map((s) => shape(s.text)));
  if (catalog) shapes.add(shape(catalog));

  if (codeMissing) {
    for (const i of after.next) if (foreign(text, asset, i)) return { text: text.tokens[i]!, strong: true };
    // "Powerheart Automated External Defibrillator (AED), G3" for a Powerheart G5: a number of our
    // missing number's shape a few words after our name.
    for (const end of after.ends) {
      for (let i = end + 1; i < Math.min(text.tokens.length, end + 9); i++) {
        const token = text.tokens[i]!;
        if (/\d/.test(token) && shapes.has(shape(token)) && foreign(text, asset, i))
          return { text: token, strong: true };
      }
    }
  }
  if (codeMissing || (numberedByCatalog && catalog)) {
    // "1125 Prime Zoom" for a Prime 1115: a number of our number's shape beside our name.
    for (const i of [...after.next, ...after.previous]) {
      const token = text.tokens[i]!;
      if (shapes.has(shape(token)) && foreign(text, asset, i)) return { text: token, strong: true };
    }
  }
  // Without a catalog number to compare, only a labelled number can name another model: the
  // long unlabelled lot and serial lists of code_info need not be read for every model.
  const numbers = numbersIn(text);
  for (const { i, token, shape: itsShape, label, modelLabel } of catalog ? numbers.all : numbers.labelled) {
    if (ours.has(token)) continue;
    if (catalog && token.length >= 5 && (token.startsWith(catalog) || catalog.startsWith(token))) {
      // 35700 for a 35700BAX is its family, and "3321605-xxx" covers every 3321605 part.
      const rest = token.length > catalog.length ? token.slice(catalog.length) : catalog.slice(token.length);
      const wildcard = /^X+$/.test(text.tokens[i + 1] ?? '');
      if (rest.length <= 2 && !wildcard) return { text: token, strong: true };
      continue;
    }
    if ((codeMissing && modelLabel) || (numberedByCatalog && catalog && label))
      return { text: token, strong: true };
    if (shapes.has(itsShape) && (label || (numberedByCatalog && catalog))) {
      return { text: token, strong: modelLabel || numberedByCatalog };
    }
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

/**
 * Parts a recall writes run together or split otherwise than the asset: "BladderScan" for "Bladder
 * Scan", "CF-HQ190L" for "CF-HQ 190L". Two or three neighbouring parts, joined, found as one.
 */
function joinedParts(text: TextIndex, asset: AssetProfile, lacking: Set<Segment>): ReadonlySet<Segment> {
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
function catalogWritten(text: TextIndex, catalog: string): boolean {
  if (find(text, catalog).state !== 'found') return false;
  return !/^\d+$/.test(catalog) || occurrences(text, catalog).some((o) => o.first === o.last);
}

/** The model's parts run together, in each of the ways its parts may be written (a few). */
function writings(parts: Segment[]): string[] {
  let out = [''];
  for (const part of parts) {
    out = out.flatMap((w) => spellingsOf(part).map((s) => w + s)).slice(0, 8);
  }
  return out;
}

/**
 * Another model of the asset's family named: its first name ("HeartStart" of "HeartStart XL+")
 * followed by a designator of another model ("Heartstart MRx"), where the asset's model is not
 * named. The text is then about that model, even if ours turns up in passing elsewhere.
 */
export function siblingNamed(text: TextIndex, asset: AssetProfile, terms: CorpusTerms): string | null {
  const family = asset.familyWord;
  if (!family || asset.required.some((s) => spellingsOf(s).some((t) => occurrences(text, t).length > 0)))
    return null;
  for (const o of occurrences(text, family)) {
    const next = nextNamingWord(text, o);
    if (next !== null && foreign(text, asset, next) && designates(text, next, terms, asset))
      return `${family} ${text.tokens[next]}`;
  }
  return null;
}

const nameOnly = (asset: AssetProfile) =>
  asset.required.length > 0 && asset.required.every((s) => s.kind === 'name');

/**
 * A model named by its name alone ("Evita", "Infinity", "Spectrum") is not the one a recall means
 * when every time the recall writes that name it goes on to a model of its own: "Evita Infinity
 * V500", "Infinity Acute Care System", "Spectrum IQ". The asset may be that model, or another.
 */
function narrowerModel(text: TextIndex, asset: AssetProfile, terms: CorpusTerms): Evidence['competing'] {
  const last = asset.required.at(-1)!;
  let named: string | null = null;
  for (const spelling of spellingsOf(last)) {
    for (const o of occurrences(text, spelling)) {
      // "AED" inside our own "AED PRO" is followed by the rest of our model, not another.
      if (
        asset.required.some(
          (s) => s !== last && occurrences(text, s.text).some((x) => x.first <= o.first && x.last > o.last),
        )
      )
        continue;
      const next = nextNamingWord(text, o);
      if (next === null || !foreign(text, asset, next) || !designates(text, next, terms, asset)) return null;
      named ??= `${spelling} ${text.tokens[next]}`;
    }
  }
  return named ? { text: named, strong: true } : null;
}

/** Versions and ratings written after a name are not models: "PrisMax System Version II", "Dialog + 120 V". */
const versionWords = new Set(['VERSION', 'VER', 'REV', 'REVISION', 'SOFTWARE', 'SW', 'FIRMWARE', 'RELEASE']);

/**
 * Whether the word at `i` names a model after a name: a number or code (V500, 4, DxH800), a
 * variant word (XL, Plus), or a word few firms use (DxH, IQ, OmniBed); not a descriptive word
 * ("Low Temperature", "is"), a version or a rating.
 */
function designates(text: TextIndex, i: number, terms: CorpusTerms, asset: AssetProfile): boolean {
  const token = text.tokens[i]!;
  if (versionWords.has(text.tokens[i - 1] ?? '') || isVersion(token) || isFieldStrength(token)) return false;
  if (/^\d+(V|W|A|HZ|KG|LB|MM|CM|ML|L)$/.test(token)) return false;
  if (/\d/.test(token)) return true;
  const stats = terms.get(token);
  return variantWords.has(token) || isOwned(stats) || (stats !== undefined && lineOf(stats, asset));
}

/** A firm family's share of a word's recalls that makes it one of the family's own lines. */
const lineShare = 0.2;

/** Whether a word is a line of the asset's own firm ("Evita Infinity" at Dräger), by its share of the word's uses. */
function lineOf(stats: TermStats, asset: AssetProfile): boolean {
  return asset.firm.families.some((family) => {
    const use = stats.byFamily?.[family];
    return use !== undefined && use.recalls >= 2 && use.recalls >= stats.recalls * lineShare;
  });
}

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
