import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { listUsers, updateUser } from '../../src/auth/users';
import { closeDatabase, type Db, openDatabase } from '../../src/db/client';
import { auditLog } from '../../src/db/schema';
import { projectRoot } from '../support/shared';
import { type CommandResult, captureLog, tempDir } from '../support/vigil';
import { makeUser, testPassword, WebClient, webDefaults } from '../support/web';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) closeDatabase(db);
});

const dbFile = () => path.join(tempDir(), 'vigil.db');

/** The real `vigil` in a child process, with `input` piped to its standard input. */
function vigil(file: string, args: string[], input = ''): Promise<CommandResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './tests/support/deny-network.ts', 'src/cli.ts', ...args],
    { cwd: projectRoot, env: { ...process.env, INIT_CWD: projectRoot, VIGIL_DB: file } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function open(file: string): Db {
  const db = openDatabase(file);
  opened.push(db);
  return db;
}

/** The web app on the database file the command line wrote to. */
function appOn(db: Db) {
  return createApp({ db, log: captureLog().log, now: () => new Date(), ...webDefaults() });
}

describe('vigil user add', () => {
  it('when the password is piped in, then the account is added and can sign in to the web app', async () => {
    const file = dbFile();
    const result = await vigil(
      file,
      ['user', 'add', 'Dana Whitfield', '--role', 'admin'],
      `${testPassword}\n`,
    );
    expect(result).toMatchObject({ code: 0, stdout: 'Added admin Dana Whitfield.\n', stderr: '' });

    const db = open(file);
    const browser = new WebClient(appOn(db));
    const signIn = await browser.signIn('Dana Whitfield');
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/');
    expect((await browser.get('/users')).status).toBe(200);
    const added = db.select().from(auditLog).where(eq(auditLog.action, 'user.add')).all();
    expect(added).toMatchObject([
      { actor: 'Dana Whitfield', after: { name: 'Dana Whitfield', role: 'admin' } },
    ]);
  });

  it('when only the first line is the password, then the rest of the input is ignored', async () => {
    const file = dbFile();
    const result = await vigil(
      file,
      ['user', 'add', 'sam', '--role', 'viewer', '--by', 'Dana'],
      `${testPassword}\r\nnot this\n`,
    );
    expect(result.code).toBe(0);
    const db = open(file);
    const browser = new WebClient(appOn(db));
    expect((await browser.signIn('sam')).status).toBe(303);
    expect((await browser.get('/users')).status).toBe(403);
    expect(db.select({ actor: auditLog.actor }).from(auditLog).all()).toEqual([{ actor: 'Dana' }]);
  });

  it('when the name is taken, then it fails with one line and adds nobody', async () => {
    const file = dbFile();
    await makeUser(open(file), 'dana', 'admin');
    const result = await vigil(file, ['user', 'add', 'DANA', '--role', 'viewer'], `${testPassword}\n`);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('vigil: there is already a user named DANA; no user added\n');
    expect(listUsers(opened[0]!).map((u) => `${u.name} ${u.role}`)).toEqual(['dana admin']);
  });

  it('when the password is short, then it fails saying how long it must be', async () => {
    const file = dbFile();
    const result = await vigil(file, ['user', 'add', 'dana', '--role', 'admin'], 'hunter2\n');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe('vigil: a password needs at least 12 characters; no user added\n');
    expect((await vigil(file, ['user', 'list'])).stdout).toContain('No users yet');
  });

  it('when the password contains the user name, then it fails with the same rule as the pages', async () => {
    const file = dbFile();
    const result = await vigil(file, ['user', 'add', 'Dana', '--role', 'admin'], 'my name is DANA ok\n');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe('vigil: a password must not contain the user name; no user added\n');
    expect((await vigil(file, ['user', 'list'])).stdout).toContain('No users yet');
  });

  it('when no password comes on standard input, then it fails saying how to give one', async () => {
    const result = await vigil(dbFile(), ['user', 'add', 'dana', '--role', 'admin'], '');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('no password on standard input');
  });

  it('when the role is not one of the three, then commander refuses it and lists the choices', async () => {
    const result = await vigil(dbFile(), ['user', 'add', 'dana', '--role', 'boss'], `${testPassword}\n`);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      "option '--role <role>' argument 'boss' is invalid. Allowed choices are admin, technician, viewer.",
    );
  });

  it('when asked for help, then add and list each describe themselves', async () => {
    const add = await vigil(dbFile(), ['user', 'add', '--help']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Usage: vigil user add [options] <name>');
    expect(add.stdout).toMatch(/--role <role>[\s\S]*"admin", "technician", "viewer"/);
    const list = await vigil(dbFile(), ['user', 'list', '--help']);
    expect(list.stdout).toContain('Usage: vigil user list');
  });
});

describe('vigil user list', () => {
  it('when there are accounts, then it lists each with its role and whether it is active', async () => {
    const file = dbFile();
    const db = open(file);
    const admin = await makeUser(db, 'dana', 'admin');
    const leaver = await makeUser(db, 'Sam Okafor', 'technician');
    updateUser(db, leaver.id, { disabled: true }, { name: admin.name, userId: admin.id }, new Date());
    const result = await vigil(file, ['user', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'NAME        ROLE        STATUS',
        'Sam Okafor  technician  disabled',
        'dana        admin       active',
        '',
      ].join('\n'),
    );
  });
});
