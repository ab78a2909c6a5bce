import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';

/**
 * Requests are answered only for the host people are told to use (VIGIL_PUBLIC_URL) and for
 * this machine's own names. A page on another site can make a browser send requests to a name it
 * controls that resolves to this server (DNS rebinding): that name arrives in Host, and is
 * refused, so such a page never reaches a first-run form or a signed-in page. /healthz answers
 * any name: monitors address servers every way, and it says nothing private.
 */
export function acceptOnlyOurHost(publicUrl: string) {
  const ours = new URL(publicUrl).host.toLowerCase();
  return createMiddleware<AppEnv>(async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
    if (host === ours || isThisMachine(host) || c.req.path === '/healthz') return next();
    return c.text(
      `This Vigil answers at ${publicUrl}, not at ${host}. If people reach it at ${host}, set VIGIL_PUBLIC_URL to that address (for example http://${host}) and restart Vigil.`,
      421,
    );
  });
}

function isThisMachine(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]';
}

/**
 * What a signed-in person is shown is never kept by the browser: on a shared workstation, Back
 * after signing out would show the incident page again from the cache. A response that sets its
 * own caching (static files, feeds) keeps it.
 */
export const noStoreWhenSignedIn = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.get('user') && !c.res.headers.has('cache-control'))
    c.res.headers.set('cache-control', 'private, no-store');
});
