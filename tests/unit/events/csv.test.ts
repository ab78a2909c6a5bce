import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { eventsCsv } from '../../../src/events/csv';
import { markEnd, markStart } from '../../../src/events/marked-words';
import type { EventRow } from '../../../src/events/queries';

const report = (n: number): EventRow => ({
  reportKey: String(n),
  reportNumber: `R-${n}`,
  dateReceived: '2024-01-02',
  eventType: 'Injury',
  manufacturer: 'ACME',
  brand: '=HYPERLINK("x")',
  model: '8000',
  snippet: `THE ${markStart}PUMP${markEnd} STOPPED`,
});

const read = (csv: string) => parse(csv) as string[][];

describe('the CSV of a MAUDE search', () => {
  it('when every report fits, then there is a row per report, excerpts unmarked and formulas inert', () => {
    const rows = read(eventsCsv([report(1), report(2)], 2));
    expect(rows).toHaveLength(3);
    expect(rows[1]![7]).toBe('THE PUMP STOPPED');
    expect(rows[1]![5]).toBe('\'=HYPERLINK("x")');
  });

  it('when the file is cut short or reports are still being indexed, then its last lines say so', () => {
    const rows = read(eventsCsv([report(1)], 3, 1200));
    expect(rows).toHaveLength(4);
    expect(rows[2]![0]).toBe(
      'Only the first 1 of 3 reports are in this file: narrow the search for the rest.',
    );
    expect(rows[3]![0]).toContain('1,200 reports stored lately were still being indexed');
    expect(rows[3]!.slice(1).every((cell) => cell === '')).toBe(true);
  });
});
