import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserByName } from '../../src/auth/users';
import { textOf } from '../support/page-text';
import { makeUser, signedIn, testPassword, testWebApp, WebClient } from '../support/web';

let web: ReturnType<typeof testWebApp>;
beforeEach(() => {
  web = testWebApp();
});
afterEach(() => web.close());

const newPassword = 'a quite different passphrase';

/** Whether `client` is still signed in. */
const signedInStill = async (client: WebClient) => (await client.request('/account')).status === 200;

describe('the password rule', () => {
  it('when the first-run password contains the name in other letter case, then it is refused and no account is made', async () => {
    const person = new WebClient(web.app);
    const res = await person.submit('/setup', '/setup', {
      name: 'Dana',
      password: 'dana-the-admin-2026',
      confirm: 'dana-the-admin-2026',
    });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('A password must not contain the user name.');
    expect(findUserByName(web.db, 'Dana')).toBeUndefined();
  });

  it('when an admin adds an account whose password contains its name, then the form says why', async () => {
    const admin = await signedIn(web.app, web.db, 'admin');
    const res = await admin.submit('/users', '/users', {
      name: 'Robin Lee',
      password: 'password-for-robin lee',
      role: 'viewer',
    });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('A password must not contain the user name.');
    expect(findUserByName(web.db, 'Robin Lee')).toBeUndefined();
  });
});

describe('changing one’s own password', () => {
  it('when the current password is right and the new one allowed, then it changes and other sessions end', async () => {
    const pat = await signedIn(web.app, web.db, 'viewer', 'pat');
    const elsewhere = new WebClient(web.app);
    await elsewhere.signIn('pat');
    const res = await pat.submit('/account', '/account/password', {
      current: testPassword,
      password: newPassword,
      confirm: newPassword,
    });
    expect(res.status).toBe(200);
    expect(textOf(await res.text())).toContain('Your password is changed.');
    expect(await signedInStill(pat)).toBe(true);
    expect(await signedInStill(elsewhere)).toBe(false);
    expect((await new WebClient(web.app).signIn('pat', newPassword)).status).toBe(303);
    expect((await new WebClient(web.app).signIn('pat', testPassword)).status).toBe(401);
  });

  it('when the current password is wrong, then it is refused and the password is unchanged', async () => {
    const pat = await signedIn(web.app, web.db, 'viewer', 'pat');
    const res = await pat.submit('/account', '/account/password', {
      current: 'not my password at all',
      password: newPassword,
      confirm: newPassword,
    });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('Your current password is not right');
    expect((await new WebClient(web.app).signIn('pat')).status).toBe(303);
  });

  it.each([
    [
      'the new password contains the name',
      { password: 'pat-pat-pat-pat', confirm: 'pat-pat-pat-pat' },
      'must not contain the user name',
    ],
    [
      'the two new passwords differ',
      { password: newPassword, confirm: `${newPassword}!` },
      'The two new passwords differ',
    ],
    ['the new password is sent empty', { password: '', confirm: '' }, 'at least 12 characters'],
  ])('when %s, then it is refused saying why', async (_case, typed, reason) => {
    const pat = await signedIn(web.app, web.db, 'viewer', 'pat');
    const res = await pat.submit('/account', '/account/password', { current: testPassword, ...typed });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain(reason);
    expect((await new WebClient(web.app).signIn('pat')).status).toBe(303);
  });

  it('when the form comes with its fields missing, then it is refused, not an error', async () => {
    const pat = await signedIn(web.app, web.db, 'viewer', 'pat');
    const res = await pat.post('/account/password', {});
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('Your current password is not right');
  });
});

describe('an admin resetting a password', () => {
  it('when an admin sets a new password for someone, then it works and their sessions end', async () => {
    const pat = await signedIn(web.app, web.db, 'technician', 'pat');
    const admin = await signedIn(web.app, web.db, 'admin');
    const id = findUserByName(web.db, 'pat')!.id;
    const res = await admin.submit('/users', `/users/${id}/password`, { password: newPassword });
    expect(res.status).toBe(200);
    expect(textOf(await res.text())).toContain('pat has a new password');
    expect(await signedInStill(pat)).toBe(false);
    expect((await new WebClient(web.app).signIn('pat', newPassword)).status).toBe(303);
  });

  it('when the new password is empty, missing or breaks the rule, then the users page says why', async () => {
    const admin = await signedIn(web.app, web.db, 'admin');
    const id = (await makeUser(web.db, 'pat', 'viewer')).id;
    const tries: Record<string, string>[] = [{ password: '' }, { password: 'pat is my name ok' }];
    for (const typed of tries) {
      const res = await admin.submit('/users', `/users/${id}/password`, typed);
      expect(res.status).toBe(422);
    }
    const missing = await admin.post(`/users/${id}/password`, {});
    expect(missing.status).toBe(422);
    expect(textOf(await missing.text())).toContain('at least 12 characters');
    expect((await new WebClient(web.app).signIn('pat')).status).toBe(303);
  });

  it('when a technician tries to reset a password, then it is refused', async () => {
    const tech = await signedIn(web.app, web.db, 'technician', 'tech');
    const id = (await makeUser(web.db, 'pat', 'viewer')).id;
    const res = await tech.post(`/users/${id}/password`, { password: newPassword });
    expect(res.status).toBe(403);
    expect((await new WebClient(web.app).signIn('pat')).status).toBe(303);
  });
});

describe('signing out everywhere', () => {
  it('when a person signs out everywhere, then every one of their sessions ends and no one else’s', async () => {
    const pat = await signedIn(web.app, web.db, 'viewer', 'pat');
    const elsewhere = new WebClient(web.app);
    await elsewhere.signIn('pat');
    const other = await signedIn(web.app, web.db, 'viewer', 'sam');
    const res = await pat.submit('/account', '/account/sign-out-everywhere');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login');
    expect(await signedInStill(pat)).toBe(false);
    expect(await signedInStill(elsewhere)).toBe(false);
    expect(await signedInStill(other)).toBe(true);
  });
});
