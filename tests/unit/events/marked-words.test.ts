import { describe, expect, it } from 'vitest';
import { markEnd, markedPassages, markStart } from '../../../src/events/marked-words';
import { ftsQuery } from '../../../src/shared/fts';

const mark = (word: string) => `${markStart}${word}${markEnd}`;

describe('the passages a narrative search shows', () => {
  it('when words, prefixes and accents are asked, then each report gets its passage with them marked', () => {
    const passages = markedPassages(
      ftsQuery('alarm ')!,
      new Map([
        [7, 'THE PUMP ALARMED TWICE. THE ALARM WAS SILENCED BY THE NURSE.'],
        [9, 'No alarm sounded; the Alarm log was empty.'],
      ]),
    );
    expect(passages.get(7)).toContain(mark('ALARM'));
    expect(passages.get(7)).not.toContain(mark('ALARMED'));
    expect(passages.get(9)).toBe(`No ${mark('alarm')} sounded; the ${mark('Alarm')} log was empty.`);
    expect(markedPassages(ftsQuery('alarm')!, new Map([[1, 'ALARMED AT NIGHT']])).get(1)).toContain(
      mark('ALARMED'),
    );
    expect(markedPassages('cafe', new Map([[1, 'A CAFÉ SPILL']])).get(1)).toContain(mark('CAFÉ'));
  });

  it('when a narrative is long, then the passage is cut around the words; one without them gets none', () => {
    const long = `${'FILLER WORD '.repeat(200)}THE BATTERY SWELLED ${'MORE FILLER '.repeat(200)}`;
    const passages = markedPassages(
      'battery',
      new Map([
        [1, long],
        [2, 'NOTHING TO SEE'],
      ]),
    );
    expect(passages.get(1)!.length).toBeLessThan(300);
    expect(passages.get(1)).toContain(mark('BATTERY'));
    expect(passages.has(2)).toBe(false);
    // Nothing is left behind for the next page's passages.
    expect(markedPassages('swelled', new Map([[3, 'IT SWELLED']])).size).toBe(1);
  });
});
