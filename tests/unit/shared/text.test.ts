import { describe, expect, it } from 'vitest';
import { excerpt } from '../../../src/shared/text';

describe('excerpts', () => {
  it('when a narrative is long, then its excerpt ends at a word with an ellipsis', () => {
    expect(excerpt('IT WAS REPORTED THAT THE PUMP ALARMED.')).toBe('IT WAS REPORTED THAT THE PUMP ALARMED.');
    expect(excerpt('THE PUMP ALARMED AND STOPPED DURING USE, AND THEN', 30)).toBe(
      'THE PUMP ALARMED AND STOPPED…',
    );
    expect(excerpt(null)).toBe('');
  });

  it('when a product description is long, then it is cut at a word, its spaces flattened', () => {
    const text =
      'Alaris PC Unit, Model 8015, the point-of-care unit that powers and controls Alaris infusion modules, software versions 9.19 and earlier';
    const short = excerpt(text, 60);
    expect(short).toBe('Alaris PC Unit, Model 8015, the point-of-care unit that…');
    expect(short.length).toBeLessThanOrEqual(61);
    expect(excerpt('  LIFEPAK 20\n Defibrillator ')).toBe('LIFEPAK 20 Defibrillator');
  });

  it('when the text is one long word, then it is cut at the length', () => {
    expect(excerpt('X'.repeat(50), 20)).toBe(`${'X'.repeat(20)}…`);
  });
});
