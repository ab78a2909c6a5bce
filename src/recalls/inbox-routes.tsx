import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { InboxPage } from '../../views/recalls/inbox';
import { InboxResults } from '../../views/recalls/inbox-results';
import { type DueReport, DueReports } from '../../views/shared/reports-due';
import { type GlanceFeed, SyncGlance } from '../../views/shared/sync-glance';
import { requires } from '../auth/middleware';
import { can } from '../auth/roles';
import { facilityDay } from '../shared/clock';
import type { AppEnv } from '../web/env';
import { isHtmx } from '../web/htmx';
import type { PageCache } from '../web/page-cache';
import { baselineWanted } from './baseline';
import { createCaseBulkRoutes } from './bulk-routes';
import { inboxChoices, previousVisit, recordVisit } from './inbox-queries';
import { inboxViewOf } from './inbox-view';
import type { PageDeps } from './pages';

/** What the inbox alone is lent, beside what every recall page reads. */
export type InboxDeps = {
  /** What the inbox shows above the recalls: MDR reports due (incidents) and the feeds (status). */
  mdrDue: (today: string) => DueReport[];
  feeds: () => GlanceFeed[];
  /** The sample inventory (inventory's): whether none is loaded at all, and how many sample devices are. */
  sample: () => { noInventory: boolean; loaded: number };
};

/** The recall inbox (home page) and its form for several cases at once. */
export function createInboxRoutes(
  deps: PageDeps & InboxDeps & { cache: PageCache; afterDecision: () => void },
) {
  const { db, now, cache } = deps;

  // The filter choices change only when matching runs; reading them costs more than the page.
  let cachedChoices: { at: number; value: ReturnType<typeof inboxChoices> } | null = null;
  const choices = () => {
    const at = now().getTime();
    if (!cachedChoices || at - cachedChoices.at > 60_000) cachedChoices = { at, value: inboxChoices(db) };
    return cachedChoices.value;
  };

  const inboxView = (c: Context<AppEnv>, lastVisit: string | null, csrf: string = c.get('csrf')) => {
    const role = c.get('user')!.role;
    const sample = deps.sample();
    return inboxViewOf(deps, (name) => c.req.query(name), lastVisit, choices(), {
      baselineProposal: can(role, 'admin') ? baselineWanted(db) : null,
      offerSample: sample.noInventory && can(role, 'work'),
      sampleLoaded: can(role, 'work') ? sample.loaded : 0,
      canWork: can(role, 'work'),
      csrf,
    });
  };

  return new Hono<AppEnv>()
    .route('/', createCaseBulkRoutes({ db, now, inboxView, afterDecision: () => deps.afterDecision() }))
    .get('/', requires('read'), async (c) => {
      const user = c.get('user')!;
      const swap = isHtmx(c);
      const lastVisit = swap
        ? previousVisit(db, user.id)
        : cache.quietly(() => recordVisit(db, user.id, now()));
      // The same filters, the same last visit and the same day show the same inbox until data changes.
      // The role decides what the first day offers (a baseline to admins, the sample to those who
      // work) and whether the boxes to act on several cases at once are shown.
      const key = `inbox|${swap}|${new URL(c.req.url).search}|${lastVisit}|${facilityDay(now())}|${user.role}`;
      const body = await cache.get(key, c.get('csrf'), (csrf) =>
        swap ? (
          <InboxResults view={inboxView(c, lastVisit, csrf)} />
        ) : (
          <InboxPage view={inboxView(c, lastVisit, csrf)} />
        ),
      );
      if (swap) return c.html(body);
      // Read again when the data changes, and each minute for "synced 3 min ago".
      const minute = Math.floor(now().getTime() / 60_000);
      const glance = await cache.get(`glance|${minute}`, '', () => (
        <SyncGlance feeds={deps.feeds()} now={now()} />
      ));
      // MDR deadlines belong where everyone looks first; an overdue one is an alert at the top.
      const today = facilityDay(now());
      const due = await cache.get(`mdr-due|${today}`, '', () => <DueReports due={deps.mdrDue(today)} />);
      return c.render(
        <>
          <h1>Recall inbox</h1>
          {raw(due)}
          {raw(glance)}
          {raw(body)}
        </>,
        { title: 'Recall inbox' },
      );
    });
}
