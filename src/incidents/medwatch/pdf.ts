import { PageSizes, PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Draft3500A } from './form3500a';

/**
 * The 3500A draft as a PDF, for review and for the MDR event file; not the FDA's own form. Text
 * goes onto the page only through pdf-lib's `drawText`, which writes it as a hex string in the
 * font's encoding, so nothing a user types can become a PDF operator. The standard fonts
 * (WinAnsi) cannot show every character: `printable` turns the rest into something they can.
 */

export type PdfOptions = { pageSize?: 'letter' | 'a4' };

const margin = 54;
const labelSize = 8.5;
const valueSize = 10;
const lineGap = 3;
const grey = rgb(0.4, 0.4, 0.4);

// Letters whose stroke is not a combining mark, so decomposition does not find their base.
const strokes: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
};

/**
 * Text the font can encode: accents are kept where WinAnsi has the letter and dropped where it
 * does not (ő → o), other unencodable characters (emoji, CJK, Cyrillic) become "?", control
 * characters are removed, tabs become spaces and line breaks are kept as "\n".
 */
export function printable(value: string, canEncode: (codePoint: number) => boolean): string {
  let out = '';
  for (const ch of value.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0xad || /\p{Cf}/u.test(ch)) continue;
    else if (canEncode(cp)) out += ch;
    else {
      const base = (strokes[ch] ?? ch).normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => canEncode(c.codePointAt(0)!)) ? base : '?';
    }
  }
  // A run of "?" from a script we cannot show says no more than one does.
  return out.replace(/\?{4,}/g, '???');
}

/** Renders the draft: title, generated date, every section and field, then what is missing. */
export async function render3500APdf(draft: Draft3500A, options: PdfOptions = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(draft.title);
  doc.setSubject(`${draft.edition} draft generated ${draft.generatedOn}`);
  doc.setCreationDate(new Date(`${draft.generatedOn}T00:00:00Z`));
  doc.setModificationDate(new Date(`${draft.generatedOn}T00:00:00Z`));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const italic = await doc.embedFont(StandardFonts.HelveticaOblique);
  const encodable = new Set(regular.getCharacterSet());
  const clean = (s: string) => printable(s, (cp) => encodable.has(cp));

  const [pageWidth, pageHeight] = options.pageSize === 'a4' ? PageSizes.A4 : PageSizes.Letter;
  const width = pageWidth - 2 * margin;
  let page: PDFPage = doc.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;

  const newPage = () => {
    page = doc.addPage([pageWidth, pageHeight]);
    y = pageHeight - margin;
  };
  const ensure = (height: number) => {
    if (y - height < margin) newPage();
  };
  const write = (value: string, font: PDFFont, size: number, indent = 0, color = rgb(0, 0, 0)) => {
    for (const line of wrap(clean(value), font, size, width - indent)) {
      ensure(size + lineGap);
      y -= size;
      page.drawText(line, { x: margin + indent, y, size, font, color });
      y -= lineGap;
    }
  };

  write(draft.title, bold, 14);
  write(
    `${draft.edition}. Generated ${draft.generatedOn}. Review every field before anything is sent.`,
    regular,
    9,
    0,
    grey,
  );
  for (const note of draft.notes) write(note, italic, 9, 0, grey);
  y -= 6;

  for (const section of draft.sections) {
    ensure(40);
    y -= 8;
    write(`${section.id}. ${section.title.toUpperCase()}`, bold, 11);
    y -= 2;
    for (const field of section.fields) {
      ensure(labelSize + valueSize + 2 * lineGap);
      write(`${field.id}  ${field.label}`, bold, labelSize);
      if (field.value === null) write('(blank)', italic, valueSize, 12, grey);
      else write(field.value, regular, valueSize, 12);
      y -= 3;
    }
  }

  if (draft.missing.length) {
    ensure(40);
    y -= 8;
    write('WHAT THE FDA EXPECTS AND THIS DRAFT DOES NOT YET HAVE', bold, 11);
    for (const m of draft.missing) write(`${m.id}  ${m.label} (${m.rule})`, regular, 9, 12);
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const footer = `DRAFT, not for submission as is. Generated ${draft.generatedOn}. Page ${i + 1} of ${pages.length}`;
    p.drawText(footer, { x: margin, y: margin / 2, size: 8, font: regular, color: grey });
  });
  return doc.save();
}

/** Lines no wider than `maxWidth`, breaking at spaces, and inside a word only if it is too long. */
function wrap(value: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= maxWidth;
  const lines: string[] = [];
  for (const paragraph of value.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      if (fits(word)) {
        line = word;
        continue;
      }
      // A word wider than the line (a long UDI, a URL, a hostile string) is cut where it fills it.
      let piece = '';
      let pieceWidth = 0;
      for (const ch of word) {
        const w = font.widthOfTextAtSize(ch, size);
        if (piece && pieceWidth + w > maxWidth) {
          lines.push(piece);
          piece = '';
          pieceWidth = 0;
        }
        piece += ch;
        pieceWidth += w;
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}
