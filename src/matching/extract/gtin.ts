/**
 * GS1 check digit (mod 10, weights 3 and 1 from the right) over a GTIN of any length. A UDI-DI is
 * a GTIN-14; recall texts also print 12- and 13-digit GTINs (UPC, EAN) that GUDID stores padded.
 */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{8,14}$/.test(digits)) return false;
  let sum = 0;
  // Walk from the digit just left of the check digit, whose weight is always 3.
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += Number(digits[i]) * weight;
  }
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

/**
 * The 14-digit form of a 12-, 13- or 14-digit GTIN whose check digit holds, or null. Padding with
 * leading zeros does not change the check digit, so the check is the same before and after.
 */
export function gtin14(digits: string): string | null {
  if (!/^\d{12,14}$/.test(digits) || !hasValidCheckDigit(digits)) return null;
  return digits.padStart(14, '0');
}
