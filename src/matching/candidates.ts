import type { AssetProfile, RecallProfile } from './profiles';
import type { TextIndex } from './text';

/** Assets of one make, model, catalog number and product code: scored once, for all of them. */
export type ModelGroup = { model: AssetProfile; members: AssetProfile[] };

/** Longest run of adjacent tokens joined to find a spaced-out code ("64 87 800"). */
const widestRun = 4;

/**
 * Blocking: the models worth scoring against a recall. A model number, catalog number or UDI-DI
 * of ours in the recall's text makes a candidate whoever the recalling firm is (relabelled and
 * rebadged devices exist). A word of a model's name (Juniper, Prime, Screw) makes one only
 * within the firm's family, or a family the recall names: a name alone from another firm could
 * never reach even low confidence, and common words would otherwise pull in thousands of models.
 */
export function createAssetIndex(groups: ModelGroup[]) {
  const byNumber = new Map<string, Set<ModelGroup>>();
  const byName = new Map<string, Map<string, Set<ModelGroup>>>();
  /** Compact firm names and the families they stand for, to find firms named in a recall. */
  const familiesNamed = new Map<string, Set<string>>();
  /** Every beginning of every key: joining tokens stops as soon as it can lead to no key. */
  const prefixes = new Set<string>();
  const remember = (key: string) => {
    for (let i = 1; i < key.length; i++) prefixes.add(key.slice(0, i));
  };
  const addNumber = (key: string | null, group: ModelGroup) => {
    if (!key || key.length < 2) return;
    remember(key);
    if (!byNumber.has(key)) byNumber.set(key, new Set());
    byNumber.get(key)!.add(group);
  };
  const addName = (key: string, group: ModelGroup) => {
    if (key.length < 2) return;
    remember(key);
    if (!byName.has(key)) byName.set(key, new Map());
    const families = byName.get(key)!;
    for (const family of group.model.firm.families) {
      if (!families.has(family)) families.set(family, new Set());
      families.get(family)!.add(group);
    }
  };
  for (const group of groups) {
    for (const member of group.members) addNumber(member.udiDi, group);
    addNumber(group.model.catalog, group);
    for (const segment of group.model.segments) {
      if (segment.kind === 'code') addNumber(segment.text, group);
      else if (segment.kind === 'name') addName(segment.text, group);
    }
    for (const { name, family } of group.model.firmNames) {
      remember(name);
      if (!familiesNamed.has(name)) familiesNamed.set(name, new Set());
      familiesNamed.get(name)!.add(family);
    }
  }

  /** Every run of up to four adjacent tokens, joined, that may be a key. */
  function* keysIn(text: TextIndex): Generator<string> {
    const { tokens } = text;
    for (let i = 0; i < tokens.length; i++) {
      let joined = '';
      for (let j = i; j < Math.min(tokens.length, i + widestRun); j++) {
        joined += tokens[j];
        yield joined;
        if (!prefixes.has(joined)) break;
      }
    }
  }

  return {
    candidates(recall: RecallProfile): Set<ModelGroup> {
      const found = new Set<ModelGroup>();
      for (const di of recall.udiDis) for (const group of byNumber.get(di) ?? []) found.add(group);
      const families = new Set(recall.firm.families);
      const names: string[] = [];
      for (const text of [recall.text, recall.reason]) {
        for (const key of keysIn(text)) {
          for (const group of byNumber.get(key) ?? []) found.add(group);
          for (const family of familiesNamed.get(key) ?? []) families.add(family);
          if (byName.has(key)) names.push(key);
        }
      }
      for (const key of names) {
        const byFamily = byName.get(key)!;
        for (const family of families) for (const group of byFamily.get(family) ?? []) found.add(group);
      }
      return found;
    },
  };
}
