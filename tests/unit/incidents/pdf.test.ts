import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { draft3500A } from '../../../src/incidents/medwatch/form3500a';
import type { MedwatchInput } from '../../../src/incidents/medwatch/input';
import { printable, render3500APdf } from '../../../src/incidents/medwatch/pdf';
import { contentStreams, drawnText } from '../../support/pdf-text';

const generatedAt = new Date('2026-03-16T09:30:00Z');

const input: MedwatchInput = {
  event: {
    outcome: 'death',
    deathOn: '2026-03-05',
    occurredOn: '2026-03-04',
    awareOn: '2026-03-05',
    description: 'Pump delivered the full bag of heparin in 20 minutes; no occlusion alarm sounded.',
  },
  patient: { identifier: 'INC-2026-014', age: { value: 71, unit: 'years' }, sex: 'female' },
  device: { brandName: 'Alaris', model: '8100', serial: '12345678', udi: '(01)10885403810016(21)12345678' },
  facility: {
    name: 'St. Example Medical Center',
    reportNumber: '1234567890-2026-0001',
    reportType: 'initial',
  },
};

/** The operators and operands of the content streams, with the text strings taken out. */
const operatorsOnly = (pdf: Uint8Array) => contentStreams(pdf).map((s) => s.replace(/<[0-9A-Fa-f]*>/g, '<>'));

describe('the 3500A draft as a PDF', () => {
  it('when rendered, then it is a PDF with the title, the generated date and the values', async () => {
    const pdf = await render3500APdf(draft3500A(input, generatedAt));
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = drawnText(pdf).join('\n');
    expect(text).toContain('MedWatch FDA 3500A — DRAFT, not for submission as is');
    expect(text).toContain('Generated 2026-03-16');
    for (const value of [
      'INC-2026-014',
      '71 years',
      'Death (05-Mar-2026)',
      '04-Mar-2026',
      'Alaris',
      '12345678',
    ]) {
      expect(text).toContain(value);
    }
    expect(text).toContain('(01)10885403810016(21)12345678');
    expect(text).toContain('1234567890-2026-0001');
    expect(text).toContain('B5  Describe event or problem');
    expect(text).toContain('WHAT THE FDA EXPECTS AND THIS DRAFT DOES NOT YET HAVE');
  });

  it.each([
    ['letter', 612, 792],
    ['a4', 595.28, 841.89],
  ] as const)('when the page size is %s, then the pages are that size', async (pageSize, w, h) => {
    const doc = await PDFDocument.load(await render3500APdf(draft3500A(input, generatedAt), { pageSize }));
    const size = doc.getPage(0).getSize();
    expect(size.width).toBeCloseTo(w, 1);
    expect(size.height).toBeCloseTo(h, 1);
  });

  it('when the narrative is long, then it wraps onto more pages, each numbered "of N", and none of it is lost', async () => {
    const sentences = Array.from(
      { length: 400 },
      (_, i) => `Step ${i + 1}: the technician checked the pump log.`,
    );
    const long = { ...input, event: { ...input.event, description: sentences.join(' ') } };
    const shortPdf = await render3500APdf(draft3500A(input, generatedAt));
    const longPdf = await render3500APdf(draft3500A(long, generatedAt));
    const shortPages = (await PDFDocument.load(shortPdf)).getPageCount();
    const pages = (await PDFDocument.load(longPdf)).getPageCount();
    expect(pages).toBeGreaterThanOrEqual(shortPages + 2);

    const lines = drawnText(longPdf);
    const footers = lines.filter((l) => l.startsWith('DRAFT, not for submission as is.'));
    expect(footers).toHaveLength(pages);
    expect(footers.at(-1)).toContain(`Page ${pages} of ${pages}`);
    const body = lines.join(' ');
    expect(body).toContain('Step 1: the technician');
    expect(body).toContain('Step 400: the technician checked the pump log.');
    const width = 612 - 2 * 54;
    expect(lines.every((l) => l.length < width / 2)).toBe(true); // wrapped: no line runs off the page
  });

  it('when a word is longer than a line, then it is cut across lines, not drawn off the page', async () => {
    const word = 'X'.repeat(2000);
    const pdf = await render3500APdf(draft3500A({ event: { description: word } }, generatedAt));
    const pieces = drawnText(pdf).filter((l) => /^X+$/.test(l));
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(word);
  });
});

describe('hostile text in the PDF', () => {
  const hostile = [
    '<script>alert(1)</script>',
    ') Tj ET BT /F1 99 Tf (owned',
    'endstream endobj trailer << /Root 1 0 R >>',
    'Alarm \u0000\u0007\u001b[31m red \u202e reversed',
    'Patient was calm 🙂 then 💉🩺',
    'Пациент 患者 مريض',
    'Zoë Łódź Ő façade — “quoted” …',
  ];

  it.each(hostile)(
    'when a field holds %j, then it renders and shows as text, not as PDF syntax',
    async (value) => {
      const draft = draft3500A(
        {
          ...input,
          event: { ...input.event, description: value, relevantTests: value },
          device: { brandName: value },
        },
        generatedAt,
      );
      const pdf = await render3500APdf(draft);
      await expect(PDFDocument.load(pdf)).resolves.toBeDefined();

      for (const ops of operatorsOnly(pdf)) {
        expect(ops).not.toMatch(/script|alert|owned|trailer|\(|\)/);
        expect(ops.match(/\bBT\b/g)?.length).toBe(ops.match(/\bET\b/g)?.length);
      }
    },
  );

  it('when text is hostile, then what is drawn is the text itself, made printable', async () => {
    const draft = draft3500A({ event: { description: hostile.join(' | ') } }, generatedAt);
    const body = drawnText(await render3500APdf(draft)).join(' ');
    expect(body).toContain('<script>alert(1)</script>');
    expect(body).toContain(') Tj ET BT /F1 99 Tf (owned');
    expect(body).toContain('Alarm [31m red  reversed');
    expect(body).toContain('Patient was calm ? then ??');
    expect(body).toContain('Zoë Lódz O façade — “quoted” …');
  });
});

describe('printable text for the standard fonts', () => {
  const latin1ish = (cp: number) => cp < 0x100 || [0x2014, 0x201c, 0x201d, 0x2026].includes(cp);
  it.each([
    ['plain ASCII stays', 'Serial 1234-AB', 'Serial 1234-AB'],
    ['letters WinAnsi has keep their accents', 'Zoë façade', 'Zoë façade'],
    ['accents it lacks are dropped, the letter kept', 'Łódź Ő', 'Lódz O'],
    ['an emoji becomes "?"', 'ok 👍', 'ok ?'],
    ['a run of another script becomes at most "???"', 'Пациент', '???'],
    ['control and format characters go, tabs become spaces', 'a\u0000b\u0007c\td\u200be\u202ef', 'abc def'],
    ['line breaks are kept and normalised', 'one\r\ntwo\rthree', 'one\ntwo\nthree'],
  ])('when %s', (_, value, out) => {
    expect(printable(value, latin1ish)).toBe(out);
  });
});
