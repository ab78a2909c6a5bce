import { Hono } from 'hono';
import { FeedTable, HomePage, type HomeView } from '../../views/home';
import { requires } from '../auth/middleware';
import type { Db } from '../db/client';
import type { AppEnv } from '../web/env';
import { feedStatuses, tableCounts } from './queries';

export type StatusDeps = {
  db: Db;
  now: () => Date;
  openFdaUrl: string;
  nextSyncAt: () => Date | null;
};

/** The home page: how current each openFDA feed is, and what is stored. */
export function createStatusRoutes(deps: StatusDeps) {
  const view = (): HomeView => ({
    now: deps.now(),
    feeds: feedStatuses(deps.db),
    counts: tableCounts(deps.db),
    nextSyncAt: deps.nextSyncAt()?.toISOString() ?? null,
    openFdaUrl: deps.openFdaUrl,
  });
  return new Hono<AppEnv>()
    .get('/sync', requires('read'), (c) => c.render(<HomePage view={view()} />, { title: 'Sync' }))
    .get('/sync-status', requires('read'), (c) => c.html(<FeedTable view={view()} />));
}
