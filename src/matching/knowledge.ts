/**
 * What the engine knows beyond the two records it compares, gathered once per run: firm families
 * (the alias table, and names that records show to be one firm), the firms a model may start with,
 * the corpus's term statistics, and the FDA's device names for each product code (the words that
 * say what kind of device something is). Pure once built: scoring reads it, never writes it.
 */
import { type CorpusTerms, noCorpusTerms } from './corpus/terms';
import { type FirmLeads, noFirmLeads } from './firm-leads';
import { createFirmIndex, type FirmIndex } from './firms';
import { type GudidCompanies, noGudid } from './gudid';
import { createNearNames, type NearNames } from './near-names';
import { tokenize } from './text';

export type Knowledge = {
  firms: FirmIndex;
  leads: FirmLeads;
  terms: CorpusTerms;
  nearNames: NearNames;
  /** The words of the FDA device names of a product code ("PUMP", "INFUSION" for FRN). */
  deviceWords(productCode: string | null): ReadonlySet<string>;
  /** Whether a word is one the FDA uses to name a kind of device, for any product code. */
  isDeviceWord(token: string): boolean;
  /** Whether the corpus has recalls from a firm family. */
  recalls(family: string): boolean;
  /** The companies GUDID names behind device identifiers and brands. */
  gudid: GudidCompanies;
};

/** A value worked out the first time it is asked for: a run that does not need it does not pay. */
export function lazily<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/** Words of a device name that name nothing: "Pump, Infusion, Insulin, With Accessories". */
const fillers = new Set('A AN AND OR OF FOR WITH WITHOUT IN ON TO BY THE NON USE ALL'.split(' '));

export function createKnowledge(parts: {
  firms: FirmIndex;
  leads?: () => FirmLeads;
  terms?: CorpusTerms;
  deviceNames?: Map<string, string[]>;
  recallingFamilies?: () => ReadonlySet<string>;
  gudid?: GudidCompanies;
}): Knowledge {
  const terms = parts.terms ?? noCorpusTerms;
  const byCode = new Map<string, Set<string>>();
  const everyWord = new Set<string>();
  for (const [code, names] of parts.deviceNames ?? new Map<string, string[]>()) {
    const words = new Set(names.flatMap((n) => tokenize(n)).filter((w) => !fillers.has(w) && !/\d/.test(w)));
    byCode.set(code, words);
    for (const w of words) everyWord.add(w);
  }
  const none = new Set<string>();
  const isDeviceWord = (token: string) => everyWord.has(token);
  const leads = parts.leads ?? (() => noFirmLeads);
  const recalling = parts.recallingFamilies ?? (() => new Set<string>());
  return {
    firms: parts.firms,
    get leads() {
      return leads();
    },
    terms,
    nearNames: createNearNames(terms, isDeviceWord),
    deviceWords: (code) => (code ? (byCode.get(code.toUpperCase()) ?? none) : none),
    isDeviceWord,
    recalls: (family) => recalling().has(family),
    gudid: parts.gudid ?? noGudid,
  };
}

/** Knowledge from the alias table alone: what tests and a first run without a corpus have. */
export function aliasKnowledge(firms: FirmIndex = createFirmIndex([])): Knowledge {
  return createKnowledge({ firms });
}
