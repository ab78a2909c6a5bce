import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { SetupPage, SignInPage } from '../../views/auth/auth';
import { UsersPage } from '../../views/auth/users';
import type { Db } from '../db/client';
import { type Role, roles } from '../db/schema';
import { Refusal } from '../shared/refusal';
import type { AppEnv } from '../web/env';
import { choiceField, exactField, textField, validForm } from '../web/forms';
import { asSentence } from '../web/text';
import { createAccountRoutes } from './account-routes';
import { addressOf } from './client-address';
import { resetPassword } from './credentials';
import { type CookieRules, requires, sessionCookie } from './middleware';
import { safeNext } from './next-path';
import { minPasswordLength, verifyNothing, verifyPassword } from './passwords';
import { roleLabels } from './roles';
import { endSession, type SessionRules, startSession } from './sessions';
import { type LoginThrottle, waitText } from './throttle';
import {
  AlreadySetUp,
  addFirstAdmin,
  addUser,
  findUserByName,
  listUsers,
  updateUser,
  userCount,
} from './users';

export type AuthDeps = {
  db: Db;
  now: () => Date;
  session: SessionRules;
  cookies: CookieRules;
  throttle: LoginThrottle;
  /** Proxies whose X-Forwarded-For is believed (VIGIL_TRUST_PROXY); none by default. */
  trustProxy: readonly string[];
  publicUrl: string;
};

const signInForm = z.object({ name: textField(200), password: exactField(), next: textField() });

const setupForm = z
  .object({ name: textField(200), password: exactField(), confirm: exactField() })
  .refine((f) => f.password === f.confirm, 'the two passwords differ');

const newUserForm = z.object({
  name: textField(200),
  password: exactField(),
  role: choiceField(roles, `choose a role: ${roles.join(', ')}`),
});

const resetForm = z.object({ password: exactField() });

/** A change to an account: its role, or disabled/enabled; a field left out is left alone. */
const userChangeForm = z.object({
  role: z.enum(['', ...roles], { message: `a role is one of ${roles.join(', ')}` }).optional(),
  disabled: z.enum(['', 'true', 'false'], { message: 'disabled is true or false' }).optional(),
});

/** Only a path on this site: never send a person off-site after signing in. */

