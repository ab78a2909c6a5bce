import type { VersionMention } from './types';

/**
 * Comparing software versions as vendors write them: dotted numbers (9.12 is later than 9.5),
 * letter families (VA10 < VA10A < VA10B < VB20), leading letters (A.07.05.22), wildcards
 * (3.0.x.x, V2.00x). Versions of different make ("VC10" against "10.2") are not comparable.
 */
type Segment = { value: number | string; dotted: boolean };

function segments(version: string): Segment[] {
  const v = version
    .trim()
    .toLowerCase()
    .replace(/^v\.?\s?(?=\d)/, '');
  const out: Segment[] = [];
  for (const m of v.matchAll(/(\d+|[a-z]+|\*)/g)) {
    const text = m[1]!;
    out.push({ value: /^\d+$/.test(text) ? Number(text) : text, dotted: v[m.index - 1] === '.' });
  }
  return out;
}

const isWildcard = (s: Segment | undefined) => s !== undefined && /^(?:x+|\*)$/.test(String(s.value));

/** -1, 0 or 1; null when the two are not the same kind of version. Wildcards equal anything. */
export function compareVersions(a: string, b: string): -1 | 0 | 1 | null {
  const x = segments(a);
  const y = segments(b);
  if (!x.length || !y.length) return null;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (isWildcard(p) || isWildcard(q)) return 0;
    if (p === undefined || q === undefined) {
      const extra = (p ?? q)!;
      // 2.0 = 2.0.0; VA10 comes before VA10A.
      if (extra.value === 0) continue;
      return p === undefined ? -1 : 1;
    }
    if (typeof p.value !== typeof q.value) return null;
    if (p.value !== q.value) return p.value < q.value ? -1 : 1;
  }
  return 0;
}

/** 9.12.3 is a release of 9.12; VA10A is not a release of VA10 but the next one. */
function isReleaseOf(version: string, of: string): boolean {
  const x = segments(version);
  const y = segments(of);
  if (x.length <= y.length || !x[y.length]!.dotted) return false;
  return y.every((s, i) => s.value === x[i]!.value);
}

function affectedBy(m: VersionMention, version: string): boolean | null {
  const c = compareVersions(version, m.version);
  if (c === null) return null;
  const sameLine = c === 0 || isReleaseOf(version, m.version);
  switch (m.qualifier) {
    case 'exact':
      return sameLine;
    case 'or-earlier':
      return m.exclusive ? c < 0 && !sameLine : c <= 0 || sameLine;
    case 'or-later':
      return m.exclusive ? c > 0 && !sameLine : c >= 0;
    case 'range': {
      if (m.upTo === undefined) return sameLine;
      const high = compareVersions(version, m.upTo);
      if (high === null) return null;
      return c >= 0 && (high <= 0 || isReleaseOf(version, m.upTo));
    }
  }
}

/**
 * Whether an asset's software version is one a recall names: 'yes' if any mention covers it,
 * 'no' only if every mention could be compared and none does, else 'unknown'.
 */
export function versionAffected(mentions: VersionMention[], version: string): 'yes' | 'no' | 'unknown' {
  if (!mentions.length || !version.trim()) return 'unknown';
  const answers = mentions.map((m) => affectedBy(m, version));
  if (answers.includes(true)) return 'yes';
  return answers.includes(null) ? 'unknown' : 'no';
}
