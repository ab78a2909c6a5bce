import type { Db } from './client';
import { databaseChecks } from './schema';

/**
 * Whether the database file is sound. SQLite answers queries from a damaged file until a query
 * happens to touch the damage, and a write there can spread it: so the file is checked when
 * Vigil starts and every hour while it runs, and nothing is written to it once damage is found.
 */

/** A quick check reads every page, not every index entry: a second or two per GB. */
const checkEveryMs = 3600_000;

/** The file is damaged; the message names it and says what to do. */
export class DamagedDatabase extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `the database ${file} is damaged (${problems[0]}${problems.length > 1 ? `, and ${problems.length - 1} more problems` : ''}). Nothing more is written to it. Stop Vigil, keep the damaged file aside, and restore ${file} from your last backup (vigil backup); \`vigil check\` lists every problem`,
    );
    this.name = 'DamagedDatabase';
  }
}

/**
 * SQLite's own check: [] when the file is sound, else its problems (at most 20). Damage bad
 * enough that the check itself cannot run is the one problem.
 */
export function databaseProblems(db: Db, kind: 'quick' | 'full'): string[] {
  const pragma = kind === 'quick' ? 'quick_check(20)' : 'integrity_check(20)';
  try {
    const lines = db.$client.pragma(pragma, { simple: false }) as Record<string, string>[];
    return lines.map((line) => Object.values(line)[0] ?? '').filter((text) => text !== 'ok');
  } catch (error) {
    if (isDamage(error)) return [(error as Error).message];
    throw error;
  }
}

/** Notes a check that found the file sound. */
export function noteSound(db: Db, kind: 'quick' | 'full', now: Date): void {
  const row = { id: 1, kind, checkedAt: now.toISOString() };
  db.insert(databaseChecks).values(row).onConflictDoUpdate({ target: databaseChecks.id, set: row }).run();
}

/**
 * Checks the file when an hour has passed since it was last found sound; throws DamagedDatabase
 * when it is not. Commands run every few minutes from cron pay for one check an hour.
 */
export function checkWhenDue(db: Db, now: Date, file: string = db.$client.name): void {
  let last: string | undefined;
  try {
    last = db.select().from(databaseChecks).get()?.checkedAt;
  } catch (error) {
    // The very page holding the last check may be the damaged one.
    if (!isDamage(error)) throw error;
  }
  if (last && now.getTime() - Date.parse(last) < checkEveryMs) return;
  const problems = databaseProblems(db, 'quick');
  if (problems.length > 0) throw new DamagedDatabase(file, problems);
  noteSound(db, 'quick', now);
}

/** Whether SQLite's error says the file is damaged or is not a database at all. */
export function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/**
 * SQLite's answer when the file cannot be opened or written, as a sentence that names the file
 * and says what to do; other errors are returned as they are.
 */
export function explainDatabaseError(file: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (isDamage(error)) return new DamagedDatabase(file, [(error as Error).message]);
  if (code.startsWith('SQLITE_READONLY'))
    return new Error(
      `the database ${file} is read-only for this user: Vigil writes to it and to the ${file}-wal and ${file}-shm files beside it, so give this user write permission on the file and its folder, or set VIGIL_DB to a file it may write`,
    );
  if (code.startsWith('SQLITE_CANTOPEN'))
    return new Error(
      `cannot open the database ${file}: check that its folder exists and that this user may read and write there, or set VIGIL_DB to another place`,
    );
  return error;
}

/** The server's view of the file: sound, or the damage found, remembered until it restarts. */
export type HealthWatch = {
  /** What is wrong, as the sentence to show, or null while the file is sound. */
  damage(): string | null;
  /** Checks when an hour has passed since the last sound check; returns the damage, if any. */
  checkWhenDue(): string | null;
  /** A query met damage on its own: remember it. */
  noteDamage(error: unknown): string;
};

export function watchHealth(db: Db, now: () => Date): HealthWatch {
  let damage: string | null = null;
  const remember = (error: unknown) => {
    damage ??= (
      error instanceof DamagedDatabase
        ? error
        : new DamagedDatabase(db.$client.name, [String((error as Error).message)])
    ).message;
    return damage;
  };
  return {
    damage: () => damage,
    checkWhenDue() {
      if (damage) return damage;
      try {
        checkWhenDue(db, now());
      } catch (error) {
        if (error instanceof DamagedDatabase || isDamage(error)) return remember(error);
        throw error;
      }
      return null;
    },
    noteDamage: remember,
  };
}
