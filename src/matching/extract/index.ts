/** Reading recall text: the identifiers a recall names, and whether an asset's lot, serial or version is among them. */

export { fitsWildcard } from './forms';
export { gtin14, hasValidCheckDigit } from './gtin';
export { identifierMatches } from './membership';
export { normaliseIdentifier } from './normalise';
export { recallIdentifiers } from './recall-identifiers';
export type {
  Coverage,
  Doubt,
  IdentifierSet,
  Mention,
  RecallIdentifiers,
  RecallSource,
  RecallTextFields,
  VersionMention,
} from './types';
export { compareVersions, versionAffected } from './version-order';
