import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { GoneDevicesPage } from '../../views/recalls/gone-devices';
import { AssetsChanged, RecallPage, type RecallView } from '../../views/recalls/recall';
import type { Actor } from '../audit/log';
import { requires } from '../auth/middleware';
import type { DueDays } from '../config';
import type { Db } from '../db/client';
import { facilityDay } from '../shared/clock';
import type { AppEnv } from '../web/env';
import { isHtmx } from '../web/htmx';
import type { PageCache } from '../web/page-cache';
import { createCaseRoutes } from './case-routes';
import { createDeviceRoutes, type DeviceChange } from './device-routes';
import type { EvidenceSettings } from './evidence';
import { goneDeviceMatches } from './gone-devices';
import { createInboxRoutes, type InboxDeps } from './inbox-routes';
import { createManufacturerRoutes } from './manufacturer-routes';
import { createNoticeLinkRoutes } from './notice-link-routes';
import { goneForGoodWords } from './out-of-service';
import { type PageDeps, type RecallViewExtra, recallViewOf } from './pages';

export type RecallDeps = {
  db: Db;
  cache: PageCache;
  now: () => Date;
  dueDays: DueDays;
  evidence: EvidenceSettings;
  /**
   * What follows a decision on a pair or a device (a confirmed match may open a case, a first
   * decision takes the case up): the pipeline's.
   */
  afterDecision: (decided?: { productResNumber: string; by: Actor }) => void;
  held: PageDeps['held'];
} & InboxDeps;

/** The recall inbox (home page) and the recall page with its workflow. */
export function createRecallRoutes(deps: RecallDeps) {
  const { db, now, cache } = deps;
  const recallView = (c: Context<AppEnv>, id: string, extra: RecallViewExtra = {}) =>
    recallViewOf(deps, id, { role: c.get('user')!.role, csrf: c.get('csrf') }, c.req.query('assets'), extra);

  const page = (c: Context<AppEnv>, view: RecallView) =>
    c.render(<RecallPage view={view} />, { title: view.productResNumber });
  const back = (c: Context<AppEnv>, id: string, hash = '') =>
    c.redirect(`/recalls/${encodeURIComponent(id)}${hash}`, 303);

  return new Hono<AppEnv>()
    .route('/', createManufacturerRoutes({ ...deps, page, recallView, back }))
    .route('/', createNoticeLinkRoutes({ ...deps, page, recallView, back }))
    .route('/', createInboxRoutes(deps))
    .get('/recalls/gone', requires('read'), (c) =>
      c.render(<GoneDevicesPage matches={goneDeviceMatches(db)} words={goneForGoodWords} />, {
        title: 'Recalls of retired devices',
      }),
    )
    .get('/recalls/:id{[A-Za-z0-9-]+}', requires('read'), async (c) => {
      const id = c.req.param('id');
      const role = c.get('user')!.role;
      const key = `recall|${id}|${new URL(c.req.url).search}|${role}|${facilityDay(now())}`;
      const body = await cache.get(key, c.get('csrf'), (csrf) => {
        const view = recallView(c, id);
        return (
          <RecallPage
            view={{ ...view, rowContext: { ...view.rowContext, csrf }, activity: { ...view.activity, csrf } }}
          />
        );
      });
      return c.render(raw(body), { title: id });
    })
    .route('/', createCaseRoutes({ ...deps, page, recallView, back, devicesChanged }))
    .route('/', createDeviceRoutes({ ...deps, devicesChanged }));

  /**
   * After a change to the devices (one, several, or the case beside them): for htmx, the devices
   * section with the workflow panel and the announcement out of band, so every count the change
   * touched is redrawn; the page otherwise.
   */
  function devicesChanged(c: Context<AppEnv>, id: string, extra: DeviceChange) {
    const problem = extra.rowError?.message ?? extra.assetsError ?? extra.caseError;
    if (problem) c.status(422);
    const refused = { rowError: extra.rowError, assetsError: extra.assetsError, caseError: extra.caseError };
    if (!isHtmx(c)) {
      if (problem) return page(c, recallView(c, id, refused));
      return back(c, id, extra.tag ? `#asset-${extra.tag.replace(/[^\w-]/g, '_')}` : '#assets');
    }
    const view = recallView(c, id, refused);
    const open = view.caseView?.openDevices.length ?? 0;
    const standing =
      !view.caseView || view.caseView.state === 'closed'
        ? ''
        : open === 0
          ? ' Every device has a final disposition: the recall can be closed.'
          : ` ${open} ${open === 1 ? 'device keeps' : 'devices keep'} the recall open.`;
    view.announcement = problem ?? `${extra.announcement ?? ''}${standing}`;
    return c.html(<AssetsChanged view={view} />);
  }
}
