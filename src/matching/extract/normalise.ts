/**
 * The form in which catalog, model, part, lot and serial numbers are compared: upper case, without
 * the spaces, dashes, dots and slashes that labels, CMMS records and recall texts each write
 * differently ("64 87 800" = "6487800", "TJF-Q180V" = "TJFQ180V", "08H67-01" = "08H6701").
 */
export function normaliseIdentifier(value: string): string {
  return value.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212./\\]+/g, '');
}
