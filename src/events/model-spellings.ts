import { compactOf, tokenize } from '../matching/text';

/** A model shorter than this (compacted) would find other makers' reports by chance: "20", "X". */
const shortest = 3;
const spellingLimit = 12;

/**
 * The ways MAUDE may spell an asset's model, for indexed lookups on model_number and brand_name:
 * as given, upper and lower case, and its words joined by nothing, a space or a hyphen
 * ("CSM-1901" → "CSM1901", "CSM 1901", "CSM-1901"). Each hit is then checked with `sameModel`.
 * Empty when the model is too short to tell devices apart.
 */
export function modelSpellings(model: string | null | undefined): string[] {
  if (!model || compactOf(model).length < shortest) return [];
  const given = model.trim();
  const tokens = tokenize(given).map((t) => (t === 'PLUS' ? '+' : t));
  const joined = ['', ' ', '-'].map((glue) => tokens.join(glue));
  const all = [given, given.toUpperCase(), given.toLowerCase(), ...joined];
  return [...new Set(all.filter(Boolean))].slice(0, spellingLimit);
}

/** Whether a MAUDE model number or brand name names the same model, however it is spaced. */
export function sameModel(model: string, reported: string | null | undefined): boolean {
  const want = compactOf(model);
  return want.length >= shortest && compactOf(reported) === want;
}
