import {
  type Coverage,
  type IdentifierSet,
  normaliseIdentifier,
  recallIdentifiers,
  type VersionMention,
} from './extract';
import type { FirmIdentity } from './firms';
import type { Knowledge } from './knowledge';
import { fieldsSwapped, readModelTokens } from './model-tokens';
import { numbersNamed } from './score';
import { modelSegments, type Segment } from './segments';
import { type Vagueness, vaguenessOf } from './specificity';
import { compactOf, indexText, type TextIndex, tokenize } from './text';
import { cmmsAbbreviations, genericWords } from './vocabulary';

/** What the engine needs to know of an asset, computed once per run. */
export type AssetProfile = {
  assetTag: string;
  manufacturer: string | null;
  model: string | null;
  firm: FirmIdentity;
  /** Where the firm was read: the manufacturer field, the start of the model, or nowhere. */
  firmSource: 'manufacturer' | 'model' | 'none';
  productCode: string | null;
  udiDi: string | null;
  serial: string | null;
  lot: string | null;
  softwareVersion: string | null;
  /** The parts of the model that identify it (see segments.ts). */
  segments: Segment[];
  /** The segments that must be named for the model to be (the others are kind-of-device words). */
  required: Segment[];
  /** The kind-of-device words that place a name-only model: "Pump" in "Alaris Pump Module". */
  optional: Set<string>;
  /** The catalog number, compact, when it is specific enough to look for. */
  catalog: string | null;
  /** Every part and the catalog number: what is ours when another number is weighed. */
  ours: Set<string>;
  /** The model as written, for reasons. */
  label: string;
  /** Names of the asset's firm and its family, compact, to find them in a recall's text. */
  firmNames: { name: string; family: string }[];
  /** The single words of those names ("NIHON", "KOHDEN"), which may stand before a model. */
  firmWords: Set<string>;
  /** Why the model identifies no one model (a maker's or family name alone), or null. */
  vague: Vagueness;
  /** Names read as the corpus spells them, for the reasons: "PERMIUM read as PREMIUM". */
  respelt: string[];
  /** The model's first name ("HEARTSTART" of "HeartStart XL+"), by which its siblings are named. */
  familyWord: string | null;
};

export type AssetFields = {
  assetTag: string;
  manufacturer: string | null;
  model: string | null;
  catalogNumber: string | null;
  serialNumber: string | null;
  udiDi: string | null;
  udiLot: string | null;
  udiSerial: string | null;
  productCode: string | null;
  softwareVersion: string | null;
  deviceName?: string | null;
};

type FirmPart = Pick<AssetProfile, 'firm' | 'firmNames' | 'firmWords' | 'firmSource'> & {
  /** The words and run-together names a model may start with: "Philips", "HILLROM". */
  ownWords: Set<string>;
  /** The words of the maker's name as written for this asset (not its family's other names). */
  writtenWords: Set<string>;
};

function firmPart(
  manufacturer: string | null,
  lead: { name: string; words: string[] } | null,
  { firms }: Knowledge,
): FirmPart {
  const written = manufacturer?.trim() ? manufacturer : (lead?.name ?? null);
  const firm = firms.identify(written);
  const firmNames = firm.families.flatMap((family) =>
    firms
      .namesOf(family)
      .map((name) => ({ name: compactOf(name), family }))
      .filter((n) => n.name.length >= 4),
  );
  const firmWords = new Set([
    ...firm.families.flatMap((family) => firms.namesOf(family).flatMap((name) => tokenize(name))),
    ...tokenize(written),
    ...(lead?.words ?? []),
  ]);
  return {
    firm,
    firmSource: manufacturer?.trim() ? 'manufacturer' : lead ? 'model' : 'none',
    firmNames,
    firmWords,
    ownWords: new Set([...firmWords, ...firmNames.map((n) => n.name)]),
    writtenWords: new Set([...runsOf(tokenize(written)), ...runsOf(lead?.words ?? [])]),
  };
}

/** Each word of a name and each run of its first words joined: B, BRAUN, BBRAUN, BBRAUNMEDICAL. */
const runsOf = (words: string[]) => [...words, ...words.map((_, i) => words.slice(0, i + 1).join(''))];

/**
 * Reads assets into profiles. What is read of a manufacturer is read once per name: an
 * inventory has thousands of assets and a few hundred makers.
 */
export type AssetReader = ((asset: AssetFields) => AssetProfile) & {
  /** The asset's firm alone, read without its model: enough to tell which recalls it can meet. */
  firmOf(asset: AssetFields): Pick<AssetProfile, 'firm' | 'firmNames'>;
};

