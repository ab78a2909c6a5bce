/**
 * Near spellings of model names: a CMMS name one slip from a name the recalls use ("PERMIUM" for
 * PREMIUM, "JUNNIPER" for JUNIPER, "MGANETOM" for MAGNETOM). fuse.js finds the close names among
 * the corpus's words (grouped by first letter, which people rarely get wrong), and a plain edit
 * distance confirms the slip; a name the asset's own firm family uses wins over another's. Only
 * names made of letters are corrected: numbers and codes stay exact.
 */
import Fuse from 'fuse.js';
import { type CorpusTerms, ownedBy } from './corpus/terms';
import { closeSpelling, slipLength } from './spelling';

export type NearNames = {
  /** The corpus name a word not in the corpus was meant to be, or null. */
  meant(word: string, families: readonly string[]): string | null;
};

type Entry = { term: string; recalls: number; families: string[] | null };

export function createNearNames(terms: CorpusTerms, isDeviceWord: (word: string) => boolean): NearNames {
  let byInitial: Map<string, Fuse<Entry>> | null = null;
  const index = () => {
    if (!byInitial) {
      const groups = new Map<string, Entry[]>();
      for (const r of terms.all()) {
        // A model's name is corrected towards names, never towards a word for a kind of device.
        if (r.term.length < slipLength || !/^[A-Z]+$/.test(r.term) || isDeviceWord(r.term)) continue;
        const list = groups.get(r.term[0]!) ?? [];
        list.push({ term: r.term, recalls: r.recalls, families: r.familyList });
        groups.set(r.term[0]!, list);
      }
      byInitial = new Map(
        [...groups].map(([initial, list]) => [
          initial,
          new Fuse(list, { keys: ['term'], includeScore: true, threshold: 0.35, ignoreLocation: true }),
        ]),
      );
    }
    return byInitial;
  };
  const cache = new Map<string, string | null>();
  return {
    meant(word, families) {
      if (word.length < slipLength || !/^[A-Z]+$/.test(word) || terms.get(word) || isDeviceWord(word))
        return null;
      const key = `${word}|${families.join(',')}`;
      if (cache.has(key)) return cache.get(key)!;
      const close = (index().get(word[0]!)?.search(word, { limit: 12 }) ?? [])
        .map((r) => r.item)
        .filter((e) => closeSpelling(word, e.term));
      // Within the asset's firm family where it is known; a firm's own name elsewhere.
      const ours = (e: Entry) => (e.families ?? []).some((f) => families.includes(f));
      const eligible =
        families.length > 0 ? close.filter(ours) : close.filter((e) => (e.families?.length ?? 99) <= ownedBy);
      eligible.sort((a, b) => b.recalls - a.recalls);
      const found = eligible[0]?.term ?? null;
      cache.set(key, found);
      return found;
    },
  };
}
