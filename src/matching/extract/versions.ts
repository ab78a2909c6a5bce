import { tokens } from './tokens';
import type { VersionMention } from './types';

/**
 * Software versions a recall names: "software version 9.12", "v2.0.7 or earlier", "versions VA10A,
 * VA10B", "Software revisions up to and including A.07.05.22", "firmware version prior to Revision
 * 3.02", "v 8.0 through 8.9", "3.0.x.x and higher".
 */

const LABEL =
  /(?<![A-Za-z0-9])(?:(?:software|firmware|sw|s\/w|fw|application|program)\s*(?:\((?:sw|fw)\)\s*)?(?:versions?|vers?\.|revisions?|rev\.?|releases?|v(?=\.?\s?\d))|data\s+release\s+versions?|versions?|ver\.|revisions?(?=\s*:?\s*[A-Z]?\.?\d))(?![A-Za-z])[\s:#]*/gi;
// A version written without a label needs its "v" and a dot: "v2.0.7", "V1.5.0", "v. 3.4".
const BARE = /(?<![A-Za-z0-9])[vV]\.?\s?\d+(?:\.[0-9A-Za-z]+)+/g;

// A version the recall names as the fix, not the fault: "update … to software version 4.5.5",
// "(E.027 instead of V2.00)", "new software version".
const FIX_BEFORE =
  /(?:(?:\b(?:upgrad|updat|correct|fix|resolv|address|migrat|replac|install)\w*\b[^.;]{0,60}?\b(?:to|in|with|by|from))|\binstead of|\bnew|\blatest|\bcorrected|\bupdated|\bupgraded|\b(?:update|upgrade|patch|fix|release)[ds]?)\s+(?:the\s+)?(?:(?:software|firmware|sw)\s+)?(?:version|v|rev(?:ision)?)?\.?\s*$/i;

// Words that may sit among versions without ending the list; "Beta1", "SP2" qualify the one before.
const FILLER =
  /^(?:software|firmware|sw|fw|versions?|ver|rev|revisions?|releases?|v|the|only|level|inclusive|including|(?:beta|alpha|rc|sp|hf|mr|patch|build)\d*)$/i;
// "4.0 Beta 2", "2.7 MR 3": the number after these words is part of the version before them.
const SUFFIX = /^(?:beta|alpha|rc|sp|hf|mr|patch|build)$/i;
const EARLIER_AFTER = /^(?:earlier|lower|below|prior|older|before|less|under)$/i;
const LATER_AFTER = /^(?:later|higher|above|greater|newer|up|after|more|onwards?|upwards?)$/i;
const RANGE = /^(?:to|through|thru|until|-|\u2013|\u2014)$/i;

// Letters before the number only run straight into it ("VA10A", "R5.3.30") or end with a dot
// ("A.07.05.22"); "SP-50" and "HL-7" are names. Dotted dates such as 20.7.13 are versions here.
export function isVersionWord(word: string): boolean {
  return (
    /^(?:[vV]\.?)?(?:[A-Za-z]{1,4}(?=\d)|[A-Za-z]\.)?\d[\w.+-]*$/.test(word) &&
    !/^(?:19|20)\d\d-\d\d-\d\d$/.test(word) &&
    !/^\d+(?:\.\d+)?(?:mm|cm|ml|mg|kg|g|hz|v|w|%)$/i.test(word)
  );
}

/** The versions in one text, in order, without repeats. */
export function softwareVersions(text: string): VersionMention[] {
  const found: VersionMention[] = [];
  const starts = [
    ...[...text.matchAll(LABEL)].map((m) => ({ at: m.index, from: m.index + m[0].length })),
    ...[...text.matchAll(BARE)].map((m) => ({ at: m.index, from: m.index })),
  ].sort((a, b) => a.at - b.at);
  let readTo = 0;
  for (const { at, from } of starts) {
    if (at < readTo) continue;
    // The rest of a sentence that names a fix ("update V01.05.02.16 (also known as V1.5.2)") is skipped.
    const before = clauseBefore(text, at);
    readTo = FIX_BEFORE.test(before)
      ? sentenceEnd(text, at)
      : readVersions(text, from, boundAtEnd(before.toLowerCase().split(/\s+/).filter(Boolean)), found);
  }
  const seen = new Set<string>();
  return found.filter((v) => {
    const key = `${v.version}|${v.qualifier}|${v.upTo ?? ''}|${v.exclusive ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sentenceEnd(text: string, at: number): number {
  const end = text.slice(at).search(/\.\s|;|\n\s*\n/);
  return end < 0 ? text.length : at + end;
}

function clauseBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 100), at);
  return before.slice(before.search(/(?:[^.;]*)$/));
}

type Bound = Pick<VersionMention, 'qualifier' | 'exclusive'>;

// Words before a version that bound it: "up to and including A.07.05.22", "prior to Revision 3.02",
// "older than V30A", "starting with 2.1".
const BOUND_PHRASES: [RegExp, Bound][] = [
  [/^up to(?: and including)?$/, { qualifier: 'or-earlier' }],
  [
    /^(?:prior to|before|below|under|<|(?:lower|older|less|earlier) than)$/,
    { qualifier: 'or-earlier', exclusive: true },
  ],
  [/^(?:after|above|>|(?:higher|later|greater|newer) than)$/, { qualifier: 'or-later', exclusive: true }],
  [/^(?:starting (?:with|from|at)|beginning with|since)$/, { qualifier: 'or-later' }],
];

/** A bound phrase that the words end with ("… software (up to"), for a bound said before a label. */
function boundAtEnd(words: string[]): Bound | null {
  for (let n = 4; n >= 1; n--) {
    const phrase = words.slice(-n).join(' ').replace(/^\(/, '');
    if (words.length >= n) for (const [re, bound] of BOUND_PHRASES) if (re.test(phrase)) return bound;
  }
  return null;
}

/** A bound phrase starting at words[i], and how many words it takes. */
function boundAt(words: string[], i: number): { bound: Bound; length: number } | null {
  for (let n = 4; n >= 1; n--) {
    const phrase = words.slice(i, i + n).join(' ');
    for (const [re, bound] of BOUND_PHRASES) if (re.test(phrase)) return { bound, length: n };
  }
  return null;
}

/** Reads the versions from `from` onwards into `found`; returns where it stopped. */
function readVersions(text: string, from: number, pre: Bound | null, found: VersionMention[]): number {
  const end = Math.min(text.length, from + 400);
  const list = tokens(text, from, end);
  const words = list.map((t) => (t.type === 'word' ? t.text.toLowerCase() : ''));
  let bound = pre;
  let last: VersionMention | null = null;
  let rangeNext = false;
  let between = false;
  let depth = 0;
  for (let i = 0; i < list.length; i++) {
    const token = list[i]!;
    if (token.type === 'open') depth++;
    else if (token.type === 'close') {
      if (depth === 0) return token.start;
      depth--;
    } else if (depth > 0 || token.type === 'sep') {
      // asides ("(17)", "(DRVs)") and commas between versions
    } else if (token.type !== 'word') return token.start;
    else {
      const lower = words[i]!;
      const next = words[i + 1] ?? '';
      const joins = /^(?:or|and|&)$/.test(lower);
      const phrase = boundAt(words, i);
      // "V2.40/2.41" names two versions; "12/31/06" names none.
      const parts = /^[^/]*\.[^/]*(?:\/[^/]*\.[^/]*)+$/.test(token.text)
        ? token.text.split('/')
        : [token.text];
      if (SUFFIX.test(lower) && /^\d+$/.test(next)) i++;
      else if (FILLER.test(lower)) {
        // "Beta1", "SP2" and "software" are not versions of their own
      } else if (parts.every(isVersionWord)) {
        for (const part of parts) {
          if (rangeNext && last) {
            last.qualifier = 'range';
            last.upTo = clean(part);
            rangeNext = false;
          } else {
            last = { version: clean(part), qualifier: 'exact', ...bound };
            found.push(last);
            bound = null;
          }
        }
      } else if (joins && last && (EARLIER_AFTER.test(next) || LATER_AFTER.test(next))) {
        // "v2.0.7 or earlier", "3.0.x.x and higher"; the bound ends the list, so "2.0 or greater or
        // G400 generator" does not read G400 as a version.
        last.qualifier = EARLIER_AFTER.test(next) ? 'or-earlier' : 'or-later';
        return token.start;
      } else if (between && lower === 'and' && last) {
        rangeNext = true;
        between = false;
      } else if (lower === 'between') between = true;
      else if (phrase) {
        bound = phrase.bound;
        i += phrase.length - 1;
      } else if (/^onwards?$/.test(lower) && last) last.qualifier = 'or-later';
      else if (RANGE.test(lower) && last) rangeNext = true;
      else if (!joins) return token.start;
    }
  }
  return end;
}

// "v2.0.7" and "2.0.7" are one version; "VA10A" keeps its letters.
function clean(word: string): string {
  return word.replace(/^[vV]\.?(?=\d)/, '').replace(/[.,;:]+$/, '');
}
