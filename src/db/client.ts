import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../shared/paths';
import { explainDatabaseError } from './health';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (creating if need be) the SQLite file and brings its schema up to date. WAL lets the web
 * server read while a sync writes; the busy timeout lets a CLI run and the server share the file.
 */
export function openDatabase(file: string): Db {
  let sqlite: Database.Database | null = null;
  try {
    const fresh = file === ':memory:' || !fs.existsSync(file);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    sqlite = new Database(file);
    return prepared(sqlite, fresh);
  } catch (error) {
    if (sqlite?.open) sqlite.close();
    throw explainDatabaseError(file, error);
  }
}

function prepared(sqlite: Database.Database, fresh: boolean): Db {
  // Records are 1-5 KB of JSON: 8 KB pages keep most of them off overflow pages. Only a new,
  // empty file can take a page size.
  if (fresh) sqlite.pragma('page_size = 8192');
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  turnOnWal(sqlite);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Checkpoint the WAL every ~16 MB rather than every 4 MB: bulk writes copy each page twice
  // either way, but far fewer checkpoints (each one an fsync) made imports about 20% faster.
  sqlite.pragma('wal_autocheckpoint = 4000');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db);
  return db;
}

const busyTimeoutMs = 10_000;

/**
 * Turns on WAL, which needs the file to itself for a moment. SQLite fails that at once, whatever
 * the busy timeout, when another process is part-way through a write, as when two commands start
 * together on a new file and both turn WAL on: so it is tried again until the timeout has passed.
 */
function turnOnWal(sqlite: Database.Database): void {
  const giveUpAt = Date.now() + busyTimeoutMs;
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'SQLITE_BUSY' || Date.now() > giveUpAt) throw error;
      Atomics.wait(pause, 0, 0, 25);
    }
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Brings the schema up to date as drizzle's migrator does (the same __drizzle_migrations table,
 * so drizzle-kit reads it), but under the write lock: drizzle's reads which migrations are
 * applied before it locks, so two processes starting on a new file both applied them and one
 * failed half-way ("table already exists"). Here the second waits, then finds nothing to do.
 */
function migrate(db: Db): void {
  const migrations = readMigrationFiles({ migrationsFolder });
  const newest = migrations.at(-1)?.folderMillis ?? 0;
  const sqlite = db.$client;
  sqlite.exec(
    'CREATE TABLE IF NOT EXISTS __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)',
  );
  const applied = () =>
    Number(sqlite.prepare('SELECT max(created_at) FROM __drizzle_migrations').pluck().get() ?? 0);
  if (applied() >= newest) return;
  writeTransaction(db, () => {
    const upTo = applied();
    for (const migration of migrations) {
      if (migration.folderMillis <= upTo) continue;
      for (const statement of migration.sql) if (statement.trim()) sqlite.exec(statement);
      sqlite
        .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
        .run(migration.hash, migration.folderMillis);
    }
  });
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}

const preparedStatements = new WeakMap<Db, Map<string, unknown>>();

/**
 * A query run on every request, built and prepared once per database instead of each time:
 * building a query costs more than running it.
 */
export function prepareOnce<T>(db: Db, name: string, build: (db: Db) => T): T {
  let forDb = preparedStatements.get(db);
  if (!forDb) {
    forDb = new Map();
    preparedStatements.set(db, forDb);
  }
  if (!forDb.has(name)) forDb.set(name, build(db));
  return forDb.get(name) as T;
}

/**
 * Runs `work` as one write transaction that takes the write lock as it begins (BEGIN IMMEDIATE).
 * A deferred transaction that reads before it writes cannot wait for another writer: SQLite
 * fails it at once (SQLITE_BUSY_SNAPSHOT) whatever the busy timeout, so two syncs, or a sync
 * beside the server's searches, failed within milliseconds. Taken first, the lock is waited for.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work).immediate();
}
