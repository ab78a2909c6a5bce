/** What one word of a recall text can be, for the list readers. */

// Dates that sit beside lots ("Lot 90225 Exp 01/2012", "59313\t4/12/2015", "EXP 2013-01-16").
const DATES = [
  /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/,
  /^(?:19|20)\d{2}[/.-](?:0?[1-9]|1[0-2])(?:[/.-]\d{1,2})?$/,
  /^(?:0?[1-9]|1[0-2])\/(?:19|20)\d{2}$/,
  /^\d{1,2}-?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*-?(?:19|20)?\d{2}$/i,
];

// Sizes and quantities written as one word: "6.5mm", "20ga", "14.5F", "10mL", "100%".
const UNIT =
  /^\d+(?:[.,]\d+)?(?:mm|cm|m|ml|cc|l|g|mg|kg|mcg|ug|µg|um|µm|ul|µl|ga|fr|f|in|inch|inches|%|°c?|hz|khz|mhz|psi|atm|bar|lbs?|oz|ft|tests?|pk|pcs?)$/i;

// Submission numbers look like identifiers but name a clearance: "510(k) K081135", "P980016".
const SUBMISSION = /^(?:510k|K\d{6}|P\d{6}|DEN\d{6})$/i;

const EXPIRY = /^(?:exp(?:\.|iry|iration|ires|iring|\.?date)?|use-?by|ubd|mfg|mfd|manufactured|dates?)$/i;

export function isDate(word: string): boolean {
  return DATES.some((d) => d.test(word));
}

/** A word that starts an expiry or manufacturing date, skipped up to the next separator. */
export function isExpiryWord(word: string): boolean {
  return EXPIRY.test(word) || /^exp\.?\d/i.test(word);
}

/** A catalog, part, lot or serial number: has a digit, and is not a date, size or clearance. */
export function isIdentifierWord(word: string): boolean {
  return (
    word.length >= 2 &&
    /\d/.test(word) &&
    /^[A-Za-z0-9](?:[A-Za-z0-9\-_./+*#']*[A-Za-z0-9])?$/.test(word) &&
    !isDate(word) &&
    !UNIT.test(word) &&
    !SUBMISSION.test(word)
  );
}

/** A model written in letters, with at least two capitals: "FSIII", "HF-T", "EPIQ", "uMI". */
export function isCodeWord(word: string): boolean {
  return /^[A-Za-z][A-Za-z\-/+]*$/.test(word) && (word.match(/[A-Z]/g)?.length ?? 0) >= 2;
}

/** A capitalised word that can be part of a model name: "715 Prime", "865 Plus". */
export function isNameWord(word: string): boolean {
  return /^[A-Z][a-z]{2,}\+?$/.test(word);
}

export function isNumber(word: string): boolean {
  return /^\d+$/.test(word);
}

/** The digit/letter pattern of an identifier: "08A00035000" → "99A99999999". */
export function shape(value: string): string {
  return value.replace(/\d/g, '9').replace(/[A-Za-z]/g, 'A');
}
