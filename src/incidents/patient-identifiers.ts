/**
 * Keeping patient identifiers inside the record. Vigil holds no names, but people type them: into
 * the identifier, or into a narrative, often pasted from the EHR. This one rule decides what
 * leaves the record page: the 3500A draft, Form 3419, the CSV exports, the investigation report
 * printed for the FDA or the manufacturer, and the email digest all pass their text through it.
 * It is a safety net under the coded identifier, not a replacement for it: a name in a form this
 * does not recognise ("the Alvarez family") still gets through, which is why a person reviews
 * every draft and the draft's notes say what was withheld.
 */

const withheld = '[name withheld]';
const word = String.raw`\p{L}[\p{L}'’-]*`;
const capitalised = String.raw`\p{Lu}[\p{L}'’-]*`;
const month = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
// A date in the shapes people write a birth date: ISO, US or European with / . or -, or in words.
const dateShape = String.raw`(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}\s+${month}\s+\d{4}|${month}\s+\d{1,2},?\s+\d{4})(?!\d)`;
// After a birth-date label, HL7's YYYYMMDD too; alone, eight digits are as likely a record number.
const date = String.raw`(?:${dateShape}|\d{8}(?!\d))`;

// Labelled numbers keep their label, so a reader still sees what kind of thing was there.
const dobLabel = String.raw`\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s?date|born(?:\s+on)?)`;
const dob = new RegExp(String.raw`(${dobLabel})\s*[:=-]?\s*${date}`, 'giu');
const ssnLabel = String.raw`\b(?:SSN|SS#|social\s+security(?:\s+(?:number|no\.?|#))?)`;
const labelledSsn = new RegExp(String.raw`(${ssnLabel})\s*[:#=.-]?\s*\d{3}[-\s]?\d{2}[-\s]?\d{4}\b`, 'giu');
const ssn = /(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)/g;
const mrnLabel = String.raw`\b(?:MRN|MR\s?#|MR\s?No\.?|medical\s+record(?:\s+(?:number|no\.?|#))?)`;
const mrn = new RegExp(String.raw`(${mrnLabel})\s*[:#=.-]?\s*(?:[A-Z]{1,3}-?)?\d[\d-]{2,}\d`, 'giu');
// North American numbers: (217) 555-0143, 217-555-0143, +1 217 555 0143.
const phone = /(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|(?<![\d-])\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])/g;
// HL7 v2 writes a person as FAMILY^GIVEN^MIDDLE (PID-5); the caret is the tell.
const hl7Name = new RegExp(String.raw`(?<![\p{L}\d])${word}(?:\^[\p{L}'’.-]*)+`, 'gu');
// Case-sensitive on purpose, so that only capitalised words after the title go; upper-case variants
// are listed because narratives copied from MAUDE are upper case.
const titledName = new RegExp(
  String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|MR|MRS|MS|MISS|MX)\.?\s+${capitalised}(?:\s+${capitalised})?`,
  'gu',
);
// "Doe, J." — a capitalised word of two letters or more, a comma and one initial. "Baxter, Inc."
// has no lone initial, and "channels A, B." no surname.
const lastCommaInitial = /\b\p{Lu}[\p{L}'’-]+,\s?\p{Lu}\.(?!\p{L})/gu;
// "J. Doe" — one initial not part of an abbreviation ("U.S. Food"), then a capitalised word that is
// not the start of the next sentence ("channel B. The alarm").
const sentenceStart =
  'The|This|That|These|Those|There|Then|Than|Th[ae]y|He|She|It|Its|We|I|A|An|And|But|Or|No|Not|On|In|At|After|Before|When|While|Was|Were|Is|Are|Has|Had|If|So|To|From|With|Per|All';
const initialName = new RegExp(
  String.raw`(?<![\p{L}\d.])\p{Lu}\.\s?(?!(?:${sentenceStart})\b)\p{Lu}\p{Ll}[\p{L}'’-]*`,
  'gu',
);
// "Patient: Jane Doe", "pt name: jane doe", "Name: Maria Alvarez". With "name" in the label any case
// is a name; after a bare "Patient:" only capitalised words are, so "Patient: 71 years" survives.
// A bare "Name:" counts only where a line or phrase starts, so "Device name: Alaris" survives.
const namedLabel = String.raw`\b(?:patient|pt)\.?\s*name|(?<![\p{L}\d][ \t]*)\bname`;
const labelledName = new RegExp(
  String.raw`(?:(${namedLabel})\s*[:=-]\s*(${word}(?:,?\s+${word}){0,3})|\b((?:patient|pt)\.?)\s*[:=]\s*(${capitalised}(?:,?\s+${capitalised}){0,3}))`,
  'giu',
);
// Words that end a name written after a label ("jane doe was admitted").
const notName =
  /^(?:was|were|is|are|had|has|and|or|the|a|an|with|on|in|at|who|to|for|of|from|by|yo|years?|male|female|pump|age|aged|admitted|found|seen|no|not|none|stable|unknown|unharmed|harm|injury|injured|expired|deceased)$/i;

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Cuts the words after a label at the first that is not part of a name, returning both parts. */
function nameAndRest(words: string): [string, string] {
  const parts = words.split(/(,?\s+)/);
  let end = 0;
  while (end < parts.length && !notName.test(parts[end]!)) end += 2;
  const taken = parts.slice(0, Math.max(end - 1, 0)).join('');
  return [taken, words.slice(taken.length)];
}

