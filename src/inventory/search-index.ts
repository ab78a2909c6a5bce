/** The fields of an asset the inventory list searches and filters on. */
export type IndexedAsset = {
  assetTag: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  deviceName: string | null;
  location: string | null;
  department: string | null;
  status: string | null;
};

/** `terms` as from queryWords: an asset must have a word beginning with each. */
export type AssetQuery = { terms: string[]; department: string; manufacturer: string; status: string };

/** Lower case with accents off: "Dräger" is found as "drager" too. */
const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');

/** "BME-1001" → bme, 1001, bme1001: its words, and the field run together for codes typed whole. */
export function searchWords(text: string | null | undefined): string[] {
  const words = fold(text ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.length > 1 ? [...words, words.join('')] : words;
}

/** The words of a search, each to be found at the start of a word: "CSM-19 icu" → csm, 19, icu. */
export function queryWords(q: string): string[] {
  return [
    ...new Set(
      fold(q)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ];
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const distinct = (values: (string | null)[]) =>
  [...new Set(values.filter((v): v is string => v !== null))].sort();

/**
 * A word index of the inventory, held in memory: each word of the searched fields (asset tag,
 * manufacturer, model, serial, device name, location) points at the assets that have it, and a
 * search word finds every word it begins. 50,000 assets make a few megabytes; a search reads only
 * the words it names, so it answers in well under a millisecond however rare the word.
 * `assets` must come in asset-tag order: results keep it.
 */
export function buildSearchIndex(assets: IndexedAsset[]) {
  const byWord = new Map<string, number[]>();
  assets.forEach((a, i) => {
    for (const field of [a.assetTag, a.manufacturer, a.model, a.serialNumber, a.deviceName, a.location]) {
      for (const word of searchWords(field)) {
        const list = byWord.get(word);
        if (!list) byWord.set(word, [i]);
        else if (list.at(-1) !== i) list.push(i);
      }
    }
  });
  const words = [...byWord.keys()].sort();
  const postings = words.map((w) => Int32Array.from(byWord.get(w)!));
  const tags = assets.map((a) => a.assetTag);
  const departments = assets.map((a) => a.department);
  const manufacturers = assets.map((a) => a.manufacturer);
  const statuses = assets.map((a) => a.status);

  // Search-as-you-type asks for short prefixes ("r", "ro") that begin thousands of words: the
  // assets under each are worked out once and kept, the most recent few hundred.
  const underPrefix = new Map<string, Int32Array>();
  function assetsUnder(prefix: string): Int32Array {
    const known = underPrefix.get(prefix);
    if (known) return known;
    const first = lowerBound(words, prefix);
    let last = first;
    while (last < words.length && words[last]!.startsWith(prefix)) last++;
    if (last - first === 1) return postings[first]!;
    const seen = new Uint8Array(tags.length);
    for (let k = first; k < last; k++) for (const i of postings[k]!) seen[i] = 1;
    const found: number[] = [];
    for (let i = 0; i < seen.length; i++) if (seen[i]) found.push(i);
    const list = Int32Array.from(found);
    if (underPrefix.size >= 500) underPrefix.delete(underPrefix.keys().next().value!);
    underPrefix.set(prefix, list);
    return list;
  }

  /** Moves the assets that have a word beginning with `prefix` from `round` to the next. */
  function mark(prefix: string, into: Uint8Array, round: number) {
    const list = assetsUnder(prefix);
    for (let j = 0; j < list.length; j++) if (into[list[j]!] === round) into[list[j]!] = round + 1;
  }

  return {
    size: tags.length,
    choices: {
      departments: distinct(departments),
      statuses: distinct(statuses),
    },
    /**
     * The asset tags that match every word of the search and every filter, in asset-tag order:
     * how many in all, and those from `offset` up to `limit` of them.
     */
    find(query: AssetQuery, offset: number, limit: number): { total: number; tags: string[] } {
      let hits: Uint8Array | null = null;
      let round = 0;
      if (query.terms.length > 0) {
        hits = new Uint8Array(tags.length);
        for (const term of query.terms) mark(term, hits, round++);
      }
      if (!hits && !query.department && !query.manufacturer && !query.status)
        return { total: tags.length, tags: tags.slice(offset, offset + limit) };
      const found: string[] = [];
      let total = 0;
      // Part of the maker's name, in any case: "baxter" finds "Baxter Healthcare Corporation".
      const maker = query.manufacturer.trim().toLowerCase();
      for (let i = 0; i < tags.length; i++) {
        if (hits && hits[i] !== round) continue;
        if (query.department && departments[i] !== query.department) continue;
        if (maker && !manufacturers[i]?.toLowerCase().includes(maker)) continue;
        if (query.status && statuses[i] !== query.status) continue;
        if (total >= offset && found.length < limit) found.push(tags[i]!);
        total++;
      }
      return { total, tags: found };
    },
  };
}

export type SearchIndex = ReturnType<typeof buildSearchIndex>;
