import { parse } from 'csv-parse/sync';

/** One data row as read, with the physical line it starts on (the header is line 1). */
export type CsvRecord = { line: number; cells: string[] };

export type CsvTable = {
  header: string[];
  records: CsvRecord[];
  delimiter: string;
  /** Why the file could not be read to its end; the records before it are still listed. */
  problem: { line: number; message: string } | null;
};

/**
 * The text of an uploaded or exported file. Excel writes UTF-8 with a BOM, UTF-16 for "Unicode
 * text", and Windows-1252 for plain "CSV": reading those as UTF-8 would garble names, so bytes
 * that are not valid UTF-8 are read as Windows-1252.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The delimiter used most in the header line: European Excel writes ";", "Unicode text" tabs. */
function guessDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ',';
}

/**
 * Reads CSV text with csv-parse. Line endings are made "\n" first, so that the parser's line
 * count stays exact around quoted fields that hold line breaks (it counts CRLF inside quotes
 * twice). A row whose cells are all blank is a blank line, not an asset.
 */
export function readCsv(source: string): CsvTable {
  const text = source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const delimiter = guessDelimiter(text.slice(0, text.indexOf('\n') < 0 ? undefined : text.indexOf('\n')));
  const failures: { code: string; message: string; lines: number }[] = [];
  const parsed = parse(text, {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) failures.push({ code: error.code, message: error.message, lines: Number(error.lines) });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const all = parsed.map(({ record, info }) => {
    const breaks = record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - breaks, end: info.lines, cells: record };
  });
  const [head, ...data] = all.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  let problem: CsvTable['problem'] = null;
  const failure = failures[0];
  if (failure) {
    // After a broken quote the parser cannot tell where rows begin, so nothing after it is trusted.
    const line = all.at(-1)?.end ?? 0;
    problem =
      failure.code === 'CSV_QUOTE_NOT_CLOSED'
        ? {
            line: line + 1,
            message: `a quoted field that starts on or after line ${line + 1} is never closed, so the rest of the file cannot be read; close the quote (or remove it) and import again`,
          }
        : { line: failure.lines, message: `the CSV cannot be read here: ${failure.message}` };
  } else if (!head) {
    problem = { line: 1, message: 'the file is empty: expected a header line and one line per asset' };
  }
  return {
    header: head?.cells ?? [],
    records: data.map(({ line, cells }) => ({ line, cells })),
    delimiter,
    problem,
  };
}