export function createAssetReader(knowledge: Knowledge): AssetReader {
  const makers = new Map<string, FirmPart>();
  const generic = (token: string) => genericWords.has(token) || knowledge.isDeviceWord(token);
  // Assets of one make and model are read once: a hospital owns many of one model.
  const models = new Map<string, AssetProfile>();
  const read = (written: AssetFields) => {
    const key = modelKey(written);
    const known = models.get(key);
    if (known) return { ...known, ...ownFields(written) };
    const profile = readModel(written);
    models.set(key, profile);
    return profile;
  };
  return Object.assign(read, { firmOf: (asset: AssetFields) => makerOf(fieldsOf(asset)) });

  function fieldsOf(written: AssetFields): AssetFields {
    return fieldsSwapped(written.model, written.catalogNumber, generic)
      ? { ...written, model: written.catalogNumber, catalogNumber: written.model }
      : written;
  }

  function makerOf(asset: AssetFields): FirmPart {
    // A blank manufacturer is often written at the start of the model instead: "GE OEC Elite CFD".
    const lead = asset.manufacturer?.trim() ? null : leadOf(asset, knowledge);
    // A lead is cached with its words as written: "FUJIFILLM SONOSITE" is the firm of "FUJIFILM
    // SONOSITE" but its slip is a word of the maker's, not of the model.
    const firmKey = asset.manufacturer?.trim()
      ? asset.manufacturer
      : `\u0000${lead?.name ?? ''}\u0000${lead?.words.join(' ') ?? ''}`;
    let maker = makers.get(firmKey);
    if (!maker) {
      maker = firmPart(asset.manufacturer, lead, knowledge);
      makers.set(firmKey, maker);
    }
    return maker;
  }

  function readModel(written: AssetFields): AssetProfile {
    const asset = fieldsOf(written);
    const profile = assetProfile(asset, makerOf(asset), knowledge);
    if (asset !== written)
      profile.respelt.push(`model read from the catalog number field ("${asset.model}")`);
    return profile;
  }
}

/** What makes two assets the same model to the engine. */
export function modelKey(asset: AssetFields): string {
  // With no manufacturer, the firm may be read from the asset's own UDI-DI (GUDID).
  const blank = !asset.manufacturer?.trim();
  return [
    asset.manufacturer,
    asset.model,
    asset.catalogNumber,
    asset.productCode,
    asset.deviceName,
    blank ? asset.udiDi : '',
  ]
    .map((v) => (v ?? '').trim().toLowerCase())
    .join('\u0000');
}

/** The fields each asset of one model has of its own. */
function ownFields(
  asset: AssetFields,
): Pick<AssetProfile, 'assetTag' | 'udiDi' | 'serial' | 'lot' | 'softwareVersion'> {
  return {
    assetTag: asset.assetTag,
    udiDi: asset.udiDi,
    serial: asset.udiSerial ?? asset.serialNumber,
    lot: asset.udiLot,
    softwareVersion: asset.softwareVersion,
  };
}

/**
 * The firm of an asset whose manufacturer is blank: written at the start of its model, else the
 * company GUDID names for its UDI-DI, else the one company behind the brand its model starts with.
 */
function leadOf(asset: AssetFields, knowledge: Knowledge): { name: string; words: string[] } | null {
  const tokens = readModelTokens(asset.model).map((t) => t.token);
  const lead = knowledge.leads.lead(tokens);
  if (lead) return { name: lead.name, words: tokens.slice(0, lead.words) };
  const company =
    (asset.udiDi && knowledge.gudid.ofDi(asset.udiDi)) || (tokens[0] && knowledge.gudid.ofBrand(tokens[0]));
  return company ? { name: company, words: [] } : null;
}

/** The catalog number, compact, when it is worth looking for: not a bare word or a short number. */
export function catalogKey(catalogNumber: string | null): string | null {
  const catalog = compactOf(catalogNumber);
  return catalog.length >= 4 && /\d/.test(catalog) ? catalog : null;
}

/**
 * The words that say what kind of device this asset is, beyond the generic ones every model may
 * carry: its own device name and its product code's FDA name, where the word is one the FDA uses
 * for a kind of device (so a brand in the device name, "BladderScan", stays part of the model).
 */
function noiseOf(asset: AssetFields, knowledge: Knowledge): Set<string> {
  const words = [...tokenize(asset.deviceName), ...knowledge.deviceWords(asset.productCode)];
  return new Set(
    words.filter(
      (w) => !/\d/.test(w) && (knowledge.isDeviceWord(w) || (knowledge.terms.get(w)?.families ?? 0) >= 10),
    ),
  );
}

/**
 * How many words of the model as written identify something: not the maker's, not words for the
 * kind of device. "Ingenia 1.5T" has two (the field strength narrows the name); "UNICEL ANALYZER" one.
 */
function writtenParts(
  model: string | null,
  firmWords: ReadonlySet<string>,
  noise: ReadonlySet<string>,
): number {
  return tokenize(model).filter(
    (t) => !firmWords.has(t) && !genericWords.has(t) && !noise.has(t) && !cmmsAbbreviations.has(t),
  ).length;
}

function familyWordOf(
  model: string | null,
  firmWords: ReadonlySet<string>,
  noise: ReadonlySet<string>,
): string | null {
  const first = tokenize(model).find((t) => !firmWords.has(t) && !genericWords.has(t) && !noise.has(t));
  return first && /^[A-Z]{4,}$/.test(first) ? first : null;
}

