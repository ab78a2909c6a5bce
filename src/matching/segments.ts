import { readModelTokens } from './model-tokens';
import type { GluedToken } from './text';
import { configurationWords, genericWords, numeralForms, variantWords } from './vocabulary';

/**
 * A model read as the parts that identify it. "CARESCAPE B450" is two parts, both required;
 * "Servo-i" one (SERVOI), "AED 3" one (AED3), "HeartStart XL+" one (HEARTSTARTXLPLUS): a part too
 * weak to stand alone (a single letter, a one- or two-digit number, a variant word such as PLUS)
 * is read with its neighbour, so "AED 3" is never found in any text that says AED and 3.
 */
export type Segment = {
  text: string;
  kind: 'code' | 'name' | 'optional';
  /** For a part that ends in a weak word (SERVO + I, LIFEPAK + 35): the part before it. */
  base?: string;
  /** Other ways of writing the part: ACCUTORRVII and ACCUTORRSEVEN for ACCUTORR7. */
  spellings?: string[];
};

/** Every way a part may be written: its text and its other spellings. */
export const spellingsOf = (s: Segment): string[] => [s.text, ...(s.spellings ?? [])];

const isWeak = (token: string) => variantWords.has(token) || /^[A-Z]$/.test(token) || /^\d{1,2}$/.test(token);

/**
 * The model's parts. `firmWords` are the words of its maker's names: "Philips IntelliVue MP50"
 * is identified by INTELLIVUE and MP50, and a recall that says "IntelliVue MP50" names it.
 */
export function modelSegments(
  model: string | null | undefined,
  firmWords: ReadonlySet<string> = new Set(),
  /** This asset's own words for the kind of device it is (its device name, its product code's). */
  noise: ReadonlySet<string> = new Set(),
  /** The maker's name as written for this asset, which the model may start with ("ZOLL AED Pro"). */
  leading: ReadonlySet<string> = firmWords,
): Segment[] {
  const isGeneric = (token: string) => genericWords.has(token) || noise.has(token);
  let tokens: GluedToken[] = readModelTokens(model, leading);
  let start = 0;
  let end = tokens.length;
  while (start < end && isGeneric(tokens[start]!.token)) start++;
  // Trailing kind-of-device words go only when a model number is left to identify the model;
  // otherwise they stay as optional parts: "Alaris Pump Module" is not just "Alaris".
  const hasCode = tokens.some((t) => /\d/.test(t.token));
  while (hasCode && end > start && isGeneric(tokens[end - 1]!.token)) end--;
  // "X Series", "R Series ALS": a model that is only a letter keeps the generic word beside it.
  if (tokens.slice(start, end).every((t) => isWeak(t.token))) {
    if (end < tokens.length) end++;
    else if (start > 0) start--;
  }
  tokens = tokens.slice(start, end);

  // Generic and configuration words inside a model are optional parts: looked for, not required.
  const segments: { text: string; generic: boolean; base?: string; firmPrefix?: string; series?: string }[] =
    [];
  let carry = '';
  tokens.forEach(({ token, glued }, i) => {
    const generic = (isGeneric(token) || configurationWords.has(token)) && !glued;
    const leadsNext = tokens[i + 1]?.glued === true; // "V" in "V-PRO" starts its own part
    if (carry) {
      segments.push({ text: carry + token, generic: false });
      carry = '';
    } else if (i > 0 && (glued || (isWeak(token) && !leadsNext)) && segments.length > 0) {
      const last = segments[segments.length - 1]!;
      if (glued && !last.base && last.text === tokens[i - 1]!.token && firmWords.has(last.text))
        last.firmPrefix = last.text;
      else if (glued && /^[A-Z]{2,4}$/.test(last.text) && /^[A-Z]+\d/.test(token)) last.series = last.text;
      if (isWeak(token)) last.base = last.text;
      last.text += token;
      last.generic = false;
    } else if (isWeak(token) && i + 1 < tokens.length) {
      carry = token; // a weak first part goes with the next one
    } else {
      segments.push({ text: token, generic });
    }
  });
  if (carry) segments.push({ text: carry, generic: false });
  const read: Segment[] = segments.map(({ text, generic, base, firmPrefix, series }) => {
    const spellings = base
      ? numeralForms(text.slice(base.length))
          .slice(1)
          .map((n) => base + n)
      : [];
    // "OEC-865 Plus" is also written "OEC Brivo 865 Plus": the firm's word glued before a code.
    if (firmPrefix && /\d/.test(text.slice(firmPrefix.length)) && text.length - firmPrefix.length >= 3)
      spellings.push(text.slice(firmPrefix.length));
    // Endoscopes are labelled with "Type" between their series and model: "TJF-Q180V" is the
    // "TJF Type Q180V", "GF-UCT180" the "GF type UCT180".
    if (series) spellings.push(`${series}TYPE${text.slice(series.length)}`);
    return {
      text,
      kind: generic ? 'optional' : /\d/.test(text) ? 'code' : 'name',
      ...(base ? { base } : {}),
      ...(spellings.length > 0 ? { spellings } : {}),
    };
  });
  // The maker's name goes where anything else is left to identify the model ("Philips IntelliVue
  // MP50" is the IntelliVue MP50); a model that is only the maker's name keeps it, and is then
  // found to identify nothing (see specificity.ts).
  const own = (s: Segment) => s.kind === 'name' && firmWords.has(s.text);
  if (!read.some((s) => s.kind !== 'optional' && !own(s))) return read;
  return read.filter((s) => !own(s));
}
