import { csvOf } from '../shared/csv';
import type { EventRow } from './queries';
import { plainSnippet } from './snippet';

/**
 * The most reports one download holds. A search for a large maker's whole history can run to
 * hundreds of thousands of reports; past this a spreadsheet is the wrong tool and the server
 * would hold the whole file in memory. A capped file says so in its last line (in the first
 * column, the others empty, so the columns stay whole), because a short file that looks complete
 * would be counted as the whole truth.
 */
export const csvCap = 100_000;

const header = [
  'report key',
  'report number',
  'date received',
  'event type',
  'manufacturer',
  'brand',
  'model',
  'narrative excerpt',
];

/**
 * The reports as CSV; every cell that a spreadsheet would read as a formula is made inert.
 * `behind` stored reports not yet indexed (so not searched) are owned up to in a last line too.
 */
export function eventsCsv(rows: EventRow[], total: number, behind = 0): string {
  const lines: (string | null)[][] = rows.map((r) => [
    r.reportKey,
    r.reportNumber,
    r.dateReceived,
    r.eventType,
    r.manufacturer,
    r.brand,
    r.model,
    plainSnippet(r.snippet).replace(/\s+/g, ' ').trim(),
  ]);
  if (total > rows.length)
    lines.push([
      `Only the first ${rows.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} reports are in this file: narrow the search for the rest.`,
      ...header.slice(1).map(() => ''),
    ]);
  if (behind > 0)
    lines.push([
      `${behind.toLocaleString('en-US')} reports stored lately were still being indexed and are not in this file: download it again in a few minutes.`,
      ...header.slice(1).map(() => ''),
    ]);
  return csvOf([header, ...lines]);
}

/** The name a download gets: what was searched is in its address, the day in its name. */
export const eventsCsvName = (today: string) => `vigil-maude-reports-${today}.csv`;
