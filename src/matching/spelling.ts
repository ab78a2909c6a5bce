/**
 * Near spellings: the slips a person makes typing a long name into a CMMS, a letter dropped,
 * doubled, added, changed or two swapped ("Permium", "Junniper", "MGANETOM", "Belmnt"). Only long
 * words are compared, and never by their first letter, which people rarely get wrong: a short
 * word one letter off is usually another word.
 */

/** Shortest word a slip is looked for in. */
export const slipLength = 6;

/**
 * The edit distance between two words counting a swap of neighbours as one edit (optimal string
 * alignment), or `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array(b.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/**
 * Whether `typed` is one slip away from `known`: both long, the same first letter, and one edit
 * apart. For model names two edits would take one real name to another (BeneFusion, BeneVision);
 * the few hundred firm names are far enough apart that a long one may take two (Repisronics).
 */
export function closeSpelling(typed: string, known: string, kind: 'model' | 'firm' = 'model'): boolean {
  if (typed === known || typed.length < slipLength || known.length < slipLength) return false;
  if (typed[0] !== known[0]) return false;
  const limit = kind === 'firm' && Math.min(typed.length, known.length) >= 10 ? 2 : 1;
  return editDistance(typed, known, limit) <= limit;
}
