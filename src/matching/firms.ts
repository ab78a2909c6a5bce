import Fuse from 'fuse.js';
import { closeSpelling } from './spelling';

/** Legal forms that say nothing about who a firm is. */
const legalForms = new Set(
  'inc incorporated corp corporation co company llc ltd limited lp llp plc gmbh ag sa spa srl sarl bv nv kg kgaa kk pty oy ab as sas sl sro pte pvt mbh cv de dba'.split(
    ' ',
  ),
);

/**
 * A firm name reduced to what identifies it: lower case, accents folded ("Dräger" → "drager"),
 * punctuation out, initials joined ("C. R. Bard" → "cr bard", "d.b.a." → "dba"), "&" read as
 * "and", a leading "the" and trailing legal forms (Inc, LLC, GmbH, S.A. de C.V. …) dropped.
 */
export function normaliseFirmName(raw: string): string {
  const words = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  // Runs of single letters are initials: "c r bard" → "cr bard", "d b a" → "dba"; "b braun" stays.
  const joined: string[] = [];
  let afterInitial = false;
  for (const word of words) {
    const initial = word.length === 1 && /[a-z]/.test(word);
    if (initial && afterInitial) joined[joined.length - 1] += word;
    else joined.push(word);
    afterInitial = initial;
  }
  // "Becton Dickinson & Co." leaves a dangling "and" once "co" is gone.
  while (joined.length > 1 && (legalForms.has(joined.at(-1)!) || joined.at(-1) === 'and')) joined.pop();
  if (joined[0] === 'the' && joined.length > 1) joined.shift();
  return joined.join(' ');
}

/**
 * The separate names one firm string carries: "Cardinal Health (CareFusion)" → cardinal health and
 * carefusion; "Mindray DS USA, Inc. dba Mindray North America"; "Stryker Medical Division of
 * Stryker Corporation"; "Vital Signs Devices, a GE Healthcare Company"; "Surgical Devices/Covidien";
 * "Maquet Datascope Corp - Cardiac Assist Division".
 */
export function firmNames(raw: string): string[] {
  const parts = raw
    .replace(/\(([^)]*)\)/g, ' / $1 / ')
    .split(
      /\s*(?:\/|;|\bd\.?\s?b\.?\s?a\.?\b|\bdiv(?:ision)?\.? of\b|\bsubsidiary of\b|\s-\s|,\s*an?\s+(?=[^,]*\bcompany\b)|\bformerly\b)\s*/i,
    )
    .map((part) => part.replace(/\bcompany\b\s*$/i, '').replace(/^\s*an?\s+/i, ''))
    .map(normaliseFirmName)
    .filter((name) => name.length > 1);
  return [...new Set(parts)];
}

export type FirmAlias = { name: string; family: string };

export type FirmIdentity = {
  /** The normalised names found in the raw string. */
  names: string[];
  /** The corporate families those names belong to (several, for a business sold in parts). */
  families: string[];
  /** How each family was recognised, for the reasons shown to a person. */
  via: Map<string, string>;
};

/** First words that name a kind of business, not a business: they cannot stand for a firm alone. */
const genericWords = new Set(
  'american advanced applied biomedical diagnostic diagnostics general global health healthcare international medical national precision products scientific surgical systems technologies united universal'.split(
    ' ',
  ),
);

/**
 * A name's own core: its first word ("zoll medical" → zoll), or first two when the first is an
 * initial ("b braun"), or the whole name when the first word is generic ("surgical devices").
 */
export function coreOf(name: string): string {
  const words = name.split(' ');
  if (genericWords.has(words[0]!)) return name;
  return words[0]!.length <= 2 && words.length > 1 ? `${words[0]} ${words[1]}` : words[0]!;
}

/**
 * Recognises which corporate family a firm name belongs to, from the alias table: by the longest
 * alias the name starts with ("ge healthcare beijing" → ge), else an alias it contains ("aomori
 * olympus" → olympus), else a close spelling of one ("medtronics" → medtronic, by fuse.js), else
 * the name's own core word, so that two spellings of an unknown firm still agree.
 */
