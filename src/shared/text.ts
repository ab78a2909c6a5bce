/**
 * A text cut to about `length` characters at a word boundary, with an ellipsis: the first words
 * of a narrative in a list, a product description in a table cell.
 */
export function excerpt(text: string | null | undefined, length = 200): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : flat.slice(0, length)).replace(/[\s,;:.]+$/, '')}…`;
}
