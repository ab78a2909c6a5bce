/**
 * Recall texts split into the pieces a list of identifiers is made of: words, separators
 * (",", ";", tab, line break), brackets, and the marks that end a list (a sentence's full stop, a
 * blank line, the "***" cfRES puts between label lines, a ":" that starts a new heading).
 */
export type Token =
  | { type: 'word'; text: string; start: number; end: number }
  | { type: 'sep' | 'stop' | 'period' | 'colon' | 'open' | 'close'; start: number };

const PIECE =
  /(\*{2,})|(\n[ \t]*\n)|([,;\t|\n])|([()[\]{}])|([^\s,;()[\]{}|*]+(?:\*[^\s,;()[\]{}|*]+)*)|\*|\s+/g;

/** The tokens of text[from, to). */
export function tokens(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  const slice = text.slice(from, to);
  PIECE.lastIndex = 0;
  for (let m = PIECE.exec(slice); m; m = PIECE.exec(slice)) {
    const at = from + m.index;
    if (m[1] || m[2]) out.push({ type: 'stop', start: at });
    else if (m[3]) out.push({ type: 'sep', start: at });
    else if (m[4]) out.push({ type: '([{'.includes(m[4]) ? 'open' : 'close', start: at });
    else if (m[5]) pushWord(out, m[5], at, slice[m.index + m[5].length]);
  }
  return out;
}

// A word may carry a ":" ("Exp:07/29/2025", "Dates:"), a sentence's full stop, quotes and "#".
function pushWord(out: Token[], raw: string, at: number, after: string | undefined) {
  const parts = raw.split(/(:)/);
  let offset = at;
  parts.forEach((part, i) => {
    const start = offset;
    offset += part.length;
    if (part === ':') {
      out.push({ type: 'colon', start });
      return;
    }
    let text = part;
    let lead = 0;
    const opening = /^["'#\u201c\u2018]+/.exec(text);
    if (opening) {
      lead = opening[0].length;
      text = text.slice(lead);
    }
    const isLast = i === parts.length - 1;
    const stop = isLast && text.endsWith('.') && (after === undefined || /\s/.test(after));
    text = text.replace(/[.'"\u201d\u2019/]+$/, '');
    if (text) out.push({ type: 'word', text, start: start + lead, end: start + lead + text.length });
    if (stop) out.push({ type: 'period', start: offset - 1 });
  });
}
