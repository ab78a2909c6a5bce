import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { EventReportPage } from '../../views/events/event-report';
import { EventResultsSection } from '../../views/events/event-results';
import { EventsPage } from '../../views/events/events';
import { requires } from '../auth/middleware';
import { can } from '../auth/roles';
import type { Db } from '../db/client';
import { facilityDay } from '../shared/clock';
import type { AppEnv } from '../web/env';
import { isSwap } from '../web/htmx';
import { csvCap, eventsCsv, eventsCsvName } from './csv';
import { hasAnyFilter, readEventFilters } from './filters';
import type { EventIndexKeeper } from './index-keeper';
import { createManufacturerNames } from './manufacturers';
import { eventsView } from './page';
import { searchEvents } from './queries';
import { findEventReport } from './report';

export type EventRouteDeps = { db: Db; now?: () => Date; eventIndex: EventIndexKeeper };

/** MAUDE: the search page, its CSV, and one report's page. */
export function createEventRoutes(deps: EventRouteDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  // One per app: the list of manufacturer names is costly to build and is kept until MAUDE changes.
  const names = createManufacturerNames(db);
  return new Hono<AppEnv>()
    .get('/events', requires('read'), (c) => {
      const view = eventsView(
        db,
        names,
        c.req.query(),
        { canWork: can(c.get('user')!.role, 'work'), csrf: c.get('csrf') },
        facilityDay(now()),
      );
      if (view.result?.behind) deps.eventIndex.catchUp();
      if (view.problems.length) c.status(422);
      // The same address answers a page or, to htmx, the results alone; caches must keep both apart.
      c.header('Vary', 'HX-Request, HX-Target');
      if (isSwap(c, 'event-results'))
        return c.html(<EventResultsSection problems={view.problems} result={view.result} />);
      return c.render(<EventsPage view={view} />, { title: 'MAUDE' });
    })
    .get('/events.csv', requires('read'), (c) => {
      const read = readEventFilters(c.req.query());
      if (!read.ok)
        throw new HTTPException(422, { message: `The search needs a change: ${read.problems.join('; ')}.` });
      if (!hasAnyFilter(read.filters))
        throw new HTTPException(400, {
          message: 'Choose at least one filter on the MAUDE search page first.',
        });
      const found = searchEvents(db, names, read.filters, { page: 1, pageSize: csvCap });
      if (found.behind) deps.eventIndex.catchUp();
      return c.body(eventsCsv(found.rows, found.total, found.behind), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${eventsCsvName(facilityDay(now()))}"`,
      });
    })
    .get('/events/:key', requires('read'), (c) => {
      const key = c.req.param('key');
      const view = findEventReport(db, key);
      if (!view)
        throw new HTTPException(404, {
          message: `There is no MAUDE report ${key} in Vigil. Check the number, or import that part of MAUDE.`,
        });
      return c.render(<EventReportPage view={view} />, { title: `MAUDE report ${view.reportNumber ?? key}` });
    });
}
