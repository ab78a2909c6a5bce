import { describe, expect, it } from 'vitest';
import {
  assetsLine,
  escapeHtml,
  recallTitle,
  shortDescription,
  withoutControlChars,
} from '../../../src/notify/text';

const alaris = {
  productResNumber: 'Z-2101-2024',
  recallClass: 'I' as const,
  firm: 'CareFusion 303, Inc.',
  productDescription:
    'Alaris PC Unit, Model 8015, the point-of-care unit that powers and controls attached infusion modules.',
  reasonForRecall: 'The keypad may register a key press twice.',
  openedAt: '2025-06-01T10:00:00.000Z',
  assets: [{ tag: 'BME-1001', model: '8015' }],
};

describe('recall titles', () => {
  it('when a recall has a class, firm and description, then the title names all three, the description cut at a word', () => {
    expect(recallTitle(alaris)).toBe(
      'Class I · Z-2101-2024 · CareFusion 303, Inc.: Alaris PC Unit, Model 8015, the point-of-care unit that powers and controls…',
    );
  });

  it('when the recall has no class, firm or description, then the title says so instead of leaving gaps', () => {
    expect(recallTitle({ ...alaris, recallClass: null, firm: null, productDescription: null })).toBe(
      'Unclassified · Z-2101-2024 · Unknown firm: no product description',
    );
  });

  it('when a description is short, then it is kept whole, its white space flattened', () => {
    expect(shortDescription('LIFEPAK 20\n  defibrillator/monitor')).toBe('LIFEPAK 20 defibrillator/monitor');
  });
});

describe('matched assets in one line', () => {
  it('when a few assets match, then each tag is listed with its model', () => {
    expect(
      assetsLine([
        { tag: 'BME-1004', model: 'MX450' },
        { tag: 'BME-1005', model: null },
      ]),
    ).toBe('2 assets: BME-1004 (MX450), BME-1005');
  });

  it('when many assets match, then the first ones are named and the rest counted', () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ tag: `BME-${2000 + i}`, model: '8015' }));
    const line = assetsLine(many);
    expect(line).toMatch(/^14 assets, among them BME-2000 \(8015\), .*BME-2009 \(8015\) and 4 more$/);
    expect(line).not.toContain('BME-2010');
  });

  it('when no asset matches any longer, then the line says so', () => {
    expect(assetsLine([])).toBe('no device matches it any longer');
  });
});

describe('escaping FDA text', () => {
  it('when text holds markup, then it comes out as text', () => {
    expect(escapeHtml(`"><img src=x onerror=alert(1)> & <script>'`)).toBe(
      '&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;&#39;',
    );
  });

  it('when text holds control characters XML cannot carry, then they are dropped and line breaks kept', () => {
    expect(withoutControlChars('Model\u000c 8015\u0000\nrev\tB')).toBe('Model 8015\nrev\tB');
  });
});
