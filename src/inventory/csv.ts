import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { unInert } from '../shared/csv';

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
 * text" (some tools without the BOM), and Windows-1252 for plain "CSV" on a US Windows: reading
 * those as UTF-8 would garble names, so bytes that are not valid UTF-8 are read as Windows-1252.
 * That is iconv-lite's, not TextDecoder's: Node's 'windows-1252' decoder is ISO-8859-1, which
 * turns – “ ” ™ € into invisible control characters.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
  }
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: a CSV is mostly ASCII, which UTF-16
 * writes as the character and a zero byte (after it in little-endian, before it in big-endian).
 * Text in a one-byte encoding has no zero bytes at all.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 2) return null;
  let zeroFirst = 0;
  let zeroSecond = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) zeroFirst++;
    if (bytes[2 * i + 1] === 0) zeroSecond++;
  }
  // Most pairs zero on one side and almost none on the other: a few non-ASCII letters are allowed.
  if (zeroSecond > pairs * 0.6 && zeroFirst < pairs * 0.05) return 'utf-16le';
  if (zeroFirst > pairs * 0.6 && zeroSecond < pairs * 0.05) return 'utf-16be';
  return null;
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
 * twice). A row whose cells are all blank is a blank line, not an asset. The apostrophe our own
 * exports put before a would-be formula is taken off.
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
    return { line: info.lines - breaks, end: info.lines, cells: record.map(unInert) };
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
