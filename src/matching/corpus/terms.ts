/**
 * What the recall corpus itself says about each word and number in its product descriptions: in
 * how many recalls, firm families and product codes it appears, and how many different model
 * designators the recalls write right after it. Record linkage weighs an agreement by how rare it
 * is (Fellegi–Sunter, as in Splink): a shared word used by one firm for one product says a lot; a
 * word a hundred firms use says little; a name the recalls write before nine different models
 * (UniCel DxC, DxH, DxI …) names a family, not a model. Pure: built from values, no I/O.
 */
import { tokensOf } from '../text';
import { genericWords, variantWords } from '../vocabulary';

/** How a term is used: overall, or by one firm family. */
export type TermUse = {
  recalls: number;
  productCodes: number;
  /** Distinct model designators written right after the term. */
  followers: number;
  /** A few of them, most frequent first, for the reasons shown to a person. */
  followerList: string[];
};

export type TermStats = TermUse & {
  families: number;
  /** The firm families that use the term, when they are few, and how each uses it. */
  familyList: string[] | null;
  byFamily: Record<string, TermUse> | null;
};

export type TermRow = TermStats & { term: string };

/** What one recall adds to the statistics. */
export type CorpusRecall = { description: string | null; families: string[]; productCode: string | null };

/** Families are listed for a term only up to this many: past it the term is everyone's word. */
export const listedFamilies = 40;

/** A term that at most this many firm families use is theirs: a brand or model name, not a word. */
export const ownedBy = 4;

export const isOwned = (stats: TermStats | undefined) => stats !== undefined && stats.families <= ownedBy;

/** How the term is used by one of these families, where the corpus says; else overall. */
export function useBy(stats: TermStats, families: readonly string[]): TermUse {
  for (const family of families) {
    const use = stats.byFamily?.[family];
    if (use) return use;
  }
  return stats;
}

/**
 * A word is a model designator after another when it is a number or code (B450, 7G, DxH800) or a
 * word few firms use (DxH, Avanto), not a word for a kind of device or a size.
 */
const designatorSpread = 6;
const measurement = /^\d+(\.\d+)?(MM|CM|M|FR|F|G|GA|ML|CC|L|IN|MG|MCG|KG|LB|V|W|HZ|KHZ|MHZ|T)$/;

type Counting = { recalls: number; productCodes: Set<string>; next: Map<string, number> };
/** Per family only while few families use the term: past that it is everyone's word. */
type Building = Counting & { families: Set<string>; byFamily: Map<string, Counting> | null };

const counting = (): Counting => ({ recalls: 0, productCodes: new Set(), next: new Map() });

function isDesignator(token: string, stats: Map<string, Building>): boolean {
  if (genericWords.has(token) || measurement.test(token) || /^\d+\.\d+/.test(token)) return false;
  if (/\d/.test(token) || variantWords.has(token)) return true;
  const s = stats.get(token);
  return token.length >= 2 && s !== undefined && s.families.size <= designatorSpread;
}

function useOf(c: Counting, term: string, stats: Map<string, Building>): TermUse {
  const followers = [...c.next.entries()]
    .filter(([token]) => token !== term && isDesignator(token, stats))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([token]) => token);
  return {
    recalls: c.recalls,
    productCodes: c.productCodes.size,
    followers: followers.length,
    followerList: followers.slice(0, 5),
  };
}

function count(c: Counting, first: boolean, code: string | undefined, next: string | null) {
  if (first) {
    c.recalls++;
    if (code) c.productCodes.add(code);
  }
  if (next !== null) c.next.set(next, (c.next.get(next) ?? 0) + 1);
}

export function buildTerms(recalls: Iterable<CorpusRecall>): TermRow[] {
  const stats = new Map<string, Building>();
  for (const recall of recalls) {
    const { tokens, brokenBefore } = tokensOf(recall.description);
    const code = recall.productCode?.toUpperCase();
    const seen = new Set<string>();
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const first = !seen.has(token);
      // What follows a number, and how each family uses it, are never asked (only a name can name
      // a family or a firm's line): a number counts once per recall, by how widely it is used.
      const number = /\d/.test(token);
      if (!first && number) continue;
      if (first) seen.add(token);
      let s = stats.get(token);
      if (!s) {
        const byFamily = number ? null : new Map<string, Counting>();
        s = { recalls: 0, productCodes: new Set(), next: new Map(), families: new Set(), byFamily };
        stats.set(token, s);
      }
      if (first) {
        for (const family of recall.families) s.families.add(family);
        if (s.byFamily && s.families.size > listedFamilies) s.byFamily = null;
      }
      const next = !number && i + 1 < tokens.length && !brokenBefore[i + 1] ? tokens[i + 1]! : null;
      count(s, first, code, next);
      if (!s.byFamily) continue;
      for (const family of recall.families) {
        let c = s.byFamily.get(family);
        if (!c) {
          c = counting();
          s.byFamily.set(family, c);
        }
        count(c, first, code, next);
      }
    }
  }
  const rows: TermRow[] = [];
  for (const [term, s] of stats) {
    const byFamily = s.byFamily;
    rows.push({
      term,
      ...useOf(s, term, stats),
      families: s.families.size,
      familyList: byFamily ? [...byFamily.keys()].sort() : null,
      byFamily: byFamily
        ? Object.fromEntries([...byFamily].sort().map(([family, c]) => [family, useOf(c, term, stats)]))
        : null,
    });
  }
  return rows;
}

/** The statistics read back, with the corpus size they were built from. */
export type CorpusTerms = {
  /** How many recalls the statistics were built from; 0 when there are none yet. */
  recalls: number;
  get(term: string): TermStats | undefined;
  /** Every term a family uses (few families do), for near spellings of its model names. */
  termsOf(family: string): string[];
  /** Terms that few families use: model and brand names whatever the firm. */
  ownedTerms(): string[];
  /** Every term with its statistics. */
  all(): readonly TermRow[];
};

export function corpusTerms(rows: TermRow[], recalls: number): CorpusTerms {
  const byTerm = new Map(rows.map((r) => [r.term, r]));
  let byFamily: Map<string, string[]> | null = null;
  const families = () => {
    if (!byFamily) {
      byFamily = new Map();
      for (const r of rows) {
        for (const family of r.familyList ?? []) {
          const list = byFamily.get(family) ?? [];
          list.push(r.term);
          byFamily.set(family, list);
        }
      }
    }
    return byFamily;
  };
  return {
    recalls,
    get: (term) => byTerm.get(term),
    termsOf: (family) => families().get(family) ?? [],
    ownedTerms: () => rows.filter((r) => r.families <= ownedBy).map((r) => r.term),
    all: () => rows,
  };
}

/** No statistics: the engine then falls back on what it knows without the corpus. */
export const noCorpusTerms: CorpusTerms = corpusTerms([], 0);
