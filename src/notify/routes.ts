import { Hono } from 'hono';
import { userByFeedToken } from '../auth/users';
import type { Db } from '../db/client';
import type { AppEnv } from '../web/env';
import { recallsAtom } from './feed';
import { latestCases } from './queries';

export type FeedDeps = { db: Db; now: () => Date; publicUrl: string };

/**
 * The Atom feed of matched recalls. A feed reader cannot sign in, so the secret token in the
 * address is the credential: mounted before the session middleware, it neither reads nor sets
 * a cookie.
 */
export function createFeedRoutes(deps: FeedDeps) {
  return new Hono<AppEnv>().get('/feeds/:token/recalls.atom', (c) => {
    const token = c.req.param('token');
    // No page and no reason: a wrong guess learns nothing.
    if (!userByFeedToken(deps.db, token)) return c.text('Not found', 404);
    const xml = recallsAtom({
      publicUrl: deps.publicUrl,
      feedUrl: `${deps.publicUrl}/feeds/${token}/recalls.atom`,
      cases: latestCases(deps.db, 100),
      now: deps.now(),
    });
    c.header('Cache-Control', 'private, no-store');
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });
}
