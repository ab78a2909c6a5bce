import { gtin14 } from './gtin';
import type { Label } from './labels';
import type { Found } from './lists';

/**
 * UDI device identifiers in recall text: the GTIN after a GS1 "(01)", in an unbracketed element
 * string ("0100840682116855 21TAAW…"), after a label ("UDI:", "UDI-DI", "GTIN", "DI", "UPC",
 * "Unique Device Identifier No."), or standing alone as 14 digits. Every one must pass the GS1
 * check digit: a number that fails it cannot equal any real DI, so it would never match an asset.
 */

type Span = { start: number; end: number };

// Digits glued to letters or to HIBCC marks ("UPN H74939186251210", "+E0HM26000313140091",
// "$$+31712310398482") belong to another code.
const NOT_AFTER = '(?<![A-Za-z0-9+$])';
const BRACKETED = /\(01\)\s*(\d{14})(?!\d)/g;
// "(GTIN00840682125888)": a label written against its number.
const GLUED = /(?<![A-Za-z])(?:GTIN|UDI|DI)[:#]?(\d{14})(?!\d)/g;
const ELEMENT_STRING = new RegExp(`${NOT_AFTER}01(\\d{14})(?=1[01]\\d|17\\d|10|21|\\D|$)`, 'g');
const DIGITS = new RegExp(`${NOT_AFTER}(\\d{12,14})(?!\\d)`, 'g');
const AI = /^\s*\((\d{2,4})\)\s*([^()\s,;]+)/;

export type Gs1Found = { dis: Found[]; lots: Found[]; serials: Found[] };

/** DIs, and the lot (10) and serial (21) of bracketed GS1 strings, found in a text. */
export function gs1Identifiers(text: string, labels: Label[], lotOrSerialValues: Span[]): Gs1Found {
  const out: Gs1Found = { dis: [], lots: [], serials: [] };
  const add = (digits: string, start: number) => {
    const di = gtin14(digits);
    if (di) out.dis.push({ value: di, start, end: start + digits.length });
  };

  for (const m of text.matchAll(BRACKETED)) {
    add(m[1]!, m.index + m[0].length - 14);
    let at = m.index + m[0].length;
    for (let ai = AI.exec(text.slice(at)); ai; ai = AI.exec(text.slice(at))) {
      const start = at + ai[0].length - ai[2]!.length;
      const found = { value: ai[2]!, start, end: start + ai[2]!.length };
      if (ai[1] === '10') out.lots.push(found);
      if (ai[1] === '21') out.serials.push(found);
      at += ai[0].length;
    }
  }
  for (const m of text.matchAll(ELEMENT_STRING)) add(m[1]!, m.index + 2);
  for (const m of text.matchAll(GLUED)) add(m[1]!, m.index + m[0].length - 14);

  const windows = labels.filter((l) => l.kinds.includes('udi')).map((l) => udiWindow(text, l, labels));
  const inside = (at: number, spans: Span[]) => spans.some((s) => at >= s.start && at < s.end);
  for (const m of text.matchAll(DIGITS)) {
    const digits = m[1]!;
    const labelled = inside(m.index, windows);
    // Bare 12- and 13-digit numbers are too often something else; after a UDI label they are GTINs.
    if (digits.length < 14 && !labelled) continue;
    // A 14-digit number listed as a lot or serial is one, unless a UDI label introduced it.
    if (!labelled && inside(m.index, lotOrSerialValues)) continue;
    add(digits, m.index);
  }
  return out;
}

// A UDI label reaches to the next label of another kind, or the end of its line.
function udiWindow(text: string, label: Label, labels: Label[]): Span {
  const next = labels.find((l) => l.start >= label.valuesFrom && !l.kinds.includes('udi'));
  const lineEnd = text.indexOf('\n', label.valuesFrom);
  const end = Math.min(
    next?.start ?? text.length,
    lineEnd < 0 ? text.length : lineEnd,
    label.valuesFrom + 200,
  );
  return { start: label.valuesFrom, end };
}
