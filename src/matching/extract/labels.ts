/**
 * The words a recall text puts before an identifier or a list of them: "Model No.", "REF",
 * "Cat. #", "P/N", "List Number", "Lot/Batch Numbers", "S/N", "UDI-DI". Each label is found with
 * the kinds of identifier it announces and the offset where its values begin.
 */
export type IdentifierKind = 'model' | 'catalog' | 'part' | 'lot' | 'serial' | 'udi';

export type Label = {
  /** Where the label's first word starts. */
  start: number;
  /** Where its values start: after the label, its noun ("Number(s)"), and any ":" or "#". */
  valuesFrom: number;
  kinds: IdentifierKind[];
  /** The label's own text up to valuesFrom, for words such as "include, but not limited to". */
  header: string;
};

// One word of a label. Short or common words are only labels in some shapes, checked in labelWord.
const WORD =
  /(?<![A-Za-z0-9])(models?|m\/n(?:'?s)?|catalogu?e?s?|cat\.|cat(?=\s*(?:#|nos?\b|numbers?\b))|ref(?:erences?)?\.?|re-?order|items?|articles?|art\.|products?|lists?|materials?|upn|kits?|parts?|p\/n(?:'?s)?|pn|lots?|batch(?:es)?|serials?|s\/n(?:'?s)?|sn(?:'?s)?|udi(?:[-\s]?di)?|gtin|di|upc|(?:unique\s+)?device\s+identifier)(?![A-Za-z0-9])/gi;

const NOUN =
  /^\s*(?:numbers?\s*\(s\)|numbers?|nos?(?![A-Za-z])\.?|n°|#(?:'?s(?=[\s\d:]))?|codes?|ids?(?![A-Za-z])|names?)/i;
const JOINER = /^\s*(?:\/|&|\s(?:or|and)\s)\s*/i;
// Between a label and its values: spaces, ":", "#", "=", "-", and at most one line break.
const GAP = /^[ \t]*(?:[:#=\-\u2013.][ \t]*)*(?:\n[ \t]*(?:[:#=\-\u2013][ \t]*)*)?/;
// "Serial numbers (Domestic units): 724 …", "Lot or serial numbers include, but not limited to: …"
const HEADER_TAIL = /^[^:\n\d]{1,60}?:[ \t]*\n?/;

function kindOf(word: string): IdentifierKind {
  const w = word.toLowerCase();
  if (w.startsWith('model') || w.startsWith('m/n')) return 'model';
  if (w.startsWith('part') || w.startsWith('p/n') || w === 'pn') return 'part';
  if (w.startsWith('lot') || w.startsWith('batch')) return 'lot';
  if (w.startsWith('serial') || w.startsWith('s/n') || w.startsWith('sn')) return 'serial';
  if (/^(udi|gtin|di$|upc|unique|device)/.test(w)) return 'udi';
  return 'catalog';
}

// Words that only announce an identifier with a noun after them ("Part No.", "Item #",
// "Product Code"), or, for a few, right before a number ("Product 860310").
const NEEDS_NOUN = /^(items?|articles?|products?|materials?|kits?|parts?|references?)$/i;
const BARE_BEFORE_NUMBER = /^(items?|products?|parts?|articles?)$/i;
// Abbreviations that are only labels in capitals: "SN", "PN", "DI", "UPC", "UPN".
const CAPITALS_ONLY = /^(sn(?:'?s)?|pn|di|upc|upn)$/i;

type Piece = { kind: IdentifierKind; end: number };

function labelWord(text: string, match: RegExpExecArray): Piece | null {
  const word = match[1]!;
  if (CAPITALS_ONLY.test(word) && word !== word.toUpperCase()) return null;
  // Spanish addresses write "s/n" (sin número) before a postcode: "Pl. de la Pau s/n 08940 Cornella".
  if (word === 's/n' && /^\s*\d{5}[\s-][A-Z][a-z]/.test(text.slice(match.index + match[0].length)))
    return null;
  let end = match.index + match[0].length;
  const noun = NOUN.exec(text.slice(end));
  if (noun) {
    // "Model names" announce names, and only for models; "Product names" are not catalog numbers.
    if (/names?$/i.test(noun[0]) && kindOf(word) !== 'model') return null;
    end += noun[0].length;
  } else if (NEEDS_NOUN.test(word)) {
    const next = /^\s+(\S+)/.exec(text.slice(end));
    const bare = BARE_BEFORE_NUMBER.test(word) && next && /\d{3}/.test(next[1]!);
    if (!bare) return null;
  }
  return { kind: kindOf(word), end };
}

/** Every label in a text, in order, with combined labels ("Model/Catalog Number") as one. */
export function findLabels(text: string): Label[] {
  const labels: Label[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const first = labelWord(text, m);
    if (!first) continue;
    const start = m.index;
    const kinds = new Set<IdentifierKind>([first.kind]);
    let end = first.end;
    for (;;) {
      const joiner = JOINER.exec(text.slice(end));
      if (!joiner) break;
      const at = end + joiner[0].length;
      WORD.lastIndex = at;
      const next = WORD.exec(text);
      if (!next || next.index !== at) break;
      const piece = labelWord(text, next);
      if (!piece) break;
      kinds.add(piece.kind);
      end = piece.end;
    }
    WORD.lastIndex = end;
    end += GAP.exec(text.slice(end))![0].length;
    const tail = HEADER_TAIL.exec(text.slice(end));
    // A ")" in the heading closes a bracket the label sat in: "UDI (Serial Number): …" is not a serial list.
    const heading = tail?.[0] ?? '';
    const closes = (heading.match(/\)/g)?.length ?? 0) > (heading.match(/\(/g)?.length ?? 0);
    if (tail && !closes && !/\.\s/.test(heading) && heading.trim().split(/\s+/).length <= 8)
      end += heading.length;
    labels.push({ start, valuesFrom: end, kinds: [...kinds], header: text.slice(start, end) });
  }
  return labels;
}
