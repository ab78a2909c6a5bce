import crypto from 'node:crypto';
import { asc, count, eq, isNull, sql } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { type Role, roles, sessions, users } from '../db/schema';
import { Refusal } from '../shared/refusal';
import { hashPassword, passwordProblem } from './passwords';

export type User = { id: number; name: string; role: Role; disabled: boolean };

const publicFields = {
  id: users.id,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
};
const toUser = (r: { id: number; name: string; role: Role; disabledAt: string | null }): User => ({
  id: r.id,
  name: r.name,
  role: r.role,
  disabled: r.disabledAt !== null,
});

export function nameProblem(name: string): string | null {
  if (!/^[\p{L}\p{N}][\p{L}\p{N} .'_@-]{0,63}$/u.test(name))
    return "a user name is 1 to 64 letters, digits, spaces or . ' _ @ -, starting with a letter or digit";
  return null;
}

export const newFeedToken = () => crypto.randomBytes(24).toString('base64url');

export function userCount(db: Db): number {
  return db.select({ n: count() }).from(users).get()!.n;
}

export function findUserByName(db: Db, name: string) {
  return db.select().from(users).where(sql`lower(${users.name}) = lower(${name.trim()})`).get();
}

export function listUsers(db: Db): User[] {
  return db.select(publicFields).from(users).orderBy(asc(users.name)).all().map(toUser);
}

/** The people work can be assigned to. */
export function activeUsers(db: Db): User[] {
  return db
    .select(publicFields)
    .from(users)
    .where(isNull(users.disabledAt))
    .orderBy(asc(users.name))
    .all()
    .map(toUser);
}

export type NewUser = { name: string; password: string; role: Role };

/** Adds an account; `actor` is who added it (the first admin adds itself). */
export function addUser(db: Db, input: NewUser, by: Actor | null, now: Date): Promise<User> {
  return insertUser(db, input, by, now, () => undefined);
}

/** The first-run page was posted once an account exists (perhaps a moment before, by another). */
export class AlreadySetUp extends Refusal {
  constructor() {
    super('Vigil already has an admin. Sign in, or ask an admin for an account');
  }
}

/**
 * Adds the first admin from the first-run page, only while no account exists. The check and the
 * insert are one write transaction: checked before the slow password hashing alone, several
 * first-run forms posted together each found no account and each made an admin.
 */
export function addFirstAdmin(db: Db, input: { name: string; password: string }, now: Date): Promise<User> {
  return insertUser(db, { ...input, role: 'admin' }, null, now, () => {
    if (userCount(db) > 0) throw new AlreadySetUp();
  });
}

async function insertUser(
  db: Db,
  input: NewUser,
  by: Actor | null,
  now: Date,
  /** Throws a Refusal when the account may not be added; run inside the write transaction. */
  allowed: () => void,
): Promise<User> {
  const name = input.name.trim();
  const problem = nameProblem(name) ?? passwordProblem(input.password, name);
  if (problem) throw new Refusal(problem);
  if (!roles.includes(input.role)) throw new Refusal(`a role is one of ${roles.join(', ')}`);
  const taken = () => {
    if (findUserByName(db, name)) throw new Refusal(`there is already a user named ${name}`);
  };
  taken();
  const passwordHash = await hashPassword(input.password);
  return writeTransaction(db, () => {
    // Looked at again under the write lock: another request may have added it while hashing.
    allowed();
    taken();
    const row = db
      .insert(users)
      .values({
        name,
        passwordHash,
        role: input.role,
        feedToken: newFeedToken(),
        createdAt: now.toISOString(),
      })
      .returning(publicFields)
      .get();
    const actor = by ?? { name, userId: row.id };
    audit(db, actor, now, {
      action: 'user.add',
      entity: 'user',
      entityId: String(row.id),
      after: { name, role: input.role },
    });
    return toUser(row);
  });
}

/** Changes a role or disables an account; the last active admin cannot be demoted or disabled. */
export function updateUser(
  db: Db,
  id: number,
  change: { role?: Role; disabled?: boolean },
  by: Actor,
  now: Date,
): User {
  return writeTransaction(db, () => {
    const before = db.select(publicFields).from(users).where(eq(users.id, id)).get();
    if (!before) throw new Refusal('there is no such user', 'missing');
    const role = change.role ?? before.role;
    const disabledAt =
      change.disabled === undefined ? before.disabledAt : change.disabled ? now.toISOString() : null;
    const losesAdmin = before.role === 'admin' && !before.disabledAt && (role !== 'admin' || disabledAt);
    if (losesAdmin) {
      const admins = db
        .select({ n: count() })
        .from(users)
        .where(sql`${users.role} = 'admin' AND ${users.disabledAt} IS NULL`)
        .get()!.n;
      if (admins <= 1) throw new Refusal('Vigil needs at least one active admin: add another first');
    }
    const after = db
      .update(users)
      .set({ role, disabledAt })
      .where(eq(users.id, id))
      .returning(publicFields)
      .get()!;
    // A disabled account is signed out everywhere at once.
    if (disabledAt) db.delete(sessions).where(eq(sessions.userId, id)).run();
    audit(db, by, now, {
      action: 'user.update',
      entity: 'user',
      entityId: String(id),
      before: { role: before.role, disabled: before.disabledAt !== null },
      after: { role: after.role, disabled: after.disabledAt !== null },
    });
    return toUser(after);
  });
}

export function feedTokenOf(db: Db, id: number): string {
  return db.select({ t: users.feedToken }).from(users).where(eq(users.id, id)).get()!.t;
}

export function renewFeedToken(db: Db, id: number, by: Actor, now: Date): string {
  const token = newFeedToken();
  writeTransaction(db, () => {
    db.update(users).set({ feedToken: token }).where(eq(users.id, id)).run();
    audit(db, by, now, {
      action: 'user.feed_token_renewed',
      entity: 'user',
      entityId: String(id),
    });
  });
  return token;
}

/** The user whose feed this token opens, if the account is active. */
export function userByFeedToken(db: Db, token: string): User | null {
  const row = db.select(publicFields).from(users).where(eq(users.feedToken, token)).get();
  return row && !row.disabledAt ? toUser(row) : null;
}
