import { type CorpusTerms, isOwned } from './corpus/terms';
import type { AssetProfile, RecallText } from './profiles';
import { spellingsOf } from './segments';
import type { TextIndex } from './text';

/** Assets of one make, model, catalog number and product code: scored once, for all of them. */
export type ModelGroup = { model: AssetProfile; members: AssetProfile[] };

/**
 * A number too common to find a model by across every firm: a short bare number (100, 840), a
 * decimal (5.5, 2.0) or a size (8MM, 1.5MM, 14FR). Written in a recall from another firm it
 * almost always means something else, so like a name it makes a candidate only within the
 * firm's family or a family the recall names.
 */
const common = (key: string) =>
  /^\d{1,3}$/.test(key) ||
  /^\d+\.\d+$/.test(key) ||
  /^\d+(\.\d+)?(MM|CM|M|FR|F|G|GA|ML|CC|L|IN|MG|MCG|KG|LB|V|W|HZ|KHZ|MHZ)$/.test(key);

/**
 * Every GTIN-14 a text could hold: each 12 to 14 digits of its runs of digits, zero-padded. More
 * than the recall's reading finds (that checks labels and check digits, and the pair's score
 * goes by it), so that reading is needed only for recalls with a candidate.
 */
function* possibleDis(text: TextIndex): Generator<string> {
  for (const run of text.compact.matchAll(/\d{12,}/g)) {
    const digits = run[0];
    for (let length = 12; length <= 14; length++) {
      for (let at = 0; at + length <= digits.length; at++)
        yield digits.slice(at, at + length).padStart(14, '0');
    }
  }
}

/** Longest run of adjacent tokens joined to find a spaced-out code ("64 87 800"). */
const widestRun = 4;

/** Every run of up to four adjacent tokens, joined. */
function* runsIn(text: TextIndex): Generator<string> {
  const { tokens } = text;
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < Math.min(tokens.length, i + widestRun); j++) {
      joined += tokens[j];
      yield joined;
    }
  }
}

/** Everything in a recall's texts that an asset could be found by: runs of tokens and GTINs. */
export function recallKeys(recall: RecallText): Set<string> {
  const keys = new Set<string>();
  for (const text of [recall.text, recall.reason]) {
    for (const key of runsIn(text)) keys.add(key);
    for (const di of possibleDis(text)) keys.add(di);
  }
  return keys;
}

/**
 * Raise when what `assetKeys` returns changes: keys stored by an older version are then
 * rebuilt before an incremental run relies on them. They are rebuilt too when what the engine
 * knows changes (see gather.ts): the keys of a model depend on its firm family and the corpus.
 */
export const assetKeysVersion = 4;

/**
 * The keys the index files an asset under (see `modelKeys`): stored, they let an incremental
 * run read only the assets that share a key with the new recalls.
 */
export function assetKeys(profile: AssetProfile, terms: CorpusTerms): string[] {
  const { anywhere, withinFamily } = modelKeys(profile, terms);
  return [
    ...new Set([...anywhere, ...withinFamily.map(inFamilyOnly), ...(profile.udiDi ? [profile.udiDi] : [])]),
  ];
}

/** A stored key that finds its asset only within the asset's firm family, or one a recall names. */
export const inFamilyOnly = (key: string) => `${key}~`;

/**
 * Where the index files a model (its members' UDI-DIs aside). A model number, catalog number or
 * UDI-DI of ours in the recall's text makes a candidate whoever the recalling firm is (relabelled
 * and rebadged devices exist). A word of a model's name (Juniper, Prime, Screw) or a common number
 * makes one only within the firm's family, or a family the recall names: a name alone from another
 * firm could never reach even low confidence, and common words would otherwise pull in thousands
 * of models; a brand one or two firms use is the exception.
 */
export function modelKeys(
  model: AssetProfile,
  terms: CorpusTerms,
): { anywhere: string[]; withinFamily: string[] } {
  const anywhere: string[] = [];
  const withinFamily: string[] = [];
  if (model.catalog) anywhere.push(model.catalog);
  const { segments, firmWords } = model;
  // The maker's own name in a model ("BD Alaris") is a key only when it is all there is:
  // otherwise it would make every recall of the firm a candidate.
  const names = segments.filter((s) => s.kind === 'name');
  const own = names.filter((s) => firmWords.has(s.text));
  for (const segment of segments) {
    if (segment.kind !== 'code') continue;
    for (const text of spellingsOf(segment)) (common(text) ? withinFamily : anywhere).push(text);
  }
  // "iLED 5" is also named in a list after its base ("iLED 3/5"): a base of its firm's own (not
  // AED, which every defibrillator maker writes) finds it within the family.
  for (const segment of segments) {
    if (segment.base && segment.kind !== 'optional' && specificBase(terms, segment.base))
      withinFamily.push(segment.base);
  }
  for (const segment of own.length < names.length ? names.filter((s) => !own.includes(s)) : names) {
    for (const text of spellingsOf(segment)) {
      withinFamily.push(text);
      if (ownedName(terms, text)) anywhere.push(text);
    }
  }
  const long = (key: string) => key.length >= 2;
  return { anywhere: anywhere.filter(long), withinFamily: withinFamily.filter(long) };
}

