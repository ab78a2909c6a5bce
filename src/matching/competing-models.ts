import { type CorpusTerms, isOwned, type TermStats } from './corpus/terms';
import { type Beside, nextNamingWord, suffixOf, weak } from './model-parts';
import { isFieldStrength } from './model-tokens';
import type { AssetProfile } from './profiles';
import { type Segment, spellingsOf } from './segments';
import { occurrences, type TextIndex } from './text';
import { modelLabels, numberLabels, variantWords } from './vocabulary';

/** Another model named where ours is not, and whether it weighs strongly (see `Evidence.competing`). */
export type OtherModel = { text: string; strong: boolean };

const shape = (text: string) => text.replace(/[A-Z]/g, 'A').replace(/\d/g, '9');

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
export function competingMention(
  text: TextIndex,
  asset: AssetProfile,
  missing: Segment[],
  after: Beside,
  catalogFound: boolean,
): OtherModel | null {
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

/**
 * A model named by its name alone ("Evita", "Infinity", "Spectrum") is not the one a recall means
 * when every time the recall writes that name it goes on to a model of its own: "Evita Infinity
 * V500", "Infinity Acute Care System", "Spectrum IQ". The asset may be that model, or another.
 */
export function narrowerModel(text: TextIndex, asset: AssetProfile, terms: CorpusTerms): OtherModel | null {
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