/** Sign-in, sign-out, the first-run page and accounts (admins: add, change, reset a password); one's own account is in account-routes. */
export function createAuthRoutes(deps: AuthDeps) {
  const { db, now } = deps;
  const signIn = (c: Context<AppEnv>, userId: number, next: string) => {
    const token = startSession(db, userId, deps.session, now());
    setCookie(c, sessionCookie, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.cookies.secure,
      path: '/',
      maxAge: deps.session.maxHours * 3600,
    });
    return c.redirect(safeNext(next), 303);
  };
  const actor = (c: Context<AppEnv>) => {
    const user = c.get('user')!;
    return { name: user.name, userId: user.id };
  };
  const setupAgain = (c: Context<AppEnv>, error: string, typed: Record<string, string>) =>
    c.render(
      <SetupPage view={{ csrf: c.get('csrf'), name: typed.name, error, minLength: minPasswordLength }} />,
      { title: 'First run' },
    );
  // The first-run form works only while no account exists: afterwards it is not a way in.
  const alreadySetUp = () => new HTTPException(403, { message: `${new AlreadySetUp().message}.` });
  const firstRunOnly = createMiddleware<AppEnv>(async (_c, next) => {
    if (userCount(db) > 0) throw alreadySetUp();
    await next();
  });
  const roleLabel = roles.map((value) => ({ value, label: roleLabels[value] }));
  /** The users page again with the new-account form as typed and why it was refused. */
  const newUserAgain = (c: Context<AppEnv>, error: string, typed: Record<string, string>) => {
    const role = roles.find((r) => r === typed.role) ?? 'technician';
    const form = { name: typed.name ?? '', role, error };
    return c.render(<UsersPage view={usersView(c, { form })} />, { title: 'Users' });
  };
  /** The users page again with why a password reset was refused, beside that account. */
  const resetAgain = (c: Context<AppEnv>, error: string) => {
    c.status(422);
    const reset = { id: Number(c.req.param('id')), error };
    return c.render(<UsersPage view={usersView(c, { reset })} />, { title: 'Users' });
  };
  const usersView = (
    c: Context<AppEnv>,
    extra: {
      notice?: string;
      form?: { name: string; role: Role; error: string };
      reset?: { id: number; error: string };
    } = {},
  ) => ({
    minLength: minPasswordLength,
    csrf: c.get('csrf'),
    users: listUsers(db),
    roles: roleLabel,
    me: c.get('user')!.id,
    ...extra,
  });

  return new Hono<AppEnv>()
    .get('/login', (c) => {
      if (userCount(db) === 0) return c.redirect('/setup', 303);
      if (c.get('user')) return c.redirect(safeNext(c.req.query('next') ?? '/'), 303);
      return c.render(<SignInPage view={{ csrf: c.get('csrf'), next: c.req.query('next') ?? '/' }} />, {
        title: 'Sign in',
      });
    })
    .post(
      '/login',
      validForm(signInForm, (c, error, typed) =>
        c.render(
          <SignInPage view={{ csrf: c.get('csrf'), next: typed.next || '/', name: typed.name, error }} />,
          {
            title: 'Sign in',
          },
        ),
      ),
      async (c) => {
        const { name, password, next: asked } = c.req.valid('form');
        const next = asked || '/';
        const from = addressOf(c, deps.trustProxy);
        const again = (status: 401 | 429, error: string) => {
          c.status(status);
          return c.render(<SignInPage view={{ csrf: c.get('csrf'), next, name, error }} />, {
            title: 'Sign in',
          });
        };
        // Counted before the password is checked, so guesses sent together cannot all be checked.
        const wait = deps.throttle.attempt(name, from, now());
        if (wait > 0)
          return again(
            429,
            `Too many failed sign-ins for this name or from this computer. Try again in ${waitText(wait)}, or ask an admin.`,
          );
        const user = name ? findUserByName(db, name) : undefined;
        const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyNothing(password);
        if (!user || !ok || user.disabledAt) {
          return again(
            401,
            user?.disabledAt && ok
              ? 'This account is disabled. Ask an admin.'
              : 'That user name and password do not match an account.',
          );
        }
        deps.throttle.succeeded(name, from);
        return signIn(c, user.id, next);
      },
    )
    .post('/logout', (c) => {
      const token = getCookie(c, sessionCookie);
      if (token) endSession(db, token);
      deleteCookie(c, sessionCookie, { path: '/' });
      return c.redirect('/login', 303);
    })
    .get('/setup', (c) => {
      if (userCount(db) > 0) return c.redirect('/login', 303);
      return c.render(<SetupPage view={{ csrf: c.get('csrf'), minLength: minPasswordLength }} />, {
        title: 'First run',
      });
    })
    .post('/setup', firstRunOnly, validForm(setupForm, setupAgain), async (c) => {
      const { name, password } = c.req.valid('form');
      const again = (error: string) => {
        c.status(422);
        return setupAgain(c, error, { name });
      };
      try {
        const user = await addFirstAdmin(db, { name, password }, now());
        return signIn(c, user.id, '/');
      } catch (error) {
        if (error instanceof AlreadySetUp) throw alreadySetUp();
        if (error instanceof Refusal) return again(asSentence(error.message));
        throw error;
      }
    })
    .get('/users', requires('admin'), (c) => c.render(<UsersPage view={usersView(c)} />, { title: 'Users' }))
    .post(
      '/users',
      requires('admin'),
      validForm(newUserForm, (c, error, typed) => newUserAgain(c, error, typed)),
      async (c) => {
        const { name, password, role } = c.req.valid('form');
        try {
          await addUser(db, { name, password, role }, actor(c), now());
          return c.render(<UsersPage view={usersView(c, { notice: `Added ${name} (${role}).` })} />, {
            title: 'Users',
          });
        } catch (error) {
          if (!(error instanceof Refusal)) throw error;
          c.status(422);
          return newUserAgain(c, asSentence(error.message), { name, role });
        }
      },
    )
    .post(
      '/users/:id{[0-9]+}',
      requires('admin'),
      validForm(userChangeForm, (_c, problem) => {
        throw new HTTPException(422, { message: problem });
      }),
      async (c) => {
        const { role, disabled } = c.req.valid('form');
        const change: { role?: Role; disabled?: boolean } = {};
        if (role) change.role = role;
        if (disabled) change.disabled = disabled === 'true';
        try {
          const user = updateUser(db, Number(c.req.param('id')), change, actor(c), now());
          const notice = `${user.name} is now ${user.disabled ? 'disabled' : `an active ${user.role}`}.`;
          return c.render(<UsersPage view={usersView(c, { notice })} />, { title: 'Users' });
        } catch (error) {
          if (error instanceof Refusal) throw new HTTPException(422, { message: `${error.message}.` });
          throw error;
        }
      },
    )
    .post(
      '/users/:id{[0-9]+}/password',
      requires('admin'),
      validForm(resetForm, (c, error) => resetAgain(c, error)),
      async (c) => {
        const { password } = c.req.valid('form');
        try {
          const name = await resetPassword(db, Number(c.req.param('id')), password, actor(c), now());
          const notice = `${name} has a new password and is signed out everywhere. Tell them it in person.`;
          return c.render(<UsersPage view={usersView(c, { notice })} />, { title: 'Users' });
        } catch (error) {
          if (!(error instanceof Refusal) || error.kind === 'missing') throw error;
          return resetAgain(c, asSentence(error.message));
        }
      },
    )
    .route('/', createAccountRoutes(deps));
}
