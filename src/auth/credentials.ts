import { and, eq, ne } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { sessions, users } from '../db/schema';
import { Refusal } from '../shared/refusal';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { tokenHash } from './sessions';

/** The refusal when the current password given to change it is wrong. */
export class WrongPassword extends Refusal {
  constructor() {
    super('your current password is not right: type it again, or ask an admin to reset it');
  }
}

/**
 * Sets a new password for the account `id` under the one password rule, and ends its sessions
 * but the one whose token is `keep`: whoever knew the old password is signed out.
 */
async function setPassword(db: Db, id: number, password: string, by: Actor, now: Date, keep?: string) {
  const user = db.select({ name: users.name }).from(users).where(eq(users.id, id)).get();
  if (!user) throw new Refusal('there is no such user', 'missing');
  const problem = passwordProblem(password, user.name);
  if (problem) throw new Refusal(problem);
  const passwordHash = await hashPassword(password);
  writeTransaction(db, () => {
    db.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
    const others = keep ? and(eq(sessions.userId, id), ne(sessions.tokenHash, tokenHash(keep))) : undefined;
    db.delete(sessions)
      .where(others ?? eq(sessions.userId, id))
      .run();
    audit(db, by, now, {
      action: by.userId === id ? 'user.password_changed' : 'user.password_reset',
      entity: 'user',
      entityId: String(id),
    });
  });
  return user.name;
}

/** A person changes their own password, giving the current one; this session stays signed in. */
export async function changePassword(
  db: Db,
  me: Actor & { userId: number },
  input: { current: string; password: string; sessionToken: string },
  now: Date,
): Promise<void> {
  const row = db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, me.userId)).get();
  if (!row || !(await verifyPassword(row.hash, input.current))) throw new WrongPassword();
  await setPassword(db, me.userId, input.password, me, now, input.sessionToken);
}

/** An admin gives an account a new password (a forgotten one); all its sessions end. */
export function resetPassword(db: Db, id: number, password: string, by: Actor, now: Date): Promise<string> {
  return setPassword(db, id, password, by, now);
}

/** Ends every session of the account: a phone lost, a workstation left signed in. */
export function signOutEverywhere(db: Db, me: Actor & { userId: number }, now: Date): void {
  writeTransaction(db, () => {
    db.delete(sessions).where(eq(sessions.userId, me.userId)).run();
    audit(db, me, now, { action: 'user.signed_out_everywhere', entity: 'user', entityId: String(me.userId) });
  });
}
