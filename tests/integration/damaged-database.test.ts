import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { fixtureData, projectRoot } from '../support/shared';
import { captureLog, runVigil, tempDir } from '../support/vigil';
import { webDefaults } from '../support/web';

/**
 * A damaged database file must stop Vigil, loudly: nothing more written to it, and every way in
 * (commands, the server, /healthz) saying what is wrong and how to restore.
 */

const recallFixture = path.join(fixtureData, 'device-recall.fixture.json');
const inventoryFixture = path.join(fixtureData, '..', 'matching', 'inventory.csv');

/** A database with recalls in it, closed, as a server or command leaves it. */
async function storedDatabase() {
  const file = path.join(tempDir(), 'vigil.db');
  const result = await runVigil(['import', recallFixture], { VIGIL_DB: file });
  expect(result.code).toBe(0);
  return file;
}

/**
 * Overwrites 16 bytes of the recalls table's first page, as a failing disk might, and forgets the
 * last check, as an hour passing would.
 */
function damage(file: string, { forgetCheck = true } = {}) {
  const db = new Database(file);
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'recalls'").get() as {
    rootpage: number;
  };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  if (forgetCheck) db.exec('DELETE FROM database_checks');
  db.close();
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, (rootpage - 1) * pageSize);
  fs.closeSync(fd);
}

const count = (file: string, table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('a damaged database', () => {
  it('when the file is damaged, then commands refuse in one line naming it and saying how to restore, and write nothing', async () => {
    const file = await storedDatabase();
    damage(file);
    for (const args of [['status'], ['inventory', 'import', inventoryFixture]]) {
      const result = await runVigil(args, { VIGIL_DB: file });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^vigil: the database ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(.+\\)\\. Nothing more is written to it\\. Stop Vigil, keep the damaged file aside, and restore .+ from your last backup \\(vigil backup\\); \`vigil check\` lists every problem\\n$`,
        ),
      );
    }
    const db = new Database(file, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM assets').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('when a command meets the damage before the hourly check does, then it says the same and how to restore', async () => {
    const file = await storedDatabase();
    damage(file, { forgetCheck: false });
    // Importing the file again reads each stored recall: the damaged page among them.
    const result = await runVigil(['import', recallFixture], { VIGIL_DB: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `vigil: the database ${file} is damaged (database disk image is malformed)`,
    );
    expect(result.stderr).toContain('from your last backup (vigil backup)');
  });

  it('when vigil check runs, then it lists the problems of a damaged file and exits 1, and passes a sound one', async () => {
    const file = await storedDatabase();
    const sound = await runVigil(['check'], { VIGIL_DB: file });
    expect(sound.code).toBe(0);
    expect(sound.stdout).toMatch(/: no damage found \(\d+\.\d MB\)\n$/);
    damage(file);
    const damaged = await runVigil(['check'], { VIGIL_DB: file });
    expect(damaged.code).toBe(1);
    expect(damaged.stdout.trim().split('\n').length).toBeGreaterThan(0);
    expect(damaged.stderr).toContain('is damaged');
  });

  it('when the server starts on a damaged file, then it refuses to start, saying why', async () => {
    const file = await storedDatabase();
    damage(file);
    // It stops before it would listen on the port.
    const result = await runVigil(['serve'], { VIGIL_DB: file, PORT: '48999' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`the database ${file} is damaged`);
  });

  it('when /healthz finds the file damaged, then it answers 503 with the problem, and every page says so instead of reading the file', async () => {
    const file = await storedDatabase();
    damage(file);
    const db = openDatabase(file);
    try {
      const app = createApp({ db, log: captureLog().log, now: () => new Date(), ...webDefaults() });
      const health = await app.request('/healthz');
      expect(health.status).toBe(503);
      const body = (await health.json()) as { ok: boolean; problem: string };
      expect(body.ok).toBe(false);
      expect(body.problem).toContain(`the database ${file} is damaged`);
      for (const [method, pathname] of [
        ['GET', '/'],
        ['GET', '/login'],
        ['POST', '/login'],
      ] as const) {
        const res = await app.request(pathname, { method });
        expect(res.status, `${method} ${pathname}`).toBe(503);
        const html = await res.text();
        expect(html).toContain('The database is damaged');
        expect(html).toContain('restore');
      }
    } finally {
      closeDatabase(db);
    }
  });

  it('when a sound file is checked by /healthz, then it is ok, and checked again only an hour later', async () => {
    const file = await storedDatabase();
    const db = openDatabase(file);
    // Two hours after the import that made the file (and found it sound).
    let clock = Math.ceil(Date.now() / 3600_000) * 3600_000 + 2 * 3600_000;
    const at = (ms: number) => new Date(ms).toISOString();
    const first = clock;
    try {
      const app = createApp({ db, log: captureLog().log, now: () => new Date(clock), ...webDefaults() });
      expect(await (await app.request('/healthz')).json()).toEqual({ ok: true });
      const checkedAt = () => db.$client.prepare('SELECT checked_at FROM database_checks').pluck().get();
      expect(checkedAt()).toBe(at(first));
      clock += 30 * 60_000;
      await app.request('/healthz');
      expect(checkedAt()).toBe(at(first));
      clock += 31 * 60_000;
      await app.request('/healthz');
      expect(checkedAt()).toBe(at(first + 61 * 60_000));
    } finally {
      closeDatabase(db);
    }
  });
});

describe('a database this user may not write', () => {
  it('when the file is read-only, then a command names it and says what permission to give', async () => {
    const file = await storedDatabase();
    fs.chmodSync(file, 0o444);
    fs.chmodSync(path.dirname(file), 0o555);
    try {
      // The superuser may write anything: the command runs as nobody there.
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--import', './tests/support/deny-network.ts', 'src/cli.ts', 'status'],
        { cwd: projectRoot, env: { ...process.env, VIGIL_DB: file }, encoding: 'utf8', ...asNobody },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `vigil: the database ${file} is read-only for this user: Vigil writes to it and to the ${file}-wal and ${file}-shm files beside it, so give this user write permission on the file and its folder, or set VIGIL_DB to a file it may write\n`,
      );
    } finally {
      fs.chmodSync(path.dirname(file), 0o755);
      fs.chmodSync(file, 0o644);
    }
  });
});

describe('a backup', () => {
  it('when vigil backup runs, then the copy holds every record and passes its check, and a stopped copy never replaces it', async () => {
    const file = await storedDatabase();
    const target = path.join(tempDir(), 'backup.db');
    const result = await runVigil(['backup', target], { VIGIL_DB: file });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/backup\.db: a checked copy of .+vigil\.db \(\d+\.\d MB\)\n$/);
    expect(count(target, 'recalls')).toBe(count(file, 'recalls'));
    expect(fs.existsSync(`${target}.partial`)).toBe(false);
  });

  it('when the database is damaged, then no backup is made over a good one', async () => {
    const file = await storedDatabase();
    const target = path.join(tempDir(), 'backup.db');
    expect((await runVigil(['backup', target], { VIGIL_DB: file })).code).toBe(0);
    const before = fs.readFileSync(target);
    damage(file);
    const result = await runVigil(['backup', target], { VIGIL_DB: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is damaged');
    expect(fs.readFileSync(target).equals(before)).toBe(true);
  });
});
