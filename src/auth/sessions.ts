import crypto from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import { type Db, prepareOnce } from '../db/client';
import { sessions, users } from '../db/schema';
import type { SessionUser } from '../web/env';

export type SessionRules = { idleMinutes: number; maxHours: number };

/** What is stored of a session's token. */
export const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const randomToken = () => crypto.randomBytes(32).toString('base64url');

/** Starts a session and returns the token for the cookie (only its hash is stored). */
export function startSession(db: Db, userId: number, rules: SessionRules, now: Date): string {
  const token = randomToken();
  db.insert(sessions)
    .values({
      tokenHash: tokenHash(token),
      userId,
      csrfToken: randomToken(),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + rules.maxHours * 3600_000).toISOString(),
    })
    .run();
  return token;
}

const sessionQuery = (db: Db) =>
  prepareOnce(db, 'session', () =>
    db
      .select({
        id: users.id,
        name: users.name,
        role: users.role,
        disabledAt: users.disabledAt,
        csrf: sessions.csrfToken,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, sql.placeholder('hash')))
      .prepare(),
  );

/**
 * The signed-in user for a cookie token, or null when the session is unknown, expired, idle too
 * long (a shared workstation left signed in) or its account disabled. Seeing it keeps it alive.
 */
export function readSession(
  db: Db,
  token: string,
  rules: SessionRules,
  now: Date,
  /** Runs the keep-alive write; see web/page-cache.ts. */
  quietly: <T>(write: () => T) => T = (write) => write(),
): SessionUser | null {
  const hash = tokenHash(token);
  const row = sessionQuery(db).get({ hash });
  if (!row) return null;
  const idleSince = now.getTime() - Date.parse(row.lastSeenAt);
  if (
    row.disabledAt ||
    Date.parse(row.expiresAt) <= now.getTime() ||
    idleSince > rules.idleMinutes * 60_000
  ) {
    db.delete(sessions).where(eq(sessions.tokenHash, hash)).run();
    return null;
  }
  // Written at most once a minute: every page view need not be a write.
  if (idleSince > 60_000)
    quietly(() =>
      db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.tokenHash, hash)).run(),
    );
  return { id: row.id, name: row.name, role: row.role, csrf: row.csrf };
}

export function endSession(db: Db, token: string): void {
  db.delete(sessions)
    .where(eq(sessions.tokenHash, tokenHash(token)))
    .run();
}

/** Deletes the sessions past their end; the server does it at start-up and every hour. */
export function purgeExpiredSessions(db: Db, now: Date): void {
  db.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())).run();
}
