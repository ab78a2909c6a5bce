import { compareIdentifiers } from './order';
import { type Token, tokens } from './tokens';
import { isCodeWord, isDate, isExpiryWord, isIdentifierWord, isNameWord, isNumber, shape } from './words';

/**
 * Reading the values after one label: "Lot #s 089397, 224149,227018", "Serial numbers 91001,
 * 91003 through 91010", "Models: 715 Prime, 785 Essential, and 865 Plus", "Lot Numbers:
 * 5178119 5188905 …". A list ends at the first item that does not look like one of its kind,
 * which is how prose after it ("Model 1069, Stryker Medical, Portage, MI") is kept out.
 */
export type ListKind = 'model' | 'catalog' | 'part' | 'lot' | 'serial';
export type Found = { value: string; start: number; end: number };
export type ListResult = {
  values: Found[];
  ranges: { from: Found; to: Found }[];
  /** The list said "including"/"etc.", or gave one end of a range ("less than 3412"). */
  partial: boolean;
};

type Word = Extract<Token, { type: 'word' }>;

const JOINS = new Set(['and', 'or', '&', 'and/or']);
const RANGES = new Set(['to', 'through', 'thru', 'till', 'until', '-', '\u2013', '\u2014', '~']);
const ONE_SIDED =
  /^(?:less|below|above|greater|prior|before|after|under|over|higher|lower|earlier|later|older|newer|onwards?|upwards?|[<>\u2264\u2265]=?)$/i;
