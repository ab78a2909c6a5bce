import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The same address however the socket spells it (an IPv4 client of an IPv6 socket is ::ffff:a.b.c.d). */
const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/**
 * Who sent a request, for the sign-in throttle. Without trusted proxies, the socket's address:
 * X-Forwarded-For is whatever the client wrote. Behind proxies listed in VIGIL_TRUST_PROXY, the
 * rightmost hop of X-Forwarded-For that is not one of them: each proxy appends the address it saw,
 * so hops to the left of the first untrusted one may be made up by the client.
 */
export function clientAddress(socket: string, forwardedFor: string | undefined, trusted: readonly string[]) {
  const from = plain(socket);
  const isTrusted = (address: string) => trusted.some((t) => plain(t) === plain(address));
  if (!forwardedFor || !isTrusted(from)) return from;
  const hops = forwardedFor
    .split(',')
    .map(plain)
    .filter((hop) => isIP(hop) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(hops[i]!)) return hops[i]!;
  return hops[0] ?? from;
}

/** The client's address of a request to the running server ("unknown" in app.request() tests). */
export function addressOf(c: Context, trustProxy: readonly string[]): string {
  let socket = 'unknown';
  try {
    socket = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket: a request made in-process.
  }
  return clientAddress(socket, c.req.header('x-forwarded-for'), trustProxy);
}
