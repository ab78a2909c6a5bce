import { fetchHistory, type HistoryDeps } from './history';
import { type HistoryFetchRow, openHistoryFetch } from './history-queries';
import type { Decision, HistoryAsk } from './history-rules';

export type HistoryRequest = { decision: Decision['outcome']; fetch: HistoryFetchRow };

/** What the web app is given to fetch histories in the background. */
export type HistoryStarter = {
  /**
   * Opens a fetch for what was asked and runs it in the background, unless one is running or
   * succeeded lately; either way, says which fetch to watch.
   */
  request(
    ask: HistoryAsk,
    options: { force: boolean; requestedBy: string; onOpen?: (fetch: HistoryFetchRow) => void },
  ): HistoryRequest;
  /** Stops the fetches under way (at their request in flight) and waits for them to close. */
  stop(): Promise<void>;
};

/**
 * Runs history fetches in the background of the server. `deps` is asked for on each fetch, as
 * `ctx.syncDeps()` is: the openFDA client, and so its rate limit, is the one the sync uses.
 */
export function createHistoryStarter(deps: () => HistoryDeps): HistoryStarter {
  const running = new Map<number, { abort: AbortController; done: Promise<unknown> }>();
  return {
    request(ask, options) {
      const d = deps();
      const opened = openHistoryFetch(d.db, ask, d.now(), options);
      if (opened.decision !== 'start') return opened;
      const abort = new AbortController();
      const done = fetchHistory(d, { id: opened.fetch.id, ...ask }, { signal: abort.signal })
        // fetchHistory records its own failures; this is the database itself failing.
        .catch((error: Error) => d.log.error(`history fetch ${opened.fetch.id} failed: ${error.message}`))
        .finally(() => running.delete(opened.fetch.id));
      running.set(opened.fetch.id, { abort, done });
      return opened;
    },
    async stop() {
      const all = [...running.values()];
      for (const { abort } of all) abort.abort(new Error('Vigil is shutting down'));
      await Promise.all(all.map((r) => r.done));
    },
  };
}
