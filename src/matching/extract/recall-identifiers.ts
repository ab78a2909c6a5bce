import { allUnits, dateLimits, isPlaceholder, quoted, unlabelledCodes, WILDCARD, wildcardsIn } from './forms';
import { findLabels, type Label } from './labels';
import { type Found, hyphenRanges, type ListKind, readList } from './lists';
import { normaliseIdentifier } from './normalise';
import type {
  Coverage,
  Doubt,
  IdentifierSet,
  Mention,
  RecallIdentifiers,
  RecallSource,
  RecallTextFields,
  VersionMention,
} from './types';
import { gs1Identifiers } from './udi';
import { softwareVersions } from './versions';
import { shape } from './words';

/**
 * One piece of recall text to read. code_info and more_code_info are read as one text, because
 * more_code_info is the overflow of code_info and a list (or a lot number) runs on across the cut.
 */
type Passage = {
  kind: 'description' | 'codes' | 'reason';
  text: string;
  sourceAt: (offset: number) => RecallSource;
};

type Collected = {
  mentions: Record<'model' | 'catalog' | 'part', Mention[]>;
  sets: Record<'lot' | 'serial', CollectedSet>;
  coverage: Coverage;
  udiDis: string[];
  versions: VersionMention[];
};

type CollectedSet = {
  values: string[];
  ranges: { from: string; to: string }[];
  partial: boolean;
  wildcards: IdentifierSet['wildcards'];
  doubts: Doubt[];
  quote: string | null;
};

const emptySet = (): CollectedSet => ({
  values: [],
  ranges: [],
  partial: false,
  wildcards: [],
  doubts: [],
  quote: null,
});

// Words before a list that make it the devices NOT affected, or only some of those affected.
const EXCLUDING =
  /\b(?:except|excluding|exclude[sd]?|unaffected|other than|with the exception of|(?:does |are |is )?not (?:affect(?:ed)?|include[ds]?|included|impacted|subject|part of|involved))\b/i;
const INCLUDING =
  /\b(?:including|include[sd]?|such as|e\.g\.|for example|not limited to|among (?:others|them)|partial list|examples?|etc)\b/i;

