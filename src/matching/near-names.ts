/**
 * Near spellings of model names: a CMMS name one slip from a name the recalls use ("PERMIUM" for
 * PREMIUM, "JUNNIPER" for JUNIPER, "MGANETOM" for MAGNETOM). fuse.js finds the close names among
 * the names the asset's own firm family uses in the corpus (or, for an asset whose firm is not
 * known, among the names few firms use, by first letter, which people rarely get wrong), and a
 * plain edit distance confirms the slip. Only names made of letters are corrected, never towards a
 * word for a kind of device: numbers and codes stay exact.
 */
import Fuse from 'fuse.js';
import { type CorpusTerms, ownedBy } from './corpus/terms';
import { closeSpelling, slipLength } from './spelling';

export type NearNames = {
  /** The corpus name a word not in the corpus was meant to be, or null. */
  meant(word: string, families: readonly string[]): string | null;
};

type Entry = { term: string; recalls: number };

const fuseOf = (entries: Entry[]) =>
  new Fuse(entries, { keys: ['term'], includeScore: true, threshold: 0.35, ignoreLocation: true });

export function createNearNames(terms: CorpusTerms, isDeviceWord: (word: string) => boolean): NearNames {
  const nameLike = (term: string) =>
    term.length >= slipLength && /^[A-Z]+$/.test(term) && !isDeviceWord(term);
  // By family, first letter and length: a family uses hundreds of names, and a slip keeps the
  // first letter and changes the length by two at most.
  const byFamily = new Map<string, Fuse<Entry>>();
  const familyIndex = (family: string, word: string) => {
    const key = `${family}|${word[0]}|${word.length}`;
    let fuse = byFamily.get(key);
    if (!fuse) {
      const entries = terms
        .termsOf(family)
        .filter((t) => t[0] === word[0] && Math.abs(t.length - word.length) <= 2 && nameLike(t))
        .map((term) => ({ term, recalls: terms.get(term)!.recalls }));
      fuse = fuseOf(entries);
      byFamily.set(key, fuse);
    }
    return fuse;
  };
  let byInitial: Map<string, Fuse<Entry>> | null = null;
  const initialIndex = (initial: string) => {
    if (!byInitial) {
      const groups = new Map<string, Entry[]>();
      for (const r of terms.all()) {
        if (r.families > ownedBy || !nameLike(r.term)) continue;
        groups.set(r.term[0]!, [...(groups.get(r.term[0]!) ?? []), { term: r.term, recalls: r.recalls }]);
      }
      byInitial = new Map([...groups].map(([k, list]) => [k, fuseOf(list)]));
    }
    return byInitial.get(initial);
  };
  const cache = new Map<string, string | null>();
  return {
    meant(word, families) {
      if (!nameLike(word) || terms.get(word)) return null;
      const key = `${word}|${families.join(',')}`;
      const known = cache.get(key);
      if (known !== undefined) return known;
      const indexes =
        families.length > 0 ? families.map((f) => familyIndex(f, word)) : [initialIndex(word[0]!)];
      const close = indexes
        .flatMap((fuse) => fuse?.search(word, { limit: 8 }) ?? [])
        .map((r) => r.item)
        .filter((e) => closeSpelling(word, e.term))
        .sort((a, b) => b.recalls - a.recalls);
      const found = close[0]?.term ?? null;
      cache.set(key, found);
      return found;
    },
  };
}
