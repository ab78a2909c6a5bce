import { describe, expect, it } from 'vitest';
import { stylesheet } from '../../../views/shared/styles';

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

/** The rule that draws the focus ring, and the colour it resolves to. */
function focusRule() {
  const rule = /([^{}]*:focus-visible[^{}]*)\{([^}]*)\}/.exec(stylesheet);
  if (!rule) throw new Error('no :focus-visible rule');
  const [, selector, body] = rule;
  let color = /outline:\s*\d+px solid ([^;]+);/.exec(body!)?.[1]?.trim() ?? '';
  const variable = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  if (variable) color = new RegExp(`${variable}:\\s*(#[0-9a-fA-F]{6})`).exec(stylesheet)?.[1] ?? '';
  return { selector: selector!, color };
}

describe('the focus outline', () => {
  it('when any focusable element has the keyboard, then its outline stands 3:1 against every background a page uses (WCAG 1.4.11)', () => {
    const { selector, color } = focusRule();
    for (const focusable of ['a', 'button', 'input', 'select', 'textarea', 'summary', '[tabindex]'])
      expect(selector).toContain(focusable);
    expect(color).toMatch(/^#[0-9a-fA-F]{6}$/);
    // The page, table headings, new rows, warnings, errors and notices: the outline sits on each (it is offset from the element).
    for (const background of ['#ffffff', '#f6f8fa', '#f1f8ff', '#fff8c5', '#ffebe9', '#dafbe1'])
      expect(contrast(color, background), `${color} on ${background}`).toBeGreaterThanOrEqual(3);
    // Nothing takes the outline away again.
    expect(stylesheet).not.toMatch(/outline:\s*(none|0)\b/);
  });
});