/** Blanks patient identifiers (and the words of a withheld identifier) from a text; counts them. */
export function withholdNames(
  value: string | null | undefined,
  nameWords: string[],
): { value: string | null; removed: number } {
  let t = value?.trim();
  if (!t) return { value: null, removed: 0 };
  let removed = 0;
  const swap = (re: RegExp, by: string | ((...groups: string[]) => string | null)) => {
    t = t!.replace(re, (...args: string[]) => {
      const replacement = typeof by === 'string' ? by : by(...args);
      if (replacement === null) return args[0]!;
      removed++;
      return replacement;
    });
  };
  // Numbers first, so that their labels are not read as names.
  swap(dob, (_, label) => `${label} [date withheld]`);
  swap(labelledSsn, (_, label) => `${label} [number withheld]`);
  swap(ssn, '[number withheld]');
  swap(mrn, (_, label) => `${label} [number withheld]`);
  swap(phone, '[phone withheld]');
  swap(labelledName, (all, _label, named, _ptLabel, capitalisedWords) => {
    const [name, rest] = nameAndRest(named ?? capitalisedWords ?? '');
    if (!name) return null;
    return `${all.slice(0, all.length - (named ?? capitalisedWords ?? '').length)}${withheld}${rest}`;
  });
  swap(hl7Name, withheld);
  swap(titledName, withheld);
  swap(lastCommaInitial, withheld);
  swap(initialName, withheld);
  for (const w of nameWords) swap(new RegExp(`(?<![\\p{L}])${escapeRegExp(w)}(?![\\p{L}])`, 'giu'), withheld);
  return { value: t, removed };
}

/** What kind of identifying value a patient identifier is, or null for a code. */
export type IdentifierProblem = 'name' | 'medical record number' | 'social security number' | 'date of birth';

/**
 * Whether a value typed as the patient identifier identifies the patient. A code is letters and
 * digits such as PT-2026-0014 or initials (JD, J.D.); a word of three letters or more in lower
 * case, or four or more in capitals, reads as a name; six digits or more in a row as a record number.
 */
export function identifierProblem(value: string | null | undefined): IdentifierProblem | null {
  const v = value?.trim() ?? '';
  if (!v) return null;
  if (new RegExp(`${dobLabel}|(?<!\\d)${dateShape}`, 'iu').test(v)) return 'date of birth';
  if (new RegExp(`${ssnLabel}|(?<!\\d)\\d{3}[-\\s]\\d{2}[-\\s]\\d{4}(?!\\d)`, 'iu').test(v))
    return 'social security number';
  if (new RegExp(`${mrnLabel}|\\d{6,}`, 'iu').test(v)) return 'medical record number';
  const letterRuns = v.match(/\p{L}[\p{L}'’]*/gu) ?? [];
  if (
    /[\p{L}.][\s,^]+\p{L}/u.test(v) ||
    letterRuns.some((r) => r.length >= 4 || (r.length >= 3 && /\p{Ll}/u.test(r)))
  )
    return 'name';
  return null;
}

/** The code Vigil offers for an incident's patient: from the incident's number, nothing else. */
export const suggestedPatientCode = (incidentNumber: string) => `PT-${incidentNumber.replace(/^INC-/, '')}`;

/**
 * A1 as given, or null with the words to blank from the narratives if it identifies the patient.
 * Records from before the identifier was coded may still hold a name.
 */
export function patientIdentifier(value: string | null | undefined): {
  identifier: string | null;
  nameWords: string[];
} {
  const identifier = value?.trim() || null;
  const problem = identifierProblem(identifier);
  if (!identifier || !problem) return { identifier, nameWords: [] };
  return {
    identifier: null,
    nameWords: problem === 'name' ? identifier.split(/[\s,^.]+/).filter((w) => /\p{L}{2,}/u.test(w)) : [],
  };
}

/** A text as it may leave the record: identifiers withheld, and the words of a named identifier. */
export function withheldText(value: string | null | undefined, identifier?: string | null): string | null {
  return withholdNames(value, patientIdentifier(identifier).nameWords).value;
}
