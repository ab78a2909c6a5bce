/**
 * Keeping patient names out of a 3500A draft. Vigil holds no names, but people type them: into the
 * identifier, or into a narrative. This is a safety net under that rule, not a replacement for it;
 * a name in a form this does not recognise ("the Alvarez family") still gets through, which is why
 * the draft's notes say what was withheld and a person reviews every draft.
 */

// Two or more words of letters only, each of two letters or more: "Jane Doe", "O'Brien, Mary".
// Initials ("J.D.", "JD") and codes with digits ("INC-2026-014") pass.
const looksLikeName = (s: string) => /^[\p{L}'’-]{2,}(?:[ ,]+[\p{L}'’-]{2,})+$/u.test(s.trim());
const ssn = /\b\d{3}-\d{2}-\d{4}\b/g;
// Case-sensitive on purpose, so that only capitalised words after the title or label go; upper-case
// variants are listed because narratives copied from MAUDE are upper case.
const titledName =
  /\b(?:Mr|Mrs|Ms|Miss|Mx|MR|MRS|MS|MISS|MX)\.?\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?/gu;
const labelledName =
  /\b(?:[Pp]atient|[Pp]t|PATIENT|PT)\.?\s*(?:[Nn]ame|NAME)\s*[:=-]?\s*\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu;
const withheld = '[name withheld]';

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A1 as given, or null with the words to blank from the narratives if it looks like a full name
 * or an SSN. The form asks for initials or another identifier, never the name.
 */
export function patientIdentifier(value: string | undefined): {
  identifier: string | null;
  nameWords: string[];
} {
  const identifier = value?.trim() || null;
  if (!identifier || !(looksLikeName(identifier) || new RegExp(ssn.source).test(identifier))) {
    return { identifier, nameWords: [] };
  }
  return { identifier: null, nameWords: identifier.split(/[\s,]+/).filter((w) => w.length >= 2) };
}

/** Blanks names (and the words of a withheld A1 value) from a narrative; counts what it took out. */
export function withholdNames(
  value: string | undefined,
  nameWords: string[],
): { value: string | null; removed: number } {
  let t = value?.trim();
  if (!t) return { value: null, removed: 0 };
  let removed = 0;
  const swap = (re: RegExp, by: string) => {
    t = t!.replace(re, () => {
      removed++;
      return by;
    });
  };
  swap(labelledName, `patient name ${withheld}`);
  swap(titledName, withheld);
  swap(ssn, '[number withheld]');
  for (const word of nameWords)
    swap(new RegExp(`(?<![\\p{L}])${escapeRegExp(word)}(?![\\p{L}])`, 'giu'), withheld);
  return { value: t, removed };
}
