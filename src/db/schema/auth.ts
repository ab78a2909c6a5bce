import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { roles } from '../../shared/vocabulary';

/** Local accounts. Passwords are argon2id hashes; nothing else about a password is kept. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** What a person signs in with, kept as typed; compared without regard to case. */
  name: text('name').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: roles }).notNull(),
  /** A disabled account keeps its history (audit rows, closed recalls) but cannot sign in. */
  disabledAt: text('disabled_at'),
  /** The secret in the user's Atom feed URL; a new one revokes the old. */
  feedToken: text('feed_token').notNull().unique(),
  /** When the inbox was last opened, and the visit before, for "new since your last visit". */
  lastVisitAt: text('last_visit_at'),
  previousVisitAt: text('previous_visit_at'),
  createdAt: text('created_at').notNull(),
});

/**
 * Signed-in sessions. The cookie holds a random token; only its SHA-256 is stored, so a copy of
 * the database does not sign anyone in.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The synchronizer token every form and htmx request must send back. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId), index('sessions_expires').on(t.expiresAt)],
);

/** Every change to data: who, when, what, and the row before and after. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** The user's name at the time (the CLI records the name given with --by). */
    actor: text('actor').notNull(),
    userId: integer('user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId, t.at), index('audit_at').on(t.at)],
);
