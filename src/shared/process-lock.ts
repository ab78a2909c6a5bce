import os from 'node:os';

/**
 * A lock kept in a database row, held by one process at a time across the server and commands
 * in terminals. A process killed while holding it leaves it behind; these say when it may be taken.
 */

export type LockHolder = {
  lockToken: string | null;
  lockHost: string | null;
  lockPid: number | null;
  lockHeartbeatAt: string | null;
};

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the lock is held by a process that has gone: one of this machine whose process no
 * longer exists, or one anywhere that has not shown a sign of life for `staleMs`.
 */
export function holderGone(state: LockHolder, now: Date, staleMs: number): boolean {
  if (!state.lockToken) return false;
  const sameHostDead =
    state.lockHost === os.hostname() && state.lockPid !== null && !processIsAlive(state.lockPid);
  const heartbeat = state.lockHeartbeatAt ? Date.parse(state.lockHeartbeatAt) : 0;
  return sameHostDead || now.getTime() - heartbeat > staleMs;
}

/** The columns that say this process holds the lock. */
export const heldHere = (token: string, now: Date): LockHolder => ({
  lockToken: token,
  lockPid: process.pid,
  lockHost: os.hostname(),
  lockHeartbeatAt: now.toISOString(),
});

export const released: LockHolder = { lockToken: null, lockPid: null, lockHost: null, lockHeartbeatAt: null };
