import { findLabels, type Label } from './labels';
import { type Found, hyphenRanges, type ListKind, readList } from './lists';
import { normaliseIdentifier } from './normalise';
import type {
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
  sets: Record<
    'lot' | 'serial',
    { values: string[]; ranges: { from: string; to: string }[]; partial: boolean }
  >;
  udiDis: string[];
  versions: VersionMention[];
};

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
    sets: {
      lot: { values: [], ranges: [], partial: false },
      serial: { values: [], ranges: [], partial: false },
    },
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
    return { values, ranges, complete: !s.partial && values.length + ranges.length > 0 };
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
    softwareVersions: unique(
      collected.versions,
      (v) => `${v.version}|${v.qualifier}|${v.upTo}|${v.exclusive}`,
    ),
  };
}

function read(passage: Passage, into: Collected) {
  const { text } = passage;
  const labels = findLabels(text);
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
      // which value is which cannot be told, so nothing is taken and no list is complete.
      for (const k of codes) into.sets[k].partial = true;
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
      const ranges = [...list.ranges, ...hyphenRanges(list.values)];
      for (const k of codes) {
        const s = into.sets[k];
        s.values.push(...list.values.map((v) => v.value));
        s.ranges.push(...ranges.map((r) => ({ from: r.from.value, to: r.to.value })));
        if (list.partial || INCLUDING.test(before)) s.partial = true;
        codeLists.push({ kind: k, values: list.values });
      }
      codeSpans.push(...list.values);
    }
  });

  const gs1 = gs1Identifiers(text, labels, codeSpans);
  into.udiDis.push(...gs1.dis.map((d) => d.value));
  if (passage.kind === 'codes') {
    // The lot (10) and serial (21) of a full UDI in code_info; in a description they are often a
    // specimen label ("(10) 999999").
    into.sets.lot.values.push(...gs1.lots.map((l) => l.value));
    into.sets.serial.values.push(...gs1.serials.map((s) => s.value));
  }
  into.versions.push(...softwareVersions(text));
  if (passage.kind !== 'reason') markCutOff(passage, codeLists, into);
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
    if (fromHere || passage.kind === 'codes') into.sets[kind].partial = true;
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