const INCLUDING = /^(?:including|include|includes|incl|e\.?g|etc|example|examples|among)$/i;
const FILLERS = /^(?:the|following|from|all|numbers?|nos?|#|affected|listed|below:?|are|is)$/i;

export function readList(text: string, from: number, to: number, kind: ListKind): ListResult {
  const result: ListResult = { values: [], ranges: [], partial: false };
  let item: Word[] = [];
  let first: Found | null = null;
  let done = false;
  let skipping = false;
  let depth = 0;
  let rangeFrom: Found | null = null;
  let rangeNext = false;
  let between = false;
  let lastWasValue = false;
  let previous = ''; // the last word read, skipped or not
  let skippedAfter: Found | null = null; // the value an expiry date was skipped after

  const close = () => {
    const words = item;
    item = [];
    if (!words.length) return;
    if (rangeNext && rangeFrom && words[0]!.text.startsWith('-') && rangeFrom.value.includes('-')) {
      // "3202487-000 thru -012": the upper end repeats only the last group.
      const tail = words[0]!;
      words[0] = { ...tail, text: rangeFrom.value.replace(/-[^-]*$/, tail.text) };
    }
    const accepted = acceptItem(text, words, kind, first);
    const sameShape =
      !skippedAfter || accepted?.values.every((v) => shape(v.value) === shape(skippedAfter!.value));
    skippedAfter = null;
    if (!accepted || !sameShape) {
      done = true; // and a dash before it was punctuation: "Lot 013948 - Product Usage: …"
      return;
    }
    first ??= accepted.values[0] ?? null;
    const [head, ...rest] = accepted.values;
    if (rangeNext && rangeFrom && head) {
      addRange(result, kind, rangeFrom, head);
    } else if (head) {
      result.values.push(head);
    }
    result.values.push(...rest);
    rangeFrom = accepted.values.at(-1) ?? null;
    rangeNext = false;
    lastWasValue = true;
    if (accepted.stopAfter) done = true;
  };

  for (const token of tokens(text, from, to)) {
    if (done) break;
    if (token.type === 'open') depth++;
    else if (token.type === 'close') {
      if (depth === 0) done = true;
      else depth--;
    } else if (depth > 0) {
      // bracketed asides ("(a)", "(US Model)", "(lot 97642UN11)") are read by their own labels
    } else if (token.type === 'sep') {
      close();
      skipping = false;
    } else if (token.type === 'stop') {
      close();
      done = true;
    } else if (token.type === 'colon') {
      if (skipping) continue;
      // The words before a ":" head what follows ("Lot A:", "Product Description:").
      while (item.length && !/\d/.test(item.at(-1)!.text)) item.pop();
      close();
      done = true;
    } else if (token.type === 'period') {
      // "Exp. 05/04/2024" is an abbreviation; "…, AP0463." and "Exp 2006-11." end the sentence.
      if (!isExpiryWord(previous) && (isIdentifierWord(previous) || isDate(previous))) {
        close();
        done = true;
      }
    } else if (token.type === 'word' && skipping) {
      previous = token.text;
      if (JOINS.has(previous.toLowerCase())) skipping = false; // "exp. 4/30/08 and 68049501"
    } else if (token.type === 'word') {
      const word = token.text;
      previous = word;
      const lower = word.toLowerCase();
      if (between && JOINS.has(lower)) {
        close(); // "between X and Y"
        if (rangeFrom && lastWasValue) rangeNext = true;
        between = false;
      } else if (JOINS.has(lower)) {
        close();
      } else if (/^[-\u2013]\w/.test(word) && !rangeNext && (item.length > 0 || lastWasValue)) {
        close();
        const before = rangeFrom as Found | null; // set by close()
        if (before?.value.includes('-')) {
          // "DRV-021-24-10, -12, -14": each repeats all but the last group of the one before
          item.push({ ...token, text: before.value.replace(/-[^-]*$/, word) });
        } else {
          if (rangeFrom && lastWasValue) rangeNext = true; // "100018 -100025"
          item.push({ ...token, text: word.slice(1), start: token.start + 1 });
        }
      } else if (RANGES.has(lower)) {
        close();
        if (rangeFrom && lastWasValue) rangeNext = true;
        else {
          result.partial = true; // "Serial number: to (incl.) 100143048"
          done = true;
        }
      } else if (ONE_SIDED.test(word)) {
        result.partial = true; // "serial numbers less than 3412", "1000 and above"
        close();
        done = true;
      } else if (INCLUDING.test(lower)) {
        result.partial = true;
      } else if (lower === 'between') {
        between = true;
      } else if (isExpiryWord(word)) {
        close();
        skipping = true;
        skippedAfter = first;
      } else if (isDate(word)) {
        // a date beside a lot, as in "59313\t4/12/2015"
      } else if (!(item.length === 0 && FILLERS.test(word))) {
        item.push(token);
        lastWasValue = false;
      }
    }
  }
  if (!done) close();
  return result;
}

type Accepted = { values: Found[]; stopAfter: boolean };

/**
 * Whether an item belongs to the list. The first item after a label sets the style: later items
 * may only have name words ("785 Essential") or no digits ("FSIIIC") if the first one did, which
 * keeps "Model LM4C, K-TEK, 18321 Swamp Road" to LM4C.
 */
function acceptItem(text: string, words: Word[], kind: ListKind, first: Found | null): Accepted | null {
  const texts = words.map((w) => w.text);
  const fits = kind === 'model' ? fitsModel(texts, first?.value ?? null) : texts.every(isIdentifierWord);
  if (fits) return { values: valuesOf(text, words), stopAfter: false };
  // An item may run into prose: "Model 8015 pumps", "model 3116 Enterra Therapy Neurostimulator",
  // and, when it is written like the one before it, "Models 9000, 9700 and 9800 beds".
  const lead: Word[] = [];
  for (const w of words) {
    // Letters may lead a model ("EPIQ 7G"); after its number they are prose ("AB-7300-001 ADVANCED").
    const letters = kind === 'model' && isCodeWord(w.text) && !lead.some((l) => isIdentifierWord(l.text));
    if (!(isIdentifierWord(w.text) || letters) || (kind === 'model' && lead.length === 3)) break;
    lead.push(w);
  }
  // "P/N: K6870.20.US.L 20 Plates": a small number before a word is a quantity.
  if (lead.length > 1 && /^\d{1,3}$/.test(lead.at(-1)!.text)) lead.pop();
  if (!lead.length) return null;
  if (first && !(lead.length === 1 && shape(lead[0]!.text) === shape(first.value))) return null;
  return { values: valuesOf(text, lead), stopAfter: true };
}

function fitsModel(texts: string[], first: string | null): boolean {
  if (texts.length > 3) return false;
  if (!texts.every((t) => isIdentifierWord(t) || isCodeWord(t) || isNameWord(t))) return false;
  // One word of letters beside the number ("715 Prime", "EPIQ 7G"); two are a description.
  if (texts.filter((t) => !isIdentifierWord(t)).length > 1) return false;
  const digits = texts.some(isIdentifierWord);
  const names = texts.some(isNameWord);
  // Letters-only models ("FSIII", "HF-T") may open a list; they need a capital code word.
  if (first === null) return digits || texts.some(isCodeWord);
  const firstWords = first.split(' ');
  if (names && !firstWords.some(isNameWord)) return false;
  if (digits) return true;
  return !firstWords.some(isIdentifierWord) && texts.length === 1 && /^[A-Z][A-Z0-9-]+$/.test(texts[0]!);
}

// Several words in one item are one identifier written in groups ("64 87 800", "06656021 190",
// "715 Prime") or a list written with spaces ("5178119 5188905 5192526").
function valuesOf(text: string, words: Word[]): Found[] {
  const one = (w: Word): Found => ({ value: w.text, start: w.start, end: w.end });
  if (words.length === 1) return [one(words[0]!)];
  const texts = words.map((w) => w.text);
  const grouped =
    !texts.every(isIdentifierWord) ||
    (texts.every(isNumber) && texts.length <= 4 && texts.some((t) => t.length < 4));
  if (!grouped) return words.map(one);
  const start = words[0]!.start;
  const end = words.at(-1)!.end;
  return [{ value: text.slice(start, end).replace(/\s+/g, ' '), start, end }];
}

function addRange(result: ListResult, kind: ListKind, from: Found, upper: Found) {
  // "435-0602.01 to 05": a short upper end replaces the last group of the lower one.
  const group = /[-.](\d+)$/.exec(from.value);
  const to =
    group &&
    /^\d+$/.test(upper.value) &&
    upper.value.length === group[1]!.length &&
    upper.value.length < from.value.length
      ? { ...upper, value: from.value.slice(0, -upper.value.length) + upper.value }
      : upper;
  if (kind !== 'lot' && kind !== 'serial') {
    result.values.push(to); // a range of catalog or model numbers: keep both ends as written
    return;
  }
  const at = result.values.indexOf(from);
  if (at >= 0) result.values.splice(at, 1);
  result.ranges.push({ from, to });
}

/**
 * "1000-1599" in a serial list is as likely a range as one serial number: both are kept, so the
 * serial "1000-1599" and the serial 1200 are both found.
 */
export function hyphenRanges(values: Found[]): { from: Found; to: Found }[] {
  const out: { from: Found; to: Found }[] = [];
  for (const v of values) {
    const m = /^([A-Za-z0-9]+)-([A-Za-z0-9]+)$/.exec(v.value);
    if (!m || shape(m[1]!) !== shape(m[2]!) || !/\d/.test(m[1]!)) continue;
    if (compareIdentifiers(m[1]!, m[2]!) !== -1) continue;
    out.push({ from: { ...v, value: m[1]! }, to: { ...v, value: m[2]! } });
  }
  return out;
}
