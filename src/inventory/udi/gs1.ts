import type { UdiResult } from '../udi';
import { yymmdd } from './dates';
import { type AiSpec, aiAt, aiSpec } from './gs1-ais';

const GS = '\x1d';
/** GS1 character set 82: what alphanumeric AI values may hold (no space). */
const cset82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

/** The GS1 mod-10 check digit of the digits before it (GTIN, SSCC, GLN alike). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** A GTIN-8, -12, -13 or -14 whose last digit is its GS1 mod-10 check digit. */
export function isValidGtin(di: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(di)) return false;
  return gs1CheckDigit(di.slice(0, -1)) === Number(di.slice(-1));
}

type Element = { ai: string; value: string };

/** `(01)00844505000772(10)122927`: the parentheses delimit every element. */
function splitBracketed(text: string): Element[] | string {
  const compact = text.replace(/\s+/g, '');
  const elements: Element[] = [];
  const pattern = /\((\d{2,4})\)([^(]*)/y;
  while (pattern.lastIndex < compact.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(compact);
    if (!match) return `cannot read "${compact.slice(at, at + 12)}" as a GS1 element "(AI)value"`;
    elements.push({ ai: match[1]!, value: match[2]! });
  }
  return elements;
}

/**
 * A raw element string as a scanner sends it: AIs without parentheses, variable-length fields
 * ended by FNC1 (ASCII GS). Spaces are read as separators too, since GS1 values never hold one.
 */
function splitRaw(text: string): Element[] | string {
  const s = text.replace(/\s+/g, GS);
  const elements: Element[] = [];
  let at = 0;
  while (at < s.length) {
    if (s[at] === GS) {
      at++;
      continue;
    }
    const spec = aiAt(s, at);
    if (!spec) return `"${s.slice(at, at + 4)}…" is not a GS1 application identifier this parser knows`;
    at += spec.ai.length;
    if (spec.fixed !== undefined) {
      const value = s.slice(at, at + spec.fixed);
      at += spec.fixed;
      elements.push({ ai: spec.ai, value });
    } else {
      const end = s.indexOf(GS, at);
      const stop = end < 0 ? s.length : end;
      elements.push({ ai: spec.ai, value: s.slice(at, stop) });
      at = stop;
    }
  }
  return elements;
}

function checkElement({ ai, value }: Element, spec: AiSpec | null, today: Date): string | null {
  if (value === '') return `(${ai}) has no value`;
  if (!spec) return cset82.test(value) ? null : `(${ai}) holds characters GS1 does not allow`;
  if (spec.fixed !== undefined && value.length !== spec.fixed) {
    return `(${ai}) must have ${spec.fixed} digits, not ${value.length}`;
  }
  if (spec.max !== undefined && value.length > spec.max) {
    return `(${ai}) may have at most ${spec.max} characters, not ${value.length}`;
  }
  if (spec.numeric && !/^\d+$/.test(value)) return `(${ai}) must be digits only, not "${value}"`;
  if (!cset82.test(value)) return `(${ai}) "${value}" holds characters GS1 does not allow`;
  if (spec.date && !yymmdd(value, today)) return `(${ai}) ${value} is not a valid YYMMDD date`;
  return null;
}

/** A GS1 UDI, human-readable `(01)…` or a raw element string (symbology prefix already removed). */
export function parseGs1(text: string, today: Date): UdiResult {
  const bracketed = text.trimStart().startsWith('(');
  const split = bracketed ? splitBracketed(text) : splitRaw(text);
  if (typeof split === 'string') return { ok: false, reason: `GS1: ${split}` };

  const values = new Map<string, string>();
  for (const element of split) {
    const problem = checkElement(element, aiSpec(element.ai), today);
    if (problem) return { ok: false, reason: `GS1: ${problem}` };
    const earlier = values.get(element.ai);
    if (earlier !== undefined && earlier !== element.value) {
      return { ok: false, reason: `GS1: (${element.ai}) appears twice, as ${earlier} and ${element.value}` };
    }
    values.set(element.ai, element.value);
  }

  const gtin = values.get('01');
  if (gtin === undefined) return { ok: false, reason: 'GS1: no device identifier (01)' };
  const expected = gs1CheckDigit(gtin.slice(0, 13));
  if (expected !== Number(gtin[13])) {
    return {
      ok: false,
      reason: `GS1: (01) ${gtin} has check digit ${gtin[13]}, but its first 13 digits give ${expected}`,
    };
  }
  const other: Record<string, string> = {};
  for (const [ai, value] of values) if (!['01', '10', '21', '11', '17'].includes(ai)) other[ai] = value;
  const date = (ai: string) => {
    const value = values.get(ai);
    return value === undefined ? null : yymmdd(value, today);
  };
  return {
    ok: true,
    issuer: 'GS1',
    di: gtin,
    lot: values.get('10') ?? null,
    serial: values.get('21') ?? null,
    expiry: date('17'),
    manufactured: date('11'),
    other,
  };
}
