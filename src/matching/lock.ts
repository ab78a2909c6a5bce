import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { type Db, writeTransaction } from '../db/client';
import { matchState } from '../db/schema';
import type { Logger } from '../log';
import { heldHere, holderGone, type LockHolder, released } from '../shared/process-lock';
import { stateId } from './store';

/**
 * One matching run at a time, across the server and commands in terminals. Two runs at once each
 * replaced suggestions from what it alone had read: a full match while an import matched its new
 * assets deleted their suggestions. A second run waits for the first, then matches what is left.
 */

/** A full match of a large inventory takes well under a minute; a holder silent this long is dead. */
const staleLockMs = 15 * 60_000;
const pollMs = 200;

function tryTake(db: Db, token: string, now: Date): LockHolder | null {
  return writeTransaction(db, () => {
    db.insert(matchState).values({ id: stateId }).onConflictDoNothing().run();
    const state = db.select().from(matchState).where(eq(matchState.id, stateId)).get()!;
    if (state.lockToken && !holderGone(state, now, staleLockMs)) return state;
    db.update(matchState).set(heldHere(token, now)).where(eq(matchState.id, stateId)).run();
    return null;
  });
}

export async function withMatchingLock<T>(
  deps: { db: Db; now: () => Date; log: Logger },
  work: () => Promise<T>,
): Promise<T> {
  const { db, now, log } = deps;
  const token = randomUUID();
  let waiting = false;
  for (;;) {
    const holder = tryTake(db, token, now());
    if (!holder) break;
    if (!waiting)
      log.info(`waiting for the matching run of process ${holder.lockPid} on ${holder.lockHost} to finish`);
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  try {
    return await work();
  } finally {
    db.update(matchState)
      .set(released)
      .where(and(eq(matchState.id, stateId), eq(matchState.lockToken, token)))
      .run();
  }
}
