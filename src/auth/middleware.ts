import crypto from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { Db } from '../db/client';
import type { AppEnv } from '../web/env';
import { isHtmx } from '../web/htmx';
import { can, type Permission } from './roles';
import { readSession, type SessionRules } from './sessions';

export const sessionCookie = 'vigil_session';
/** Carries the CSRF token of the sign-in and first-run forms, before there is a session. */
const formCookie = 'vigil_form';

export type CookieRules = { secure: boolean };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameToken = (a: string, b: string) =>
  a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Reads the session cookie into `user`, and gives every request a CSRF token: the session's
 * when signed in, else a random one in a short-lived cookie (double submit) for the sign-in form.
 */
export function loadSession(deps: {
  db: Db;
  now: () => Date;
  session: SessionRules;
  cookies: CookieRules;
  quietly?: <T>(write: () => T) => T;
}) {
  const handler: MiddlewareHandler<AppEnv> = async (c, next) => {
    const token = getCookie(c, sessionCookie);
    const user = token ? readSession(deps.db, token, deps.session, deps.now(), deps.quietly) : null;
    c.set('user', user);
    if (user) c.set('csrf', user.csrf);
    else {
      let form = getCookie(c, formCookie);
      if (!form || !/^[\w-]{43}$/.test(form)) {
        form = crypto.randomBytes(32).toString('base64url');
        setCookie(c, formCookie, form, {
          httpOnly: true,
          sameSite: 'Strict',
          secure: deps.cookies.secure,
          path: '/',
          maxAge: 3600,
        });
      }
      c.set('csrf', form);
    }
    await next();
  };
  return handler;
}

/** The sign-in and first-run forms are a few hundred bytes: room to spare, but not for a file. */
const visitorMaxBytes = 64 * 1024;
const visitorLimit = bodyLimit({
  maxSize: visitorMaxBytes,
  onError: () => {
    throw new HTTPException(413, { message: 'That is far more than a sign-in form sends. Sign in first.' });
  },
});

/**
 * What may be sent before anyone knows who is sending it. Before the CSRF check, which reads
 * form bodies: a signed-out client's upload is sent to sign in unread, and any other body it sends
 * is refused past 64 KB as it streams in, so no one can make the server hold megabytes unasked.
 */
export const limitVisitors: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user') || safeMethods.has(c.req.method)) return next();
  if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) return toSignIn(c);
  return visitorLimit(c, next);
};

/** Every upload Vigil takes (an inventory CSV, evidence for a recall or an incident) is work. */
const uploadPermission: Permission = 'work';

const notAllowed = (role: string) =>
  new HTTPException(403, { message: `Your role (${role}) cannot do this. Ask an admin if you need to.` });

/**
 * Every request that changes something must carry the token, as the `_csrf` form field or the
 * X-CSRF-Token header (htmx sends it from the page's hx-headers). A form from another site
 * cannot know it.
 */
export const checkCsrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (safeMethods.has(c.req.method)) return next();
  let sent = c.req.header('x-csrf-token');
  const type = c.req.header('content-type') ?? '';
  // An upload is read in full to find its token, so who may upload is settled first: a viewer
  // must not make the server take in a file it is going to refuse (a signed-out client never gets
  // here: see limitVisitors).
  const user = c.get('user');
  if (type.startsWith('multipart/form-data') && user && !can(user.role, uploadPermission))
    throw notAllowed(user.role);
  if (!sent) {
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      sent = typeof body._csrf === 'string' ? body._csrf : undefined;
    }
  }
  if (!sent || !sameToken(sent, c.get('csrf'))) {
    throw new HTTPException(403, {
      message:
        'This form has expired or did not come from Vigil. Reload the page and try again; nothing was changed.',
    });
  }
  await next();
};

/** Sends the visitor to sign in, coming back here afterwards. */
function toSignIn(c: Context) {
  const back = c.req.method === 'GET' && !isHtmx(c) ? c.req.path + new URL(c.req.url).search : '/';
  const target = `/login?next=${encodeURIComponent(back)}`;
  if (isHtmx(c)) {
    c.header('HX-Redirect', target);
    return c.body(null, 401);
  }
  return c.redirect(target, 303);
}

/** Lets a request through only for a signed-in user whose role grants the permission. */
export function requires(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) return toSignIn(c);
    if (!can(user.role, permission)) throw notAllowed(user.role);
    await next();
  };
}
