import { normaliseIdentifier } from './normalise';

/**
 * Ordering lot and serial numbers for ranges. Only two shapes are ordered with confidence: plain
 * numbers, and a shared prefix with a numeric tail ("DB100527 thru DB101305", "02053SN"…"02099SN").
 * Anything else ("08A00035000 to 10A0070753": the year code changes and the lengths differ) has no
 * order we can vouch for, and the answer is null.
 */

// Numbers written with the same number of digits order as strings; without leading zeros they
// order by length first. "0123" against "45" is a guess either way.
function compareDigits(a: string, b: string): -1 | 0 | 1 | null {
  if (a.length !== b.length) {
    if (/^0\d/.test(a) || /^0\d/.test(b)) return null;
    return a.length < b.length ? -1 : 1;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Both ends split around the numeric run they differ in: prefix + digits + suffix. */
function commonFrame(from: string, to: string): { prefix: string; suffix: string } | null {
  let p = 0;
  while (p < from.length && p < to.length && from[p] === to[p]) p++;
  // Back off to the start of a numeric run so "RRFK00036"/"RRFK00128" compare 00036 with 00128.
  while (p > 0 && /\d/.test(from[p - 1]!)) p--;
  const prefix = from.slice(0, p);
  let s = 0;
  while (
    s < from.length - p &&
    s < to.length - p &&
    from[from.length - 1 - s] === to[to.length - 1 - s] &&
    /\D/.test(from[from.length - 1 - s]!)
  ) {
    s++;
  }
  const suffix = s ? from.slice(from.length - s) : '';
  const middle = (v: string) => v.slice(p, v.length - s);
  if (!/^\d+$/.test(middle(from)) || !/^\d+$/.test(middle(to))) return null;
  return { prefix, suffix };
}

function middleOf(value: string, frame: { prefix: string; suffix: string }): string | null {
  if (!value.startsWith(frame.prefix) || !value.endsWith(frame.suffix)) return null;
  const middle = value.slice(frame.prefix.length, value.length - frame.suffix.length);
  return /^\d+$/.test(middle) ? middle : null;
}

/** -1, 0 or 1 when two identifiers of one shape can be ordered, else null. */
export function compareIdentifiers(a: string, b: string): -1 | 0 | 1 | null {
  const x = normaliseIdentifier(a);
  const y = normaliseIdentifier(b);
  if (x === y) return 0;
  const frame = commonFrame(x, y);
  if (!frame) return null;
  return compareDigits(middleOf(x, frame)!, middleOf(y, frame)!);
}

/** Whether a range of lot or serial numbers holds a value: true, false, or null for "can't say". */
export function rangeContains(range: { from: string; to: string }, value: string): boolean | null {
  // Ends written in groups must differ only in the last group: "994-1350001 through 104-1356894"
  // changes a leading code as well, and has no order we know.
  const groups = (v: string) =>
    v
      .trim()
      .toUpperCase()
      .split(/[\s\-\u2013./]+/);
  const [a, b] = [groups(range.from), groups(range.to)];
  if (
    (a.length > 1 || b.length > 1) &&
    (a.length !== b.length || a.slice(0, -1).join() !== b.slice(0, -1).join())
  ) {
    return normaliseIdentifier(value) === normaliseIdentifier(range.from) ||
      normaliseIdentifier(value) === normaliseIdentifier(range.to)
      ? true
      : null;
  }
  let from = normaliseIdentifier(range.from);
  let to = normaliseIdentifier(range.to);
  const v = normaliseIdentifier(value);
  if (v === from || v === to) return true;
  const frame = commonFrame(from, to);
  if (!frame) return null;
  if (compareDigits(middleOf(from, frame)!, middleOf(to, frame)!) === 1) [from, to] = [to, from];
  const middle = middleOf(v, frame);
  // Every number in the range carries its prefix and suffix; a value without them is not in it.
  if (middle === null) return false;
  const low = compareDigits(middleOf(from, frame)!, middle);
  const high = compareDigits(middle, middleOf(to, frame)!);
  if (low === null || high === null) return null;
  return low <= 0 && high <= 0;
}