function prepare(text: string | null | undefined): string {
  return (
    (text ?? '')
      .replace(/\r\n?/g, '\n')
      // cfRES writes some apostrophes as the control character U+0019: "Model #\u0019s", "M/N\u0019s".
      .replaceAll(String.fromCharCode(0x19), "'")
      .replace(/[\u2018\u2019`]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/\u00a0/g, ' ')
      // Table headings written as field names: "PART_ID\tLOT_ID".
      .replace(/(?<=[A-Za-z])_(?=[A-Za-z])/g, ' ')
  );
}

function passages(fields: RecallTextFields): Passage[] {
  const description = prepare(fields.productDescription);
  const code = prepare(fields.codeInfo);
  const more = prepare(fields.moreCodeInfo);
  const reason = prepare(fields.reasonForRecall);
  return [
    { kind: 'description', text: description, sourceAt: () => 'product_description' },
    {
      kind: 'codes',
      text: code + more,
      sourceAt: (at) => (at < code.length ? 'code_info' : 'more_code_info'),
    },
    // A reason narrates ("a complaint about lot 1234") rather than lists: models and versions only.
    { kind: 'reason', text: reason, sourceAt: () => 'reason_for_recall' },
  ];
}

/** The models, catalog and part numbers, UDI-DIs, lots, serials and versions a recall names. */
export function recallIdentifiers(fields: RecallTextFields): RecallIdentifiers {
  const collected: Collected = {
    mentions: { model: [], catalog: [], part: [] },
    sets: { lot: emptySet(), serial: emptySet() },
    coverage: { all: null, doubts: [], codes: null },
    udiDis: [],
    versions: [],
  };
  for (const passage of passages(fields)) {
    if (passage.text.trim()) read(passage, collected);
  }
  const set = (kind: 'lot' | 'serial'): IdentifierSet => {
    const s = collected.sets[kind];
    const values = unique(s.values, normaliseIdentifier);
    const ranges = unique(s.ranges, (r) => `${normaliseIdentifier(r.from)}~${normaliseIdentifier(r.to)}`);
    const sure = !s.partial && s.doubts.length === 0 && s.wildcards.length === 0;
    return {
      values,
      ranges,
      complete: sure && values.length + ranges.length > 0,
      wildcards: s.wildcards,
      doubts: unique(s.doubts, (d) => d.quote),
      quote: s.quote,
    };
  };
  const mentions = (kind: 'model' | 'catalog' | 'part') =>
    unique(collected.mentions[kind], (m) => `${m.source}|${normaliseIdentifier(m.value)}`);
  return {
    models: mentions('model'),
    catalogNumbers: mentions('catalog'),
    partNumbers: mentions('part'),
    udiDis: unique(collected.udiDis, (d) => d),
    lots: set('lot'),
    serials: set('serial'),
    coverage: { ...collected.coverage, doubts: unique(collected.coverage.doubts, (d) => d.quote) },
    softwareVersions: unique(
      collected.versions,
      (v) => `${v.version}|${v.qualifier}|${v.upTo}|${v.exclusive}`,
    ),
  };
}

function read(passage: Passage, into: Collected) {
  const { text } = passage;
  const labels = tableHeadings(text, findLabels(text));
  const codeLists: { kind: 'lot' | 'serial'; values: Found[] }[] = [];
  const codeSpans: Found[] = [];
  labels.forEach((label, i) => {
    const end = regionEnd(text, label, labels[i + 1]);
    const kinds = label.kinds.filter((k) => k !== 'udi');
    const codes = kinds.filter((k): k is 'lot' | 'serial' => k === 'lot' || k === 'serial');
    const products = kinds.filter((k): k is 'model' | 'catalog' | 'part' => !codes.includes(k as 'lot'));
    const before = clauseBefore(text, label.start) + label.header;
    const mixed = label.kinds.includes('udi') ? kinds.length > 0 : codes.length > 0 && products.length > 0;
    if (mixed || EXCLUDING.test(before)) {
      // A table heading ("Reference Number/UDI Number/Lot Number(s)") or a list of exceptions:
      // which value is which cannot be told, so no list is complete; a table's cells are kept as
      // codes of no known kind, which an asset's lot or serial may still be found among.
      const why = mixed ? 'a table of several kinds of number' : 'a list of exceptions';
      for (const k of codes) {
        into.sets[k].partial = true;
        into.sets[k].doubts.push({ why, quote: quoted(text, label.start, end) });
      }
      if (mixed && codes.length && passage.kind !== 'reason')
        addCodes(into, text.slice(label.valuesFrom, end), why, quoted(text, label.start, end));
      return;
    }
    if (products.length) {
      const reader: ListKind = products.includes('model') ? 'model' : products[0]!;
      const list = readList(text, label.valuesFrom, end, reader);
      for (const v of list.values) {
        for (const k of products)
          into.mentions[k].push({ value: v.value, source: passage.sourceAt(v.start) });
      }
    }
    if (codes.length && passage.kind !== 'reason') {
      const list = readList(text, label.valuesFrom, end, codes[0]!);
      const region = text.slice(label.valuesFrom, end);
      // Wildcards ("936405xxx", "1234*") and a layout's placeholders ("Lot #: XXXX") are no values.
      const wildcards = wildcardsIn(region);
      const values = list.values.filter(
        (v) =>
          !WILDCARD.test(v.value) &&
          !isPlaceholder(v.value) &&
          !wildcards.some((w) => w.prefix === v.value.toUpperCase()),
      );
      const placeholder = list.values.some((v) => isPlaceholder(v.value)) || /^\s*[xX]{3,}\b/.test(region);
      const ranges = [...list.ranges, ...hyphenRanges(values)];
      const ends = [...list.values.map((v) => v.end), ...list.ranges.map((r) => r.to.end)];
      const quote = quoted(text, label.start, ends.length ? Math.max(...ends) : label.valuesFrom + 40);
      for (const k of codes) {
        const s = into.sets[k];
        s.values.push(...values.map((v) => v.value));
        s.ranges.push(...ranges.map((r) => ({ from: r.from.value, to: r.to.value })));
        s.wildcards.push(...wildcards);
        s.quote = s.quote ? quoted(`${s.quote}; ${quote}`) : quote;
        if (values.length + list.ranges.length + wildcards.length === 0 && !placeholder)
          s.doubts.push({ why: 'the list could not be read', quote: quoted(text, label.start, end) });
        if (list.partial) s.doubts.push({ why: 'the list gives only one end or says it is partial', quote });
        if (INCLUDING.test(before)) s.doubts.push({ why: 'the list says it is not the whole of it', quote });
        if (wildcards.length) s.doubts.push({ why: 'the list uses a wildcard', quote });
        if (placeholder)
          s.doubts.push({
            why: "the text shows a label's layout, not the lots",
            quote: quoted(text, label.start, end),
          });
        if (list.partial || INCLUDING.test(before)) s.partial = true;
        codeLists.push({ kind: k, values });
      }
      codeSpans.push(...values);
    }
  });

  const gs1 = gs1Identifiers(text, labels, codeSpans);
  into.udiDis.push(...gs1.dis.map((d) => d.value));
  if (passage.kind === 'codes') {
    // The lot (10) and serial (21) of a full UDI in code_info; in a description they are often a
    // specimen label ("(10) 999999"), and so they are wherever the line shows a layout or a
    // placeholder ("(10) XXXXX", "format: … (10) lot").
    for (const [kind, found] of [
      ['lot', gs1.lots],
      ['serial', gs1.serials],
    ] as const) {
      for (const f of found) {
        const line = lineAround(text, f.start);
        if (isPlaceholder(f.value) || !/\d/.test(f.value) || LAYOUT.test(line)) {
          into.sets[kind].doubts.push({
            why: "the text shows a label's layout, not the lots",
            quote: quoted(line),
          });
        } else {
          into.sets[kind].values.push(f.value);
          into.sets[kind].quote ??= quoted(line);
        }
      }
    }
    if (labels.every((l) => !l.kinds.some((k) => k === 'lot' || k === 'serial' || k === 'udi'))) {
      const read = new Set(
        [...into.mentions.model, ...into.mentions.catalog, ...into.mentions.part].map((m) => m.value),
      );
      addCodes(
        into,
        text,
        'numbers listed without saying whether they are lots or serials',
        quoted(text),
        read,
        2,
      );
    }
  }
  for (const a of allUnits(text)) {
    if (a.conditional) into.coverage.doubts.push({ why: 'only some units are covered', quote: a.quote });
    else into.coverage.all ??= a.quote;
  }
  for (const quote of dateLimits(text))
    into.coverage.doubts.push({ why: 'units are limited by date', quote });
  into.versions.push(...softwareVersions(text));
  if (passage.kind !== 'reason') markCutOff(passage, codeLists, into);
}

/** Words on a line that show a label's layout rather than list lots: "format", "example", "e.g.". */
const LAYOUT =
  /\b(?:format|layout|example|e\.g\.|such as|appears?|printed as|read as|where|represents?|sample)\b/i;

function lineAround(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end < 0 ? text.length : end);
}

function addCodes(
  into: Collected,
  text: string,
  why: string,
  quote: string,
  read = new Set<string>(),
  fewest = 1,
) {
  const values = unlabelledCodes(text, read);
  if (values.length < fewest) return;
  const codes = into.coverage.codes ?? { values: [], why, quote };
  codes.values.push(...values);
  into.coverage.codes = codes;
}

/**
 * Labels written side by side with nothing between them head the columns of a table ("PART ID
 * LOT ID", "Model # Beginning S/N Ending S/N"): one label of all their kinds, at the last one's values.
 */
function tableHeadings(text: string, labels: Label[]): Label[] {
  const out: Label[] = [];
  for (const label of labels) {
    const before = out.at(-1);
    const between = before ? text.slice(before.valuesFrom, label.start) : 'x';
    if (before && !between.trim() && !between.includes('\n')) {
      out[out.length - 1] = {
        start: before.start,
        valuesFrom: label.valuesFrom,
        kinds: [...new Set([...before.kinds, ...label.kinds])],
        header: text.slice(before.start, label.valuesFrom),
      };
    } else out.push(label);
  }
  return out;
}

// Values of a label run to the next label, and no further than the bracket the label sits in.
function regionEnd(text: string, label: Label, next: Label | undefined): number {
  const limit = next ? next.start : text.length;
  let depth = 0;
  for (let i = 0; i < label.start; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && depth > 0) depth--;
  }
  if (depth === 0) return limit;
  for (let i = label.valuesFrom; i < limit; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return limit;
}

function clauseBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 80), at);
  const boundary = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n\n'), before.lastIndexOf('***'));
  return before.slice(boundary + 1);
}

/**
 * Text that stops part-way (a trailing ",", "and", "(1", or a last lot shorter than all the others
 * in its list) may have lost the rest of its list: the cut-off fragment is dropped and the lists
 * of that text are not complete.
 */
function markCutOff(passage: Passage, lists: { kind: 'lot' | 'serial'; values: Found[] }[], into: Collected) {
  const text = passage.text.trimEnd();
  let cut =
    /[,;:&(/\-\u2013]$/.test(text) ||
    /(?:\u2026|\.\.\.|\betc\.?)$/i.test(text) ||
    // code_info broken off in a word after its lists: "… Item Number: PA1160-10SJ360-7 De"
    (passage.kind === 'codes' &&
      lists.length > 0 &&
      /\s(?!(?:and|or|to|the|of|in|on|all|as|is|are|by|per|kit|box|set|ea|pk|bag|use)$)[A-Z]?[a-z]{1,2}$/.test(
        text,
      )) ||
    /(?:^|\s)(?:and|or|to|through|thru)$/i.test(text) ||
    (text.match(/\(/g)?.length ?? 0) > (text.match(/\)/g)?.length ?? 0);
  for (const list of lists) {
    const last = list.values.at(-1);
    if (!last) continue;
    // What follows the list's last value: nothing, a separator, or a fragment the reader refused ("5").
    const rest = text.slice(last.end).trim();
    if (!/^[,;:&/\-\s]*\w{0,12}$/.test(rest)) continue;
    const peers = list.values.map((v) => normaliseIdentifier(v.value).length);
    const shortest = Math.min(...peers.slice(0, -1));
    const tail = rest.replace(/^[,;:&/\-\s]+/, '');
    // A refused fragment that starts the way the values do ("5" after "50705398"), not a word ("EO").
    const fragment = tail && shape(last.value).startsWith(shape(tail));
    if (fragment && peers.length >= 2 && tail.length < shortest) cut = true;
    if (!tail && peers.length >= 3 && peers.at(-1)! < shortest) {
      const values = into.sets[list.kind].values;
      const at = values.lastIndexOf(last.value);
      if (at >= 0) values.splice(at, 1);
      cut = true;
    }
  }
  if (!cut) return;
  for (const kind of ['lot', 'serial'] as const) {
    const fromHere = lists.some((l) => l.kind === kind && l.values.length);
    if (!fromHere && passage.kind !== 'codes') continue;
    into.sets[kind].partial = true;
    into.sets[kind].doubts.push({
      why: 'the text stops part-way',
      quote: `… ${quoted(text, text.length - 60)}`,
    });
  }
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
