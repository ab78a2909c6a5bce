/**
 * Cuts the records out of an openFDA envelope (`{"meta": …, "results": [ r1, r2, … ]}`) as its
 * bytes stream in, and hands each one over as text.
 *
 * Why not a token-level streaming parser: those build every string and number as a token object
 * and ran at ~30 MB/s here, too slow for a 60 MB recall file in the 3 s an import may take, and
 * they stop dead at the first syntax error. Framing only tracks strings and nesting depth, lets
 * the native JSON.parse (an order of magnitude faster) build each record, keeps memory to one
 * record at a time, and lets a single broken record be reported and skipped while the rest land.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export class EnvelopeError extends Error {}

/** How much of a record over the size limit is kept: enough to find its key and show its start. */
const keptOfOversized = 16 * 1024;

/** A record's text, or, for one over the limit, its beginning and its whole size in bytes. */
export type Framed = { text: string; oversized: number | null };

export class RecordFramer {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Bytes of the string being read at the envelope's top level (a key such as "results"). */
  private topString: number[] | null = null;
  private lastTopString = '';
  private key = '';
  private inResults = false;
  private sawResults = false;
  /** Where the current record started in this chunk (-1: none), and its earlier chunks. */
  private start = -1;
  private pieces: Buffer[] = [];
  private piecesBytes = 0;
  /** The size so far of the current record, kept or not. */
  private recordBytes = 0;
  private bytesSeen = 0;

  /**
   * `maxRecordBytes`: a record larger than this is never held whole (a 300 MB record in a small
   * zip took 6 GB to parse); only its beginning is handed over, marked oversized.
   */
  constructor(private readonly maxRecordBytes = Number.POSITIVE_INFINITY) {}

  /** Feeds the next chunk; `emit` receives each complete record, in order. */
  push(chunk: Buffer, emit: (record: Framed) => void): void {
    const length = chunk.length;
    for (let i = 0; i < length; i++) {
      if (this.inString && !this.topString) {
        i = this.skipString(chunk, i);
        continue;
      }
      const byte = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          if (this.topString) {
            this.lastTopString = Buffer.from(this.topString).toString('utf8');
            this.topString = null;
          }
        } else if (this.topString && this.topString.length < 64) this.topString.push(byte);
        continue;
      }
      if (isSpace(byte)) continue;
      const inRecords = this.inResults && this.depth === 2;
      if (inRecords && this.start < 0 && byte !== COMMA && byte !== CLOSE_ARRAY) this.start = i;
      switch (byte) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1) this.topString = [];
          break;
        case COLON:
          if (this.depth === 1) this.key = this.lastTopString;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (this.depth === 0 && byte !== OPEN_OBJECT) throw this.fail('the file is not a JSON object', i);
          if (this.depth === 1 && byte === OPEN_ARRAY && this.key === 'results') {
            if (this.sawResults) throw this.fail('the file has two "results" lists', i);
            this.inResults = true;
            this.sawResults = true;
          }
          this.depth++;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          if (inRecords && byte === CLOSE_ARRAY) {
            this.finish(chunk, i, emit);
            this.inResults = false;
          }
          this.depth--;
          if (this.depth < 0) throw this.fail('a closing bracket has no opening one', i);
          if (this.inResults && this.depth === 2 && this.start >= 0) this.finish(chunk, i + 1, emit);
          break;
        case COMMA:
          if (inRecords) this.finish(chunk, i, emit);
          else if (this.depth === 1) this.key = '';
          break;
        default:
          if (this.depth === 0) throw this.fail('the file is not a JSON object', i);
      }
    }
    // A record still open at the end of the chunk continues at the start of the next one.
    if (this.start >= 0) {
      this.hold(chunk.subarray(this.start));
      this.start = 0;
    }
    this.bytesSeen += length;
  }

  /**
   * Jumps to the closing quote of the string being read (most of a record's bytes are strings,
   * and indexOf runs natively). Returns its index, or the chunk's last index if the string goes on.
   */
  private skipString(chunk: Buffer, from: number): number {
    let i = from;
    if (this.escaped) {
      this.escaped = false;
      i++;
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE, i);
      const stop = quote < 0 ? chunk.length : quote;
      let backslashes = 0;
      while (stop - backslashes - 1 >= i && chunk[stop - backslashes - 1] === BACKSLASH) backslashes++;
      if (quote < 0) {
        this.escaped = backslashes % 2 === 1;
        return chunk.length - 1;
      }
      if (backslashes % 2 === 0) {
        this.inString = false;
        return quote;
      }
      i = quote + 1;
    }
  }

  /** Checks that the envelope ended properly; a cut-off file is an error, not a silent stop. */
  end(): void {
    if (this.inResults || this.depth !== 0 || this.inString) {
      throw this.fail('the file ends part-way through (truncated download?)');
    }
    if (!this.sawResults) throw this.fail('the file has no "results" list');
  }

  /**
   * Keeps a piece of the record being read: all of it while the record is within the limit, and
   * past the limit only what is still needed of its beginning.
   */
  private hold(piece: Buffer): void {
    this.recordBytes += piece.length;
    if (this.recordBytes <= this.maxRecordBytes) {
      this.pieces.push(piece);
      this.piecesBytes += piece.length;
      return;
    }
    if (this.piecesBytes >= keptOfOversized) return;
    const beginning = Buffer.from(Buffer.concat([...this.pieces, piece]).subarray(0, keptOfOversized));
    this.pieces = [beginning];
    this.piecesBytes = beginning.length;
  }

  private finish(chunk: Buffer, end: number, emit: (record: Framed) => void): void {
    if (this.start < 0 && this.pieces.length === 0) return;
    const tail = chunk.subarray(Math.max(this.start, 0), end);
    const size = this.recordBytes + tail.length;
    const oversized = size > this.maxRecordBytes ? size : null;
    let bytes = this.pieces.length > 0 ? Buffer.concat([...this.pieces, tail]) : tail;
    if (oversized !== null) bytes = bytes.subarray(0, keptOfOversized);
    this.pieces = [];
    this.piecesBytes = 0;
    this.recordBytes = 0;
    this.start = -1;
    const text = bytes.toString('utf8').trim();
    if (text) emit({ text, oversized });
  }

  private fail(reason: string, at = 0): EnvelopeError {
    return new EnvelopeError(`${reason} (at byte ${this.bytesSeen + at})`);
  }
}
