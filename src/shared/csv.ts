import { stringify } from 'csv-stringify/sync';

/**
 * Text from the FDA or from people could start a spreadsheet formula; a leading apostrophe keeps
 * it text (OWASP's advice for CSV injection).
 */
export const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The cell as it was before `inert`: an export read back in (the inventory's) changes nothing. */
export const unInert = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

/**
 * Rows as CSV, the first row its header, every cell a spreadsheet would run made inert: the one
 * CSV writer for every export, in the pages and on the command line alike.
 */
export const csvOf = (rows: unknown[][]): string =>
  stringify(rows, { record_delimiter: '\n', cast: { string: inert } });
