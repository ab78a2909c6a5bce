import { isValidGtin, parseGs1 } from './udi/gs1';
import { parseHibcc } from './udi/hibcc';
import { parseIccbba } from './udi/iccbba';

export { isValidGtin };

export type UdiIssuer = 'GS1' | 'HIBCC' | 'ICCBBA';

/**
 * A UDI split into its device identifier and production identifiers. Dates are YYYY-MM-DD.
 * `other` keeps every further element: GS1 AIs by number ("240", "30"), HIBCC supplemental data
 * by data identifier ("Q"), ISBT 128 structures by data identifier ("&,2"; the DIN as "DIN").
 */
export type UdiResult =
  | {
      ok: true;
      issuer: UdiIssuer;
      di: string;
      lot: string | null;
      serial: string | null;
      expiry: string | null;
      manufactured: string | null;
      other: Record<string, string>;
    }
  | { ok: false; reason: string };

const GS = '\x1d';

/** Notations people and systems use for the invisible FNC1 / GS separator. */
const separatorNotations = /<GS>|\{GS\}|\[GS\]|<FNC1>|\{FNC1\}|\[FNC1\]|\u241d/gi;
/** AIM symbology identifiers a scanner may prefix: ]C1 GS1-128, ]d2 DataMatrix, ]Q3 QR, ]e0 DataBar. */
const symbologyPrefix = /^\][A-Za-z][0-9A-Za-z]/;

/**
 * Reads a UDI as printed under the barcode or as a scanner sends it: GS1 (`(01)…` or a raw
 * element string), HIBCC (`+…`) or ICCBBA ISBT 128 (`=/…`). Check characters are verified; a
 * string that is not a valid UDI gives a reason, never an exception. `today` places GS1 and
 * HIBCC two-digit years (GS1's sliding window).
 */
export function parseUdi(text: string, options: { today?: Date } = {}): UdiResult {
  const today = options.today ?? new Date();
  let s = text.replace(separatorNotations, GS).trim();
  // Code 39 human-readable text is framed by asterisks (HIBCC labels especially).
  if (/^\*.*\*$/.test(s) && s.length > 2) s = s.slice(1, -1).trim();
  const prefix = symbologyPrefix.exec(s);
  if (prefix) s = s.slice(prefix[0].length);
  // A leading FNC1 only marks GS1 data.
  while (s.startsWith(GS)) s = s.slice(1);
  if (s === '') return { ok: false, reason: 'the UDI is empty' };
  try {
    if (s.startsWith('+')) return parseHibcc(s, today);
    if (s.startsWith('=') || s.startsWith('&')) return parseIccbba(s);
    // A bare 14-digit GTIN is the device identifier on its own, as CMMS exports often hold it.
    if (/^\d{14}$/.test(s)) return parseGs1(`(01)${s}`, today);
    if (/^[(\d]/.test(s)) return parseGs1(s, today);
  } catch (error) {
    // The parsers return reasons for bad input; this only guards the import against a bug.
    return { ok: false, reason: `could not be read (${(error as Error).message})` };
  }
  return {
    ok: false,
    reason: 'not a UDI: expected GS1 "(01)" + 14 digits, HIBCC "+…" or ICCBBA "=/…"',
  };
}