export function createFirmIndex(aliases: FirmAlias[], linked: string[][] = []) {
  const families = new Map<string, Set<string>>();
  for (const { name, family } of aliases) {
    const key = normaliseFirmName(name);
    if (!families.has(key)) families.set(key, new Set());
    families.get(key)!.add(family);
  }
  linkFirms(families, linked);
  // Fuzzy candidates are grouped by first letter: a misspelling rarely changes the first letter,
  // and searching a few names instead of all of them keeps thousands of recall firms fast.
  const fuzzyByInitial = new Map<string, Fuse<string>>();
  const byInitial = new Map<string, string[]>();
  for (const name of families.keys()) {
    if (name.length >= 5) byInitial.set(name[0]!, [...(byInitial.get(name[0]!) ?? []), name]);
  }
  const fuzzyFor = (initial: string) => {
    let fuse = fuzzyByInitial.get(initial);
    if (!fuse) {
      fuse = new Fuse(byInitial.get(initial) ?? [], {
        includeScore: true,
        threshold: 0.3,
        ignoreLocation: true,
      });
      fuzzyByInitial.set(initial, fuse);
    }
    return fuse;
  };
  const cache = new Map<string, FirmIdentity>();

  function familiesOfName(name: string, nearSpellings = true): { families: Set<string>; via: string } {
    const words = name.split(' ');
    for (let n = Math.min(words.length, 5); n > 0; n--) {
      const prefix = words.slice(0, n).join(' ');
      const found = families.get(prefix);
      if (found) return { families: found, via: prefix };
    }
    for (let n = Math.min(words.length, 4); n > 0; n--) {
      for (let i = 1; i + n <= words.length; i++) {
        const inner = words.slice(i, i + n).join(' ');
        const found = inner.length >= 3 ? families.get(inner) : undefined;
        if (found) return { families: found, via: inner };
      }
    }
    const core = coreOf(name);
    if (nearSpellings && core.length >= 5) {
      // A near spelling of a whole known name, not a known name that merely starts the same
      // way ("smith" is not "smiths medical").
      const close = fuzzyFor(core[0]!)
        .search(core, { limit: 3 })
        .find((r) => (r.score ?? 1) <= 0.3 && Math.abs(r.item.length - core.length) <= 2);
      if (close) return { families: families.get(close.item)!, via: close.item };
    }
    return { families: new Set([core]), via: core };
  }

  const membersOf = new Map<string, string[]>();
  for (const [name, fams] of families) {
    for (const family of fams) membersOf.set(family, [...(membersOf.get(family) ?? []), name]);
  }

  /** Single-word names, by first letter, for the near spellings of a business's name. */
  const longWords = new Map<string, string[]>();
  for (const name of families.keys()) {
    if (name.includes(' ') || name.length < 6) continue;
    longWords.set(name[0]!, [...(longWords.get(name[0]!) ?? []), name]);
  }

  return {
    /**
     * The business a normalised name stands for: the most specific name the table knows in it, the
     * one written last ("philips respironics" is Respironics, "respironics california" too; a slip
     * counts: "philips repisronics"), or null for a name the table does not know. Two spellings
     * of one business give the same answer whatever parent they are written with.
     */
    businessOf(name: string): string | null {
      const words = name.split(' ');
      for (let i = words.length - 1; i >= 0; i--) {
        for (let n = Math.min(5, words.length - i); n > 0; n--) {
          const phrase = words.slice(i, i + n).join(' ');
          if (families.has(phrase)) return phrase;
        }
        const near = (longWords.get(words[i]![0] ?? '') ?? []).find((w) =>
          closeSpelling(words[i]!, w, 'firm'),
        );
        if (near) return near;
      }
      return null;
    },
    /** Every name the table knows, normalised (to find a firm written at the start of a model). */
    knownNames(): string[] {
      return [...families.keys()];
    },
    /**
     * The families a firm name belongs to as written, without looking for near spellings: quick
     * enough to run over every recalling firm of the corpus.
     */
    familiesAsWritten(raw: string | null | undefined): string[] {
      return [...new Set(firmNames(raw ?? '').flatMap((n) => [...familiesOfName(n, false).families]))];
    },
    /** Every name the table knows for a family (for finding the firm named in a recall's text). */
    namesOf(family: string): string[] {
      return membersOf.get(family) ?? [family];
    },
    identify(raw: string | null | undefined): FirmIdentity {
      const key = raw ?? '';
      const hit = cache.get(key);
      if (hit) return hit;
      const names = firmNames(key);
      const via = new Map<string, string>();
      for (const name of names) {
        const found = familiesOfName(name);
        for (const family of found.families) if (!via.has(family)) via.set(family, found.via);
      }
      const identity = { names, families: [...via.keys()], via };
      cache.set(key, identity);
      return identity;
    },
  };
}

export type FirmIndex = ReturnType<typeof createFirmIndex>;

/**
 * Names that records show to be one firm (the recalls of one FEI number, say) join one family:
 * the family the alias table gives any of them, else the most common name's own core.
 */
function linkFirms(families: Map<string, Set<string>>, linked: string[][]) {
  for (const group of linked) {
    const names = [...new Set(group.flatMap((raw) => firmNames(raw)))];
    if (names.length < 2) continue;
    const known = new Set(names.flatMap((n) => [...(families.get(n) ?? [])]));
    const joined = known.size > 0 ? known : new Set([coreOf(names[0]!)]);
    for (const name of names) {
      const own = families.get(name) ?? new Set<string>();
      for (const family of joined) own.add(family);
      families.set(name, own);
    }
  }
}

/**
 * Whether two firms are one (the same name, or one family by the alias table or by the records),
 * and how to say so: "firm CareFusion = BD by alias". A name one slip from the other's (Draegar,
 * Draeger) is the same firm misspelt.
 */
export function firmRelation(a: FirmIdentity, b: FirmIdentity): { family: string; how: string } | null {
  for (const family of a.families) {
    if (!b.families.includes(family)) continue;
    const viaA = a.via.get(family)!;
    const viaB = b.via.get(family)!;
    return {
      family,
      how: viaA === viaB ? `same firm (${viaA})` : `${viaA} = ${viaB} (${family} family, by alias)`,
    };
  }
  for (const x of a.families) {
    for (const y of b.families) {
      const [p, q] = [x.split(' ')[0]!, y.split(' ')[0]!];
      if (closeSpelling(p, q, 'firm'))
        return { family: y, how: `${a.via.get(x)} ~ ${b.via.get(y)} (a near spelling)` };
    }
  }
  return null;
}
