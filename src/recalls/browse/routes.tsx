import { Hono } from 'hono';
import { AllRecallsPage, type AllRecallsView, RecallResults } from '../../../views/recalls/all-recalls';
import { requires } from '../../auth/middleware';
import type { Db } from '../../db/client';
import { pageLinks } from '../../shared/paging';
import type { AppEnv } from '../../web/env';
import { isSwap } from '../../web/htmx';
import { fdaStatusOf } from '../fda-status';
import { classOf } from '../workflow';
import { listRecalls, recallStatuses } from './queries';
import { checkFilters, filterInput, filterQueryString } from './search';

export type RecallBrowseDeps = { db: Db };

/** "All recalls": every stored recall, matched to our devices or not, searched and filtered. */
export function createRecallBrowseRoutes(deps: RecallBrowseDeps) {
  const { db } = deps;
  return new Hono<AppEnv>().get('/recalls', requires('read'), (c) => {
    const input = filterInput(c.req.query());
    const checked = checkFilters(input);
    const href = (page: number) => `/recalls${filterQueryString(input, page)}`;
    let list: AllRecallsView['list'] = null;
    if (checked.ok) {
      const found = listRecalls(db, checked.filters);
      list = {
        ...found,
        rows: found.rows.map(({ classification, caseOpen, ...row }) => ({
          ...row,
          recallClass: classOf(classification),
          terminatedButOpen: caseOpen && fdaStatusOf(row.status) === 'terminated',
        })),
        links: pageLinks(found.page, found.pages).map((p) => (p === 'gap' ? p : { page: p, href: href(p) })),
        previous: found.page > 1 ? href(found.page - 1) : null,
        next: found.page < found.pages ? href(found.page + 1) : null,
      };
    }
    const swap = isSwap(c, 'recall-results');
    const view: AllRecallsView = {
      input,
      // Only the whole page has the form that lists them.
      statuses: swap ? [] : recallStatuses(db),
      errors: checked.ok ? [] : checked.errors,
      list,
    };
    if (!checked.ok) c.status(422);
    // The same address answers a page or, to htmx, the list alone; caches must keep both apart.
    c.header('Vary', 'HX-Request, HX-Target');
    if (swap) return c.html(<RecallResults view={view} />);
    return c.render(<AllRecallsPage view={view} />, { title: 'All recalls' });
  });
}
