import { type CorpusTerms, isOwned } from './corpus/terms';
import { type AssetProfile, catalogKey, type RecallText } from './profiles';
import { modelSegments, spellingsOf } from './segments';
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

/** Every run of up to four adjacent tokens, joined, no longer than `longest`. */
function* runsIn(text: TextIndex, longest = Number.POSITIVE_INFINITY): Generator<string> {
  const { tokens } = text;
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    for (let j = i; j < Math.min(tokens.length, i + widestRun); j++) {
      joined += tokens[j];
      yield joined;
      if (joined.length >= longest) break;
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
 * rebuilt before an incremental run relies on them.
 */
export const assetKeysVersion = 2;

/**
 * Every key the index below could file an asset under, whatever the alias table says of its
 * firm (its own firm's words left in): stored, they let an incremental run read only the assets
 * that share a key with the new recalls.
 */
export function assetKeys(
  asset: { model: string | null; catalogNumber: string | null; udiDi: string | null },
  profile?: AssetProfile,
): string[] {
  const keys = new Set(
    [...modelSegments(asset.model), ...(profile?.segments ?? [])]
      .filter((s) => s.kind !== 'optional')
      .flatMap((s) => [...spellingsOf(s), ...(s.base ? [s.base] : [])]),
  );
  const catalog = catalogKey(asset.catalogNumber);
  if (catalog) keys.add(catalog);
  if (asset.udiDi) keys.add(asset.udiDi);
  return [...keys].filter((key) => key.length >= 2);
}

/**
 * A name few firms use in the corpus (a brand or model name, not a word) finds its model in a
 * recall from any firm: the device may be recalled under an acquirer's name, or the asset's firm
 * may not be on record.
 */
const ownedName = (terms: CorpusTerms, name: string) => isOwned(terms.get(name));

/**
 * Blocking: the models worth scoring against a recall. A model number, catalog number or UDI-DI
 * of ours in the recall's text makes a candidate whoever the recalling firm is (relabelled and
 * rebadged devices exist). A word of a model's name (Juniper, Prime, Screw) or a common number
 * makes one only within the firm's family, or a family the recall names: a name alone from
 * another firm could never reach even low confidence, and common words would otherwise pull in
 * thousands of models.
 */
export function createAssetIndex(groups: ModelGroup[], terms: CorpusTerms) {
  const anywhere = new Map<string, Set<ModelGroup>>();
  const withinFamily = new Map<string, Map<string, Set<ModelGroup>>>();
  /** Compact firm names and the families they stand for, to find firms named in a recall. */
  const familiesNamed = new Map<string, Set<string>>();
  /** Joining tokens stops once the run is longer than any key. */
  let longest = 0;
  const remember = (key: string) => {
    if (key.length > longest) longest = key.length;
  };
  const addAnywhere = (key: string | null, group: ModelGroup) => {
    if (!key || key.length < 2) return;
    remember(key);
    if (!anywhere.has(key)) anywhere.set(key, new Set());
    anywhere.get(key)!.add(group);
  };
  const addWithinFamily = (key: string, group: ModelGroup) => {
    if (key.length < 2) return;
    remember(key);
    if (!withinFamily.has(key)) withinFamily.set(key, new Map());
    const families = withinFamily.get(key)!;
    for (const family of group.model.firm.families) {
      if (!families.has(family)) families.set(family, new Set());
      families.get(family)!.add(group);
    }
  };
  for (const group of groups) {
    for (const member of group.members) addAnywhere(member.udiDi, group);
    addAnywhere(group.model.catalog, group);
    const { segments, firmWords } = group.model;
    // The maker's own name in a model ("BD Alaris") is a key only when it is all there is:
    // otherwise it would make every recall of the firm a candidate.
    const names = segments.filter((s) => s.kind === 'name');
    const own = names.filter((s) => firmWords.has(s.text));
    for (const segment of segments) {
      if (segment.kind !== 'code') continue;
      for (const text of spellingsOf(segment)) {
        if (common(text)) addWithinFamily(text, group);
        else addAnywhere(text, group);
      }
    }
    // "iLED 5" is also named in a list after its base ("iLED 3/5"): the base finds it in the family.
    for (const segment of segments)
      if (segment.base && segment.kind !== 'optional') addWithinFamily(segment.base, group);
    for (const segment of own.length < names.length ? names.filter((s) => !own.includes(s)) : names) {
      for (const text of spellingsOf(segment)) {
        addWithinFamily(text, group);
        if (ownedName(terms, text)) addAnywhere(text, group);
      }
    }
    for (const { name, family } of group.model.firmNames) {
      remember(name);
      if (!familiesNamed.has(name)) familiesNamed.set(name, new Set());
      familiesNamed.get(name)!.add(family);
    }
  }
  const hasDis = groups.some((g) => g.members.some((m) => m.udiDi));

  return {
    candidates(recall: RecallText): Set<ModelGroup> {
      const found = new Set<ModelGroup>();
      const families = new Set(recall.firm.families);
      const named: string[] = [];
      for (const text of [recall.text, recall.reason]) {
        if (hasDis)
          for (const di of possibleDis(text)) for (const group of anywhere.get(di) ?? []) found.add(group);
        for (const key of runsIn(text, longest)) {
          for (const group of anywhere.get(key) ?? []) found.add(group);
          for (const family of familiesNamed.get(key) ?? []) families.add(family);
          if (withinFamily.has(key)) named.push(key);
        }
      }
      for (const key of named) {
        const byFamily = withinFamily.get(key)!;
        for (const family of families) for (const group of byFamily.get(family) ?? []) found.add(group);
      }
      return found;
    },
  };
}
