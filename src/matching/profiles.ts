import { type IdentifierSet, normaliseIdentifier, recallIdentifiers, type VersionMention } from './extract';
import type { FirmIdentity, FirmIndex } from './firms';
import { numbersNamed } from './score';
import { modelSegments, type Segment } from './segments';
import { compactOf, indexText, type TextIndex, tokenize } from './text';

/** What the engine needs to know of an asset, computed once per run. */
export type AssetProfile = {
  assetTag: string;
  manufacturer: string | null;
  model: string | null;
  firm: FirmIdentity;
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
};

type FirmPart = Pick<AssetProfile, 'firm' | 'firmNames' | 'firmWords'> & {
  /** The words and run-together names a model may start with: "Philips", "HILLROM". */
  ownWords: Set<string>;
};

function firmPart(manufacturer: string | null, firms: FirmIndex): FirmPart {
  const firm = firms.identify(manufacturer);
  const firmNames = firm.families.flatMap((family) =>
    firms
      .namesOf(family)
      .map((name) => ({ name: compactOf(name), family }))
      .filter((n) => n.name.length >= 4),
  );
  const firmWords = new Set([
    ...firm.families.flatMap((family) => firms.namesOf(family).flatMap((name) => tokenize(name))),
    ...tokenize(manufacturer),
  ]);
  return { firm, firmNames, firmWords, ownWords: new Set([...firmWords, ...firmNames.map((n) => n.name)]) };
}

/**
 * Reads assets into profiles. What is read of a manufacturer is read once per name: an
 * inventory has thousands of assets and a few hundred makers.
 */
export function createAssetReader(firms: FirmIndex): (asset: AssetFields) => AssetProfile {
  const makers = new Map<string, FirmPart>();
  return (asset) => {
    const key = asset.manufacturer ?? '';
    let maker = makers.get(key);
    if (!maker) {
      maker = firmPart(asset.manufacturer, firms);
      makers.set(key, maker);
    }
    return assetProfile(asset, maker);
  };
}

/** The catalog number, compact, when it is worth looking for: not a bare word or a short number. */
export function catalogKey(catalogNumber: string | null): string | null {
  const catalog = compactOf(catalogNumber);
  return catalog.length >= 4 && /\d/.test(catalog) ? catalog : null;
}

function assetProfile(asset: AssetFields, { firm, firmNames, firmWords, ownWords }: FirmPart): AssetProfile {
  const segments = modelSegments(asset.model, ownWords);
  const specificCatalog = catalogKey(asset.catalogNumber);
  return {
    assetTag: asset.assetTag,
    manufacturer: asset.manufacturer,
    model: asset.model,
    firm,
    productCode: asset.productCode?.toUpperCase() ?? null,
    udiDi: asset.udiDi,
    serial: asset.udiSerial ?? asset.serialNumber,
    lot: asset.udiLot,
    softwareVersion: asset.softwareVersion,
    segments,
    required: segments.filter((s) => s.kind !== 'optional'),
    optional: new Set(segments.filter((s) => s.kind === 'optional').map((s) => s.text)),
    catalog: specificCatalog,
    ours: new Set([...segments.map((s) => s.text), ...(specificCatalog ? [specificCatalog] : [])]),
    label: (asset.model ?? '').trim(),
    firmNames,
    firmWords,
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

export function recallText(recall: RecallFields, firms: FirmIndex): RecallText {
  return {
    productResNumber: recall.productResNumber,
    firm: firms.identify(recall.recallingFirm),
    productCode: recall.productCode?.toUpperCase() ?? null,
    text: indexText(
      [recall.productDescription, recall.codeInfo, recall.moreCodeInfo].filter(Boolean).join(' \n '),
    ),
    reason: indexText(recall.reasonForRecall),
  };
}

/**
 * The recall read in full: its lists of identifiers take the longest to read, so a run reads
 * them only for recalls with a candidate model (`read` is what was read to find those).
 */
export function recallProfile(
  recall: RecallFields,
  firms: FirmIndex,
  read: RecallText = recallText(recall, firms),
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
    versions: ids.softwareVersions,
  };
}