/**
 * A name one or two firms use in the corpus (a brand or model name, not a word) finds its model in a
 * recall from any firm: the device may be recalled under an acquirer's name, or the asset's firm
 * may not be on record.
 */
const ownedName = (terms: CorpusTerms, name: string) =>
  (terms.get(name)?.families ?? brandFamilies + 1) <= brandFamilies;

/** A name at most this many firm families write is a brand: it finds its model from any firm. */
const brandFamilies = 2;

/** A base few firms use, or one the corpus does not know (nothing then says it is common). */
const specificBase = (terms: CorpusTerms, base: string) => {
  const stats = terms.get(base);
  return stats === undefined || isOwned(stats);
};

/** What one key finds: models anywhere, models within a firm family, and firm families it names. */
type KeyEntry = {
  anywhere?: Set<ModelGroup>;
  withinFamily?: Map<string, Set<ModelGroup>>;
  /** A compact firm name ("CAREFUSION"): the families it stands for, to find firms named in a recall. */
  families?: Set<string>;
};

/** Blocking: the models worth scoring against a recall, filed under their keys (see `modelKeys`). */
export function createAssetIndex(groups: ModelGroup[], terms: CorpusTerms) {
  // One map for every kind of key: a recall's text is looked up once per run of its tokens.
  const index = new Map<string, KeyEntry>();
  const entry = (key: string) => {
    let e = index.get(key);
    if (!e) {
      e = {};
      index.set(key, e);
    }
    return e;
  };
  const addAnywhere = (key: string | null, group: ModelGroup) => {
    if (!key || key.length < 2) return;
    const e = entry(key);
    e.anywhere ??= new Set();
    e.anywhere.add(group);
  };
  const addWithinFamily = (key: string, group: ModelGroup) => {
    if (key.length < 2) return;
    const e = entry(key);
    e.withinFamily ??= new Map();
    const families = e.withinFamily;
    for (const family of group.model.firm.families) {
      let set = families.get(family);
      if (!set) {
        set = new Set();
        families.set(family, set);
      }
      set.add(group);
    }
  };
  for (const group of groups) {
    for (const member of group.members) addAnywhere(member.udiDi, group);
    const { anywhere, withinFamily } = modelKeys(group.model, terms);
    for (const key of anywhere) addAnywhere(key, group);
    for (const key of withinFamily) addWithinFamily(key, group);
    for (const { name, family } of group.model.firmNames) {
      const e = entry(name);
      e.families ??= new Set();
      e.families.add(family);
    }
  }
  const hasDis = groups.some((g) => g.members.some((m) => m.udiDi));
  // Every beginning of a key: a run of tokens is joined further only while it could still
  // become one ("CSM" of CSM1901), not four tokens at every word of every recall.
  const beginnings = new Set<string>();
  for (const key of index.keys()) for (let n = 1; n < key.length; n++) beginnings.add(key.slice(0, n));
  /** Runs of up to four adjacent tokens that are keys of the index. */
  function* keysIn(text: TextIndex): Generator<KeyEntry> {
    const { tokens } = text;
    for (let i = 0; i < tokens.length; i++) {
      let joined = '';
      for (let j = i; j < Math.min(tokens.length, i + widestRun); j++) {
        joined += tokens[j];
        const e = index.get(joined);
        if (e) yield e;
        if (!beginnings.has(joined)) break;
      }
    }
  }

  return {
    candidates(recall: RecallText): Set<ModelGroup> {
      const found = new Set<ModelGroup>();
      const families = new Set(recall.firm.families);
      // A key met many times in a text is read once.
      const named = new Set<Map<string, Set<ModelGroup>>>();
      const seen = new Set<KeyEntry>();
      for (const text of [recall.text, recall.reason]) {
        if (hasDis)
          for (const di of possibleDis(text))
            for (const group of index.get(di)?.anywhere ?? []) found.add(group);
        for (const e of keysIn(text)) {
          if (seen.has(e)) continue;
          seen.add(e);
          if (e.anywhere) for (const group of e.anywhere) found.add(group);
          if (e.families) for (const family of e.families) families.add(family);
          if (e.withinFamily) named.add(e.withinFamily);
        }
      }
      for (const byFamily of named) {
        for (const family of families) for (const group of byFamily.get(family) ?? []) found.add(group);
      }
      return found;
    },
  };
}
