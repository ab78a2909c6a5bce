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

export function readModelTokens(model: string | null | undefined): GluedToken[] {
  const tokens = splitRunTogether(tokenizeGlued(model)).filter((t) => !isFieldStrength(t.token));
  const out: GluedToken[] = [];
  tokens.forEach((t, i) => {
    const standalone = !t.glued && !tokens[i + 1]?.glued;
    const expanded = standalone && i > 0 ? cmmsAbbreviations.get(t.token) : undefined;
    if (expanded) {
      for (const word of expanded) out.push({ token: word, glued: false });
      return;
    }
    const digits = numeral(tokens, i);
    out.push(digits ? { token: digits, glued: false } : t);
  });
  return out;
}