/** Names the corpus never writes, read as the name they are one slip from ("PERMIUM" → PREMIUM). */
function respell(segments: Segment[], firm: FirmIdentity, knowledge: Knowledge, notes: string[]): Segment[] {
  if (knowledge.terms.recalls === 0) return segments;
  return segments.map((s) => {
    if (s.kind === 'optional' || s.base) return s;
    const meant = knowledge.nearNames.meant(s.text, firm.families);
    if (!meant) return s;
    notes.push(`${s.text} read as ${meant}`);
    return { ...s, spellings: [...(s.spellings ?? []), meant] };
  });
}

function assetProfile(asset: AssetFields, maker: FirmPart, knowledge: Knowledge): AssetProfile {
  const { firm, firmNames, firmWords, ownWords, firmSource, writtenWords } = maker;
  const respelt: string[] = [];
  const noise = noiseOf(asset, knowledge);
  const segments = respell(
    modelSegments(asset.model, ownWords, noise, writtenWords),
    firm,
    knowledge,
    respelt,
  );
  const specificCatalog = catalogKey(asset.catalogNumber);
  const required = segments.filter((s) => s.kind !== 'optional');
  const label = (asset.model ?? '').trim();
  return {
    assetTag: asset.assetTag,
    manufacturer: asset.manufacturer,
    model: asset.model,
    firm,
    firmSource,
    productCode: asset.productCode?.toUpperCase() ?? null,
    udiDi: asset.udiDi,
    serial: asset.udiSerial ?? asset.serialNumber,
    lot: asset.udiLot,
    softwareVersion: asset.softwareVersion,
    segments,
    required,
    optional: new Set(segments.filter((s) => s.kind === 'optional').map((s) => s.text)),
    catalog: specificCatalog,
    ours: new Set([
      ...segments.flatMap((s) => [s.text, ...(s.spellings ?? [])]),
      ...(specificCatalog ? [specificCatalog] : []),
    ]),
    label,
    firmNames,
    firmWords,
    familyWord: familyWordOf(asset.model, ownWords, noise),
    vague: vaguenessOf(
      required,
      writtenWords,
      knowledge.terms,
      label,
      writtenParts(asset.model, ownWords, noise),
      firm.families,
    ),
    respelt,
  };
}

/** A recall's firm and texts: enough to find its candidate models. */
export type RecallText = {
  productResNumber: string;
  firm: FirmIdentity;
  productCode: string | null;
  /** product_description with the enforcement report's code_info and more_code_info. */
  text: TextIndex;
  /** reason_for_recall: read when the description is cut short or says too little. */
  reason: TextIndex;
  /** The words of the FDA's name for the recall's product code: "<model> X-Ray System" names no other model. */
  noise: ReadonlySet<string>;
};

/** What the engine needs to know of a recall to score it against a model. */
export type RecallProfile = RecallText & {
  /** UDI device identifiers printed in the recall. */
  udiDis: string[];
  /** Catalog and part numbers the recall labels as such, normalised. */
  catalogs: Set<string>;
  /** Model and part numbers the description names (see score.ts). */
  numbersNamed: string[];
  lots: IdentifierSet;
  serials: IdentifierSet;
  coverage: Coverage;
  versions: VersionMention[];
};

export type RecallFields = {
  productResNumber: string;
  recallingFirm: string | null;
  productCode: string | null;
  productDescription: string | null;
  codeInfo: string | null;
  moreCodeInfo: string | null;
  reasonForRecall: string | null;
};

export function recallText(recall: RecallFields, knowledge: Knowledge): RecallText {
  const noise = knowledge.deviceWords(recall.productCode);
  const text = indexText(
    [recall.productDescription, recall.codeInfo, recall.moreCodeInfo].filter(Boolean).join(' \n '),
  );
  const reason = indexText(recall.reasonForRecall);
  text.noise = noise;
  reason.noise = noise;
  return {
    productResNumber: recall.productResNumber,
    firm: knowledge.firms.identify(recall.recallingFirm),
    noise,
    productCode: recall.productCode?.toUpperCase() ?? null,
    text,
    reason,
  };
}

/**
 * The recall read in full: its lists of identifiers take the longest to read, so a run reads
 * them only for recalls with a candidate model (`read` is what was read to find those).
 */
export function recallProfile(
  recall: RecallFields,
  knowledge: Knowledge,
  read: RecallText = recallText(recall, knowledge),
): RecallProfile {
  const ids = recallIdentifiers(recall);
  return {
    ...read,
    numbersNamed: numbersNamed(read.text.tokens),
    udiDis: ids.udiDis,
    catalogs: new Set(
      [...ids.catalogNumbers, ...ids.partNumbers, ...ids.models].map((m) => normaliseIdentifier(m.value)),
    ),
    lots: ids.lots,
    serials: ids.serials,
    coverage: ids.coverage,
    versions: ids.softwareVersions,
  };
}
