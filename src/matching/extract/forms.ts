/**
 * The forms of lot and serial lists that cannot rule a device out, read from real recall texts:
 * - "All serial numbers.", "All Lots.", "All lots (serial numbers) are currently under recall": every
 *   unit is affected, unless the sentence goes on to a condition ("All units with a manual
 *   configuration", "all lots … with an expiration date between …");
 * - a wildcard ("Lot 936405xxx", "980xxxxxxxx", "1234*"): the units it stands for are affected, the
 *   others cannot be told;
 * - a placeholder in a label's layout ("Lot #: XXXX", "LOT 0000000"): no lot at all;
 * - units limited by date ("distributed between 10/27/2005 - 3/31/2006"): the asset's date is not
 *   compared, so no list of such a recall is the whole story;
 * - numbers listed with no label saying what they are ("CN11102314 CN11102315 …").
 * Each comes with the words that show it, quoted for the person who checks. Pure functions.
 */
import { isDate, isIdentifierWord } from './words';

/** Text quoted in a reason: trimmed to a readable length around what decided it. */
export function quoted(text: string, from = 0, to = text.length, longest = 140): string {
  const piece = text.slice(Math.max(0, from), Math.min(text.length, to)).replace(/\s+/g, ' ').trim();
  if (piece.length <= longest) return piece;
  return `${piece.slice(0, longest - 30).trimEnd()} … ${piece.slice(-24).trimStart()}`;
}

export type AllUnits = { quote: string; conditional: boolean };

const ALL =
  /\ball\s+(?:the\s+)?(?:lots?|lot\s+numbers|serial\s+numbers|serials|units|devices|batches|codes)\b/gi;
// What, later in the sentence, makes "all" only some: a configuration, a date, an exception.
const CONDITION =
  /\b(?:with|having|that|which|where|when|if|except|excluding|containing|using|between|before|after|prior|since|from|through|until|dated|expir\w*)\b/i;

/** "All …" sentences of a text, each with whether it goes on to a condition. */
export function allUnits(text: string): AllUnits[] {
  const out: AllUnits[] = [];
  for (const m of text.matchAll(ALL)) {
    const end = sentenceEnd(text, m.index + m[0].length);
    const rest = text.slice(m.index + m[0].length, end);
    out.push({ quote: quoted(text, m.index, end), conditional: CONDITION.test(rest) });
  }
  return out;
}

function sentenceEnd(text: string, from: number): number {
  const stop = /[.;\n](?:\s|$)|;|\n/g;
  stop.lastIndex = from;
  const m = stop.exec(text);
  return m ? m.index : text.length;
}

/** A value written with a wildcard: "936405xxx", "980XXXXXXXX", "1234*", "12??". */
export const WILDCARD = /^([A-Za-z0-9][A-Za-z0-9-]*?\d[A-Za-z0-9-]*?)(?:x{2,}|X{2,}|\*{1,2}|\?{2,})$/;

/** A placeholder a label layout prints where a lot goes: "XXXX", "0000000", "999999". */
export function isPlaceholder(value: string): boolean {
  return /^[xX]{3,}$/.test(value) || /^(\d)\1{3,}$/.test(value);
}

/** The wildcard patterns written in a text (the ends of lists), as the compact prefix and length. */
export function wildcardsIn(text: string): { pattern: string; prefix: string; length: number | null }[] {
  const out: { pattern: string; prefix: string; length: number | null }[] = [];
  // One or two stars end a wildcard; three are the separator cfRES puts between label lines.
  for (const m of text.matchAll(
    /(?<![A-Za-z0-9])([A-Za-z0-9][A-Za-z0-9-]*?)(x{2,}|X{2,}|\*{1,2}(?!\*)|\?{2,})(?![A-Za-z0-9*])/g,
  )) {
    const prefix = m[1]!.replace(/-/g, '').toUpperCase();
    if (!/\d/.test(prefix)) continue; // "XXXX" alone is a placeholder, "MC2-XXXXS" a size pattern
    const fixed = m[2]![0] === 'x' || m[2]![0] === 'X' || m[2]![0] === '?';
    out.push({ pattern: m[0], prefix, length: fixed ? prefix.length + m[2]!.length : null });
  }
  return out;
}

/** Whether an identifier fits a wildcard pattern: the prefix, and the length where the pattern fixes it. */
export function fitsWildcard(value: string, w: { prefix: string; length: number | null }): boolean {
  const v = value.replace(/[\s\-./]/g, '').toUpperCase();
  return v.startsWith(w.prefix) && (w.length === null || v.length === w.length);
}

const DATE_LIMIT =
  /\b(?:manufactured|produced|distributed|shipped|built|sold|made|dated|installed)\s+(?:between|from|before|after|prior\s+to|since|through|until|on\s+or\s+(?:before|after))\b[^.;\n]{0,80}/gi;

/** Where a text limits the affected units by date: "distributed between 10/27/2005 - 3/31/2006". */
export function dateLimits(text: string): string[] {
  return [...text.matchAll(DATE_LIMIT)].map((m) => quoted(m[0]));
}

/**
 * Identifiers a code text lists with no label to say what they are, one after another: every
 * word that reads as an identifier (not a date, size or clearance) and is not already read.
 */
export function unlabelledCodes(text: string, alreadyRead: Set<string>): string[] {
  const words = text.split(/[\s,;]+/).map((w) => w.replace(/^[("'#]+|[)"'.:]+$/g, ''));
  return words.filter(
    (w) => w.length >= 4 && isIdentifierWord(w) && !isDate(w) && !w.includes('/') && !alreadyRead.has(w),
  );
}
