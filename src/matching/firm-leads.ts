/**
 * The firm a model field starts with, for the assets whose manufacturer was left blank and written
 * into the model instead ("GE OEC Elite CFD", "B. BRAUN AVITUM DIALOG+", "MINDRAY NORTH AMEICA A5",
 * "FUJIFILLM SONOSITE MTurbo"). Known firm names come from the alias table and from the recalling
 * firms of the corpus itself; a near spelling of a long word counts. The longest known name the
 * model starts with is taken, so the words of a firm's full name do not stay in the model.
 */
import { coreOf } from './firms';
import { closeSpelling } from './spelling';

export type FirmLead = { name: string; words: number };

/** How often a corpus firm must recall before a model starting with its name alone is taken for it. */
const corpusFirmMinimum = 3;
/** Longest firm name looked for, in words. */
const longestName = 4;

const sameWord = (typed: string, known: string) => typed === known || closeSpelling(typed, known, 'firm');

export function createFirmLeads(aliasNames: string[], corpusNames: Map<string, number>) {
  // Known: every name of the alias table and its core ("icu" of "icu medical"); a corpus firm's
  // name and core when it recalls often enough; and a longer corpus name of a known core.
  const known = new Set<string>();
  for (const name of aliasNames) known.add(name).add(coreOf(name));
  for (const [name, recalls] of corpusNames) {
    if (recalls >= corpusFirmMinimum && name.length >= 3) known.add(name);
  }
  for (const name of corpusNames.keys()) if (known.has(coreOf(name))) known.add(name);
  const byFirst = new Map<string, string[][]>();
  for (const name of known) {
    const words = name.split(' ');
    if (words.length > longestName) continue;
    byFirst.set(words[0]!, [...(byFirst.get(words[0]!) ?? []), words]);
  }
  // Near spellings of a first word are looked for among long ones, by first letter.
  const longFirsts = new Map<string, string[]>();
  for (const first of byFirst.keys()) {
    if (first.length < 6) continue;
    longFirsts.set(first[0]!, [...(longFirsts.get(first[0]!) ?? []), first]);
  }
  return {
    /** The firm named by the first words of a model's tokens (upper case), or null. */
    lead(tokens: string[]): FirmLead | null {
      const words = tokens.map((t) => t.toLowerCase());
      const first = words[0];
      if (!first) return null;
      const firsts = [
        first,
        ...(longFirsts.get(first[0]!) ?? []).filter((f) => closeSpelling(first, f, 'firm')),
      ];
      let best: { name: string[]; words: number } | null = null;
      for (const f of firsts) {
        for (const name of byFirst.get(f) ?? []) {
          if (name.length > words.length) continue;
          if (!name.every((w, i) => i === 0 || sameWord(words[i]!, w))) continue;
          if (!best || name.length > best.words) best = { name, words: name.length };
        }
      }
      return best ? { name: best.name.join(' '), words: best.words } : null;
    },
  };
}

export type FirmLeads = ReturnType<typeof createFirmLeads>;

export const noFirmLeads: FirmLeads = createFirmLeads([], new Map());
