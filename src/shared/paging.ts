/** The pages to offer links to: the first, the last, and a few around the current one. */
export function pageLinks(current: number, pages: number): (number | 'gap')[] {
  const wanted = new Set([1, pages, current - 2, current - 1, current, current + 1, current + 2]);
  const numbers = [...wanted].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const links: (number | 'gap')[] = [];
  for (const [i, n] of numbers.entries()) {
    if (i > 0 && n - numbers[i - 1]! > 1) links.push('gap');
    links.push(n);
  }
  return links;
}
