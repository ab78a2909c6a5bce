/**
 * The parts of Elasticsearch's analysis the fake needs: the `standard` analyzer for text fields and
 * the `basic_date||date||epoch_millis` date format.
 */

type CharClass = 'letter' | 'digit' | 'extend' | 'midLetter' | 'midNumLet' | 'midNum' | 'other';

// Unicode word-break (UAX #29) classes, reduced to what matters for FDA data.
function classify(ch: string): CharClass {
  const code = ch.charCodeAt(0);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return 'letter';
  if (code >= 48 && code <= 57) return 'digit';
  if (code < 128) {
    if (ch === '_') return 'extend';
    if (ch === '.' || ch === "'") return 'midNumLet';
    if (ch === ':') return 'midLetter';
    if (ch === ',' || ch === ';') return 'midNum';
    return 'other';
  }
  if (/\p{Nd}/u.test(ch)) return 'digit';
  if (/[\p{L}\p{M}]/u.test(ch)) return 'letter';
  if (/\p{Pc}/u.test(ch)) return 'extend';
  if (ch === '\u2019' || ch === '\u2018' || ch === '\uff0e' || ch === '\ufe52') return 'midNumLet';
  if (ch === '\u00b7') return 'midLetter';
  return 'other';
}

function joins(prev: CharClass | undefined, mid: CharClass, next: CharClass | undefined): boolean {
  // WB6/7: letter (MidLetter|MidNumLet) letter; WB11/12: digit (MidNum|MidNumLet) digit.
  if (prev === 'letter' && next === 'letter') return mid === 'midLetter' || mid === 'midNumLet';
  if (prev === 'digit' && next === 'digit') return mid === 'midNum' || mid === 'midNumLet';
  return false;
}

/**
 * Tokens of the `standard` analyzer: lower-cased runs of letters and digits, kept together across an
 * inner `.` `'` (and `,` between digits, `:` between letters) and `_`, so "868.5110" and "3,143" stay
 * whole while "Z-0053-2020" becomes z, 0053, 2020.
 */
export function analyze(text: string): string[] {
  const chars = Array.from(text);
  const classes = chars.map(classify);
  const tokens: string[] = [];
  let current = '';
  let hasWordChar = false;
  const flush = () => {
    if (hasWordChar) tokens.push(current.toLowerCase());
    current = '';
    hasWordChar = false;
  };
  for (let i = 0; i < chars.length; i++) {
    const cls = classes[i]!;
    if (cls === 'letter' || cls === 'digit' || cls === 'extend') {
      current += chars[i];
      if (cls !== 'extend') hasWordChar = true;
    } else if (current && joins(classes[i - 1], cls, classes[i + 1])) {
      current += chars[i];
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

const BASIC_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const DASHED_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function utcDay(year: number, month: number, day: number): number | undefined {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not turn years 0-99 into 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.getTime() : undefined;
}

/** Epoch ms of a stored date value (YYYYMMDD or YYYY-MM-DD), or undefined when it is not one. */
export function parseDate(value: string): number | undefined {
  const m = BASIC_DATE.exec(value) ?? DASHED_DATE.exec(value);
  return m ? utcDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Epoch ms of a date in a query; like the mapping's format, bare other numbers are epoch millis. */
export function parseQueryDate(value: string): number | undefined {
  const date = parseDate(value);
  if (date !== undefined) return date;
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** YYYYMMDD, the key format of openFDA's daily count histogram. */
export function formatBasicDate(ms: number): string {
  const date = new Date(ms);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}${month}${day}`;
}
