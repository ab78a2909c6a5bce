import type { RecallFields } from './profiles';

function validGtin(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(digits[13]);
}

/** UDI device identifiers (GTIN-14 with a valid check digit) printed in a recall's text. */
export function recallUdiDis(recall: RecallFields): string[] {
  const text = [recall.productDescription, recall.codeInfo, recall.moreCodeInfo].filter(Boolean).join(' ');
  const found = new Set<string>();
  for (const m of text.matchAll(
    /(?:\(01\)\s?|\bUDI[-\s]?(?:DI)?:?\s*(?:\(01\))?\s?|\bGTIN:?\s*)(\d{14})\b/gi,
  )) {
    if (validGtin(m[1]!)) found.add(m[1]!);
  }
  return [...found];
}
