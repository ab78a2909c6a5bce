import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listUsers } from '../../src/auth/users';
import { textOf } from '../support/page-text';
import { signedIn, testWebApp, WebClient } from '../support/web';

let web: ReturnType<typeof testWebApp>;
beforeEach(() => {
  web = testWebApp();
});
afterEach(() => web.close());

describe('account forms', () => {
  it('when the first-run passwords differ, then it is refused with the name kept, and no account is made', async () => {
    const person = new WebClient(web.app);
    await person.get('/setup');
    const res = await person.post('/setup', {
      name: 'Ada Admin',
      password: 'a long passphrase 1',
      confirm: 'a long passphrase 2',
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(textOf(page)).toContain('The two passwords differ.');
    expect(page).toContain('value="Ada Admin"');
    expect(listUsers(web.db)).toHaveLength(0);
  });

  it('when the first-run form is sent once an account exists, then it is refused', async () => {
    await signedIn(web.app, web.db, 'admin', 'Ada Admin');
    const other = new WebClient(web.app);
    await other.get('/login');
    const res = await other.post('/setup', {
      name: 'Mallory',
      password: 'a long passphrase 1',
      confirm: 'a long passphrase 1',
    });
    expect(res.status).toBe(403);
    expect(listUsers(web.db).map((u) => u.name)).toEqual(['Ada Admin']);
  });

  it('when a password has spaces around it, then it is kept exactly as typed', async () => {
    const person = new WebClient(web.app);
    await person.get('/setup');
    const password = '  spaced passphrase  ';
    expect((await person.post('/setup', { name: 'Ada Admin', password, confirm: password })).status).toBe(
      303,
    );
    const again = new WebClient(web.app);
    expect((await again.signIn('Ada Admin', password.trim())).status).toBe(401);
    expect((await again.signIn('Ada Admin', password)).status).toBe(303);
  });

  it('when an account is added with no role or a made-up one, then the form says why and keeps the name', async () => {
    const admin = await signedIn(web.app, web.db, 'admin', 'Ada Admin');
    await admin.get('/users');
    for (const role of ['', 'superuser']) {
      const res = await admin.post('/users', { name: 'Pat Tech', password: 'a long passphrase 1', role });
      expect(res.status).toBe(422);
      const page = await res.text();
      expect(textOf(page)).toContain('Choose a role: admin, technician, viewer.');
      expect(page).toContain('value="Pat Tech"');
    }
    expect(listUsers(web.db)).toHaveLength(1);
  });

  it('when an account is changed to a made-up role, then it is refused and the account is unchanged', async () => {
    const admin = await signedIn(web.app, web.db, 'admin', 'Ada Admin');
    await signedIn(web.app, web.db, 'viewer', 'Val Viewer');
    const viewer = listUsers(web.db).find((u) => u.name === 'Val Viewer')!;
    await admin.get('/users');
    const res = await admin.post(`/users/${viewer.id}`, { role: 'superuser' });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('A role is one of admin, technician, viewer.');
    const bad = await admin.post(`/users/${viewer.id}`, { disabled: 'maybe' });
    expect(bad.status).toBe(422);
    expect(listUsers(web.db).find((u) => u.name === 'Val Viewer')).toMatchObject({
      role: 'viewer',
      disabled: false,
    });
    expect((await admin.post(`/users/${viewer.id}`, { role: 'technician' })).status).toBe(200);
    expect(listUsers(web.db).find((u) => u.name === 'Val Viewer')!.role).toBe('technician');
  });
});
