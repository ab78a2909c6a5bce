import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../db/client';
import type { Logger } from '../log';
import { eventIndexBacklog, refreshEventSearch } from './search-index';

/**
 * A search indexes a backlog this small itself before it answers (well under a second); a larger
 * one, after a big sync or an interrupted import, is left to the keeper, and the search answers
 * from what is indexed and says how many reports are still to come.
 */
export const indexedOnRequestAtMost = 5_000;

/** Reports per step of the keeper: about a tenth of a second of a server's time on this machine. */
const step = 5_000;

export type EventIndexKeeper = {
  /** Starts bringing the index up to date in the background, unless it is already doing so. */
  catchUp(): void;
  /** Resolves when the index has caught up (or failed to, or was stopped). */
  idle(): Promise<void>;
  /** Stops after the step under way; the index goes on from there next time. */
  stop(): Promise<void>;
};

/**
 * Keeps the MAUDE narrative index up to date inside the server without stalling it: a step at a
 * time, with other requests served between steps.
 */
export function createEventIndexKeeper(db: Db, log: Logger): EventIndexKeeper {
  let running: Promise<void> | null = null;
  let stopped = false;
  return {
    catchUp() {
      if (running || stopped) return;
      running = (async () => {
        try {
          // Each step waits its turn first, so that the caller (a request, the start-up) is not
          // held up by the first one.
          for (;;) {
            await nextTurn();
            if (stopped) break;
            const { pending, missing } = eventIndexBacklog(db);
            if (pending + missing === 0) break;
            refreshEventSearch(db, undefined, { batchSize: step, batches: 1 });
          }
        } catch (error) {
          log.error(`indexing MAUDE narratives failed: ${(error as Error).message}`);
        } finally {
          running = null;
        }
      })();
    },
    idle: () => running ?? Promise.resolve(),
    async stop() {
      stopped = true;
      await running;
    },
  };
}
