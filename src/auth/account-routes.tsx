import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { AccountPage, type AccountView } from '../../views/auth/users';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { exactField, validForm } from '../web/forms';
import { asSentence } from '../web/text';
import { addressOf } from './client-address';
import { changePassword, signOutEverywhere, WrongPassword } from './credentials';
import { requires, sessionCookie } from './middleware';
import { minPasswordLength } from './passwords';
import type { AuthDeps } from './routes';
import { waitText } from './throttle';
import { feedTokenOf, renewFeedToken } from './users';

const passwordForm = z
  .object({ current: exactField(), password: exactField(), confirm: exactField() })
  .refine((f) => f.password === f.confirm, 'the two new passwords differ');

/** One's own account: the feed address, changing the password, signing out everywhere. */
export function createAccountRoutes(deps: AuthDeps) {
  const { db, now } = deps;
  const me = (c: Context<AppEnv>) => {
    const user = c.get('user')!;
    return { name: user.name, userId: user.id };
  };
  const page = (c: Context<AppEnv>, extra: Partial<AccountView> = {}) => {
    const user = c.get('user')!;
    const feedUrl = `${deps.publicUrl}/feeds/${feedTokenOf(db, user.id)}/recalls.atom`;
    const view = {
      csrf: c.get('csrf'),
      name: user.name,
      role: user.role,
      feedUrl,
      minLength: minPasswordLength,
    };
    return c.render(<AccountPage view={{ ...view, ...extra }} />, { title: 'Your account' });
  };
  const passwordAgain = (c: Context<AppEnv>, error: string, status: 422 | 429 = 422) => {
    c.status(status);
    return page(c, { password: { error } });
  };

  return new Hono<AppEnv>()
    .get('/account', requires('read'), (c) => page(c))
    .post('/account/feed-token', requires('read'), (c) => {
      renewFeedToken(db, c.get('user')!.id, me(c), now());
      return page(c, { notice: 'Your feed has a new address; the old one no longer works.' });
    })
    .post(
      '/account/password',
      requires('read'),
      validForm(passwordForm, (c, error) => passwordAgain(c, error)),
      async (c) => {
        const { current, password } = c.req.valid('form');
        const user = me(c);
        // A session left open must not become a way to guess the password at full speed.
        const from = addressOf(c, deps.trustProxy);
        const wait = deps.throttle.attempt(user.name, from, now());
        if (wait > 0)
          return passwordAgain(c, `Too many wrong passwords. Try again in ${waitText(wait)}.`, 429);
        try {
          const sessionToken = getCookie(c, sessionCookie) ?? '';
          await changePassword(db, user, { current, password, sessionToken }, now());
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          // Only a wrong current password counts as a guess.
          if (!(error instanceof WrongPassword)) deps.throttle.succeeded(user.name, from);
          return passwordAgain(c, asSentence(error.message));
        }
        deps.throttle.succeeded(user.name, from);
        return page(c, {
          password: { notice: 'Your password is changed. You are signed out everywhere else.' },
        });
      },
    )
    .post('/account/sign-out-everywhere', requires('read'), (c) => {
      signOutEverywhere(db, me(c), now());
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.redirect('/login', 303);
    });
}
