/** A message as the pages show it: "the file is empty" → "The file is empty." */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const asSentence = (s: string) => `${capitalise(s)}${/[.!?]$/.test(s) ? '' : '.'}`;
