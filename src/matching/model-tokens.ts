/**
 * A CMMS model field read as the tokens a recall would write, whatever the register's habits:
 * - a long name run into its number is the name and the number ("ASTRAL150", "Espree15T");
 * - a magnet's field strength (1.5T, 3T, and "15T" for 1.5T) names no model and goes;
 * - CMMS abbreviations of generic words are the words ("ANES SYS" is "ANESTHESIA SYSTEM");
 * - a Roman numeral or number word after a name is its number ("Accutorr VII", "Flexicair Two"),
 *   which segments.ts then also looks for in the other two forms.
 * Pure, and the same for every asset.
 */
import { type GluedToken, tokenizeGlued } from './text';
import { cmmsAbbreviations, numeralValue } from './vocabulary';

/** A magnet's field strength (3.0T, 1.5T; 15T and 30T where the dot was dropped): shared by many MR systems. */
export const isFieldStrength = (token: string) => /^(\d(\.\d)?|05|10|15|30)T$/.test(token);

/** "ASTRAL150" is the Astral 150, "ESPREE15T" the Espree 1.5T: a long word run into a number reads as both. */
function splitRunTogether(tokens: GluedToken[]): GluedToken[] {
  return tokens.flatMap((t) => {
    const m = t.token.length >= 6 ? /^([A-Z]{4,})(\d{2,}|\d+T)$/.exec(t.token) : null;
    return m
      ? [
          { token: m[1]!, glued: t.glued },
          { token: m[2]!, glued: false },
        ]
      : [t];
  });
}

/** The tokens of a model before abbreviations and numerals are read: the same for every reader. */
function baseTokens(model: string): GluedToken[] {
  const known = readings.get(model);
  if (known) return known;
  if (readings.size >= readingsKept) readings.clear();
  const read = splitRunTogether(tokenizeGlued(model)).filter((t) => !isFieldStrength(t.token));
  readings.set(model, read);
  return read;
}

// An inventory writes the same models over and over; each is tokenized once (a pure function).
const readings = new Map<string, GluedToken[]>();
const readingsKept = 50_000;

const lettersOnly = (token: string | undefined) => token !== undefined && /^[A-Z]{2,}$/.test(token);

/**
 * A numeral is read as one only after a name of letters, and the single letters I, V and X never
 * (Servo-i, X-Porte, Series V); "IV" only at the end of the model, where it is not "IV pump".
 */
function numeral(tokens: GluedToken[], i: number): string | null {
  const { token, glued } = tokens[i]!;
  if (glued || tokens[i + 1]?.glued || token.length < 2 || !lettersOnly(tokens[i - 1]?.token)) return null;
  if (token === 'IV' && i !== tokens.length - 1) return null;
  return numeralValue(token);
}

/**
 * `leading` are the maker's words, which a model may start with ("ZOLL AED Pro"): the model's own
 * first word comes after them, and is never read as an abbreviation.
 */
export function readModelTokens(
  model: string | null | undefined,
  leading: ReadonlySet<string> = new Set(),
): GluedToken[] {
  if (!model) return [];
  const tokens = baseTokens(model);
  let first = 0;
  while (first < tokens.length - 1 && leading.has(tokens[first]!.token)) first++;
  const out: GluedToken[] = [];
  tokens.forEach((t, i) => {
    const digits = numeral(tokens, i);
    if (digits) {
      out.push({ token: digits, glued: false });
      return;
    }
    const standalone = !t.glued && !tokens[i + 1]?.glued;
    const expanded = standalone && i > first ? cmmsAbbreviations.get(t.token) : undefined;
    if (expanded) for (const word of expanded) out.push({ token: word, glued: false });
    else out.push(t);
  });
  return out;
}

/** A word of letters that names something: not a kind-of-device word, not an abbreviation of one. */
const nameWord = (token: string, generic: (token: string) => boolean) =>
  /^[A-Z]{3,}$/.test(token) && !generic(token) && !cmmsAbbreviations.has(token);

/**
 * Whether a CMMS row has its model and catalog number the wrong way round: a part number in the
 * model field ("1054260", "G5A-80A-S") and a name in the catalog field ("Trilogy 100 ventilator").
 */
export function fieldsSwapped(
  model: string | null | undefined,
  catalog: string | null | undefined,
  generic: (token: string) => boolean,
): boolean {
  // Most rows fail one of the quick tests: no number in the model, no word in the catalog field.
  if (!model || !catalog || !/\d/.test(model) || !/[A-Za-z]{3}/.test(catalog)) return false;
  const glued = readModelTokens(model);
  const inModel = glued.map((t) => t.token);
  const inCatalog = readModelTokens(catalog).map((t) => t.token);
  // A part number has three digits or more ("1115", "G5A-80A-S"); "V60" is a model's own name.
  // Three letters hyphenated onto a number are the code's prefix ("TUS-AI800"), not a name.
  const prefix = (i: number) =>
    inModel[i]!.length <= 3 && glued[i + 1]?.glued === true && /\d/.test(inModel[i + 1]!);
  const digits = inModel.join('').replace(/\D/g, '').length;
  const partNumber = digits >= 3 && !inModel.some((t, i) => nameWord(t, generic) && !prefix(i));
  return partNumber && inCatalog.some((t) => nameWord(t, generic));
}
