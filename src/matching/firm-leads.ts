/**
 * The firm a model field starts with, for the assets whose manufacturer was left blank and written
 * into the model instead ("GE OEC Elite CFD", "B. BRAUN AVITUM DIALOG+", "FUJIFILLM SONOSITE
 * MTurbo"). Known firm names come from the alias table and from the recalling firms of the corpus
 * itself; a near spelling of a long one counts. A firm read this way is a guess: it may help a
 * match (the recall's firm agrees) but never counts against one.
 */
import { closeSpelling } from './spelling';

export type FirmLead = { name: string; words: number };

/** How often a corpus firm name must recall before a model starting with it is taken for it. */
const corpusFirmMinimum = 3;

export function createFirmLeads(aliasNames: string[], corpusNames: Map<string, number>) {
  const known = new Set<string>();
  for (const name of aliasNames) known.add(name);
  for (const [name, recalls] of corpusNames) {
    if (recalls >= corpusFirmMinimum && name.length >= 3) known.add(name);
  }
  // Near spellings are looked for among single long names, grouped by first letter.
  const long = new Map<string, string[]>();
  for (const name of known) {
    if (name.length < 6 || name.includes(' ')) continue;
    long.set(name[0]!, [...(long.get(name[0]!) ?? []), name]);
  }
  return {
    /** The firm named by the first words of a model's tokens (upper case), or null. */
    lead(tokens: string[]): FirmLead | null {
      const words = tokens.map((t) => t.toLowerCase());
      for (let n = Math.min(3, words.length); n > 0; n--) {
        // "B BRAUN" is "b braun"; "BBRAUN" is the same firm written as one.
        const spaced = words.slice(0, n).join(' ');
        if (known.has(spaced)) return { name: spaced, words: n };
      }
      const first = words[0];
      if (first && first.length >= 6 && /^[a-z]+$/.test(first)) {
        const near = (long.get(first[0]!) ?? []).find((name) => closeSpelling(first, name));
        if (near) return { name: near, words: 1 };
      }
      return null;
    },
  };
}

export type FirmLeads = ReturnType<typeof createFirmLeads>;

export const noFirmLeads: FirmLeads = createFirmLeads([], new Map());
