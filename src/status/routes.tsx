import { type Context, Hono } from 'hono';
import { type FeedsView, FeedTable, type RunView, SyncPage, type SyncView } from '../../views/status/sync';
import { SyncHistory } from '../../views/status/sync-history';
import { audit } from '../audit/log';
import { requires } from '../auth/middleware';
import { can } from '../auth/roles';
import { type Db, writeTransaction } from '../db/client';
import { digestStatus } from '../notify/queries';
import { type FeedName, feedNames, feeds } from '../openfda/feeds';
import { runDuration } from '../shared/duration';
import type { AppEnv } from '../web/env';
import { pollSeconds } from './history';
import { feedStatuses, runsInProgress, type SyncRun, syncHistory, tableCounts } from './queries';

export type StatusDeps = {
  db: Db;
  now: () => Date;
  openFdaUrl: string;
  nextSyncAt: () => Date | null;
  /** Starts a sync of every feed; absent where no scheduler runs. */
  syncNow?: () => void;
  /** Whether the email digest is set up, so the page says how it went. */
  mailEnabled?: boolean;
};

const titleOf = (feed: string) => feeds[feed as FeedName]?.title ?? feed;

/** The sync page: how current each openFDA feed is, a sync on demand with its progress, and the history. */
export function createStatusRoutes(deps: StatusDeps) {
  const { db } = deps;
  const runView = (run: SyncRun, now: Date): RunView => ({
    ...run,
    feed: titleOf(run.feed),
    duration: runDuration(run.startedAt, run.finishedAt, now),
  });
  /** `watching`: a sync was just asked for, or the page saw one running: keep polling often. */
  const feedsView = (watching = false): FeedsView => {
    const now = deps.now();
    const statuses = feedStatuses(db);
    // A run marked running whose feed is not locked was cut off; the history shows it as it is.
    const locked = new Set(statuses.filter((s) => s.running).map((s) => s.feed as string));
    const running = runsInProgress(db)
      .filter((run) => locked.has(run.feed))
      .map((run) => runView(run, now));
    return {
      now,
      feeds: statuses,
      running,
      nextSyncAt: deps.nextSyncAt()?.toISOString() ?? null,
      openFdaUrl: deps.openFdaUrl,
      pollSeconds: pollSeconds(watching || running.length > 0),
    };
  };
  const page = (c: Context<AppEnv>, extra: { watching?: boolean; notice?: SyncView['notice'] } = {}) => {
    const live = feedsView(extra.watching);
    const view: SyncView = {
      ...live,
      counts: tableCounts(db),
      history: syncHistory(db).map((run) => runView(run, live.now)),
      csrf: c.get('csrf'),
      canSync: can(c.get('user')!.role, 'work'),
      syncAvailable: Boolean(deps.syncNow),
      notice: extra.notice ?? null,
      digest: deps.mailEnabled ? digestStatus(db) : null,
    };
    return c.render(<SyncPage view={view} />, { title: 'Sync' });
  };

  return new Hono<AppEnv>()
    .get('/sync', requires('read'), (c) => {
      const requested = c.req.query('requested') === '1';
      return page(c, {
        watching: requested,
        notice: requested
          ? { kind: 'ok', text: 'Sync started. Its progress shows below as each page is saved.' }
          : null,
      });
    })
    .post('/sync', requires('work'), (c) => {
      if (!deps.syncNow) {
        c.status(503);
        return page(c, {
          notice: {
            kind: 'alert',
            text: 'Sync on demand is not available here: this Vigil runs without its scheduler. Run `vigil sync` on the server instead.',
          },
        });
      }
      if (feedStatuses(db).some((f) => f.running)) {
        c.status(409);
        return page(c, {
          watching: true,
          notice: {
            kind: 'alert',
            text: 'A sync is already running: its progress is below. Vigil did not start another.',
          },
        });
      }
      const user = c.get('user')!;
      const now = deps.now();
      writeTransaction(db, () =>
        audit(db, { name: user.name, userId: user.id }, now, {
          action: 'sync.requested',
          entity: 'sync',
          entityId: 'openfda',
          after: { feeds: feedNames },
        }),
      );
      deps.syncNow();
      return c.redirect('/sync?requested=1', 303);
    })
    .get('/sync-status', requires('read'), (c) => {
      const view = feedsView();
      // The page was watching a run that has now ended: its history is out of date.
      if (c.req.query('watching') === '1' && view.running.length === 0)
        c.header('HX-Trigger', 'sync-finished');
      return c.html(<FeedTable view={view} />);
    })
    .get('/sync-history', requires('read'), (c) => {
      const now = deps.now();
      return c.html(<SyncHistory runs={syncHistory(db).map((run) => runView(run, now))} now={now} />);
    });
}
