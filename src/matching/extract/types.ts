/** The recall fields that name the devices a recall covers. */
export type RecallSource = 'product_description' | 'code_info' | 'more_code_info' | 'reason_for_recall';

export type RecallTextFields = {
  productDescription?: string | null;
  codeInfo?: string | null;
  moreCodeInfo?: string | null;
  reasonForRecall?: string | null;
};

/** An identifier as the recall wrote it (trimmed, inner whitespace collapsed), and where. */
export type Mention = { value: string; source: RecallSource };

/**
 * Lots or serials a recall lists. `complete` is false when the list cannot be taken as the whole
 * of it: nothing was listed, the text was cut off mid-list, it said "including" or "such as", or
 * it gave only one end of a range ("serial numbers below 3412").
 */
export type IdentifierSet = {
  values: string[];
  ranges: { from: string; to: string }[];
  complete: boolean;
  /** Wildcard patterns ("936405xxx", "1234*"): units that fit are affected, others cannot be told. */
  wildcards: { pattern: string; prefix: string; length: number | null }[];
  /** Why the list cannot clear a unit, each with the recall's own words. */
  doubts: Doubt[];
  /** The list as the recall writes it (shortened), for the reasons. */
  quote: string | null;
};

/** Something in a recall's text that stops a list from ruling a unit out, and the words that show it. */
export type Doubt = { why: string; quote: string };

/** What a recall says of the units it covers beyond its lists of lots and serials. */
export type Coverage = {
  /** "All serial numbers.", quoted: every unit is affected. */
  all: string | null;
  /** Conditions on the units ("All units with a manual configuration", a date range). */
  doubts: Doubt[];
  /** Identifiers listed without saying whether they are lots or serials (no label, or a table). */
  codes: { values: string[]; why: string; quote: string } | null;
};

/**
 * A software version a recall names. `upTo` is the upper end of a 'range'. `exclusive` marks an
 * 'or-earlier' or 'or-later' bound that does not include the version itself ("prior to 3.02",
 * "higher than 2.1").
 */
export type VersionMention = {
  version: string;
  qualifier: 'exact' | 'or-earlier' | 'or-later' | 'range';
  upTo?: string;
  exclusive?: boolean;
};

export type RecallIdentifiers = {
  models: Mention[];
  catalogNumbers: Mention[];
  partNumbers: Mention[];
  udiDis: string[];
  lots: IdentifierSet;
  serials: IdentifierSet;
  coverage: Coverage;
  softwareVersions: VersionMention[];
};
