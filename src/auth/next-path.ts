/**
 * Where to go after signing in: only a path on this site. It must start with one "/" and hold no
 * backslash and no control character: browsers drop tabs and newlines from a URL, so "/\t/evil"
 * arrives as "//evil", another site; and a newline in the Location header fails the response.
 */
export function safeNext(next: string): string {
  const onThisSite = next.startsWith('/') && !next.startsWith('//');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  const clean = !/[\\\u0000-\u001f\u007f]/.test(next);
  return onThisSite && clean ? next : '/';
}
