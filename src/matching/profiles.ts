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
  /** The catalog number, compact, when it is specific enough to look for. */
  catalog: string | null;
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

export function assetProfile(asset: AssetFields, firms: FirmIndex): AssetProfile {
  const catalog = compactOf(asset.catalogNumber);
  const firm = firms.identify(asset.manufacturer);
  const firmNames = firm.families.flatMap((family) =>
    firms
      .namesOf(family)
      .map((name) => ({ name: compactOf(name), family }))
      .filter((n) => n.name.length >= 4),
  );
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
    segments: modelSegments(asset.model),
    // A catalog number is worth looking for when it is not a bare word or a short number.
    catalog: catalog.length >= 4 && /\d/.test(catalog) ? catalog : null,
    label: (asset.model ?? '').trim(),
    firmNames,
    firmWords: new Set([
      ...firm.families.flatMap((family) => firms.namesOf(family).flatMap((name) => tokenize(name))),
      ...tokenize(asset.manufacturer),
    ]),
  };
}

/** What the engine needs to know of a recall. */
export type RecallProfile = {
  productResNumber: string;
  firm: FirmIdentity;
  productCode: string | null;
  /** product_description with the enforcement report's code_info and more_code_info. */
  text: TextIndex;
  /** reason_for_recall: read when the description is cut short or says too little. */
  reason: TextIndex;
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

export function recallProfile(recall: RecallFields, firms: FirmIndex): RecallProfile {
  const ids = recallIdentifiers(recall);
  const text = indexText(
    [recall.productDescription, recall.codeInfo, recall.moreCodeInfo].filter(Boolean).join(' \n '),
  );
  return {
    productResNumber: recall.productResNumber,
    firm: firms.identify(recall.recallingFirm),
    productCode: recall.productCode?.toUpperCase() ?? null,
    text,
    numbersNamed: numbersNamed(text.tokens),
    reason: indexText(recall.reasonForRecall),
    udiDis: ids.udiDis,
    catalogs: new Set(
      [...ids.catalogNumbers, ...ids.partNumbers, ...ids.models].map((m) => normaliseIdentifier(m.value)),
    ),
    lots: ids.lots,
    serials: ids.serials,
    versions: ids.softwareVersions,
  };
}
