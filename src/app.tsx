import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { DamagedPage, ErrorPage } from '../views/shared/error';
import { checkCsrf, limitVisitors, loadSession } from './auth/middleware';
import { createAuthRoutes } from './auth/routes';
import type { SessionRules } from './auth/sessions';
import { createLoginThrottle, type LoginThrottle } from './auth/throttle';
import type { DueDays } from './config';
import type { Db } from './db/client';
import { DamagedDatabase, type HealthWatch, isDamage, watchHealth } from './db/health';
import { createEventHistoryRoutes } from './events/history-routes';
import type { HistoryStarter } from './events/history-runner';
import { createEventIndexKeeper, type EventIndexKeeper } from './events/index-keeper';
import { createEventRoutes } from './events/routes';
import { incidentsOfAsset, sequestrationsOf } from './incidents/asset-incidents';
import { reportsDue } from './incidents/due';
import { createIncidentOutputRoutes } from './incidents/outputs';
import { createIncidentRoutes } from './incidents/routes';
import { createInventoryRoutes } from './inventory/routes';
import { sampleState } from './inventory/sample';
import type { Logger } from './log';
import { createFeedRoutes } from './notify/routes';
import { afterDecision, afterInventoryChange } from './pipeline';
import { createBaselineRoutes } from './recalls/baseline-routes';
import { createRecallBrowseRoutes } from './recalls/browse/routes';
import { createRecallRoutes } from './recalls/routes';
import { createReportRoutes } from './reports/routes';
import { serverZone, useFacilityZone } from './shared/clock';
import { Refusal } from './shared/refusal';
import { feedStatuses, glanceOf } from './status/queries';
import { createStatusRoutes } from './status/routes';
import type { AppEnv } from './web/env';
import { isHtmx } from './web/htmx';
import { createPageCache } from './web/page-cache';
import { pageRenderer } from './web/renderer';
import { acceptOnlyOurHost, noStoreWhenSignedIn } from './web/security';
import { createStaticRoutes } from './web/static';
import { asSentence } from './web/text';

export type AppDeps = {
  db: Db;
  log: Logger;
  now: () => Date;
  openFdaUrl: string;
  nextSyncAt?: () => Date | null;
  /** Starts a sync of every feed now, unless one is under way; the scheduler's, in the server. */
  syncNow?: () => void;
  /** Fetches MAUDE histories from openFDA in the background, on request; the server's. */
  history?: HistoryStarter;
  /** Indexes MAUDE narratives in the background; the server's (one is made when not given). */
  eventIndex?: EventIndexKeeper;
  /** Whether the email digest is set up (VIGIL_SMTP_URL and VIGIL_DIGEST_TO). */
  mailEnabled?: boolean;
  /** Where links in feeds and emails point. */
  publicUrl: string;
  session: SessionRules;
  secureCookies: boolean;
  evidence: { dir: string; maxBytes: number };
  dueDays: DueDays;
  throttle?: LoginThrottle;
  /** Reverse proxies whose X-Forwarded-For names the client (VIGIL_TRUST_PROXY). */
  trustProxy?: readonly string[];
  /** The facility's time zone (VIGIL_TIME_ZONE); the server's own when not given. */
  timeZone?: string;
  /** Whether the database file is sound; the server's (one is made when not given). */
  health?: HealthWatch;
};

/** The web application: middleware, one sub-app per feature, and one place that renders errors. */
export function createApp(deps: AppDeps) {
  useFacilityZone(deps.timeZone ?? serverZone());
  const app = new Hono<AppEnv>();
  const cache = createPageCache(deps.db);
  app.use(acceptOnlyOurHost(deps.publicUrl));
  app.use(
    secureHeaders({
      // A route's own policy stands: evidence files are served with a sandbox.
      overwrite: false,
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    }),
  );
  const health = deps.health ?? watchHealth(deps.db, deps.now);
  // Checks the file when due (hourly): a monitor polling here learns of damage within the hour.
  app.get('/healthz', (c) => {
    const damage = health.checkWhenDue();
    return damage ? c.json({ ok: false, problem: damage }, 503) : c.json({ ok: true });
  });
  app.route('/static', createStaticRoutes());
  // Once damage is found, no page reads or writes the file: each says what is wrong and what to do.
  app.use(async (c, next) => {
    const damage = health.damage();
    if (!damage) return next();
    c.status(503);
    return c.html(<DamagedPage message={damage} />);
  });
  // Before the session middleware: a feed reader has no session and must not be given a cookie.
  app.route('/', createFeedRoutes({ db: deps.db, now: deps.now, publicUrl: deps.publicUrl }));
  app.use(
    loadSession({
      db: deps.db,
      now: deps.now,
      session: deps.session,
      cookies: { secure: deps.secureCookies },
      quietly: cache.quietly,
    }),
  );
  app.use(pageRenderer);
  app.use(noStoreWhenSignedIn);
  // Before anything reads a body (the CSRF check reads forms): no request body beyond the largest
  // upload Vigil takes, so an oversized upload is refused as it streams in, not held in memory.
  const maxUpload = Math.max(deps.evidence.maxBytes, 20 * 1024 * 1024) + 1024 * 1024;
  app.use(
    bodyLimit({
      maxSize: maxUpload,
      onError: (c) => {
        c.status(413);
        return c.render(
          <ErrorPage
            status={413}
            message={`That upload is too large: Vigil takes files of at most ${Math.floor(maxUpload / 1048576) - 1} MB. Nothing was stored.`}
          />,
          { title: 'Too large' },
        );
      },
    }),
  );
  app.use(limitVisitors);
  app.use(checkCsrf);
  app.route(
    '/',
    createAuthRoutes({
      db: deps.db,
      now: deps.now,
      session: deps.session,
      cookies: { secure: deps.secureCookies },
      throttle: deps.throttle ?? createLoginThrottle(),
      trustProxy: deps.trustProxy ?? [],
      publicUrl: deps.publicUrl,
    }),
  );
  // Feature routes: each sub-app applies `requires(...)` to its own routes.
  // Before any `/events/:key` route, which would take `/events/history` for a report key.
  app.route('/', createEventHistoryRoutes({ db: deps.db, now: deps.now, history: deps.history }));
  app.route('/', createRecallBrowseRoutes({ db: deps.db }));
  app.route('/', createBaselineRoutes({ db: deps.db, now: deps.now }));
  app.route(
    '/',
    createRecallRoutes({
      db: deps.db,
      cache,
      now: deps.now,
      dueDays: deps.dueDays,
      evidence: deps.evidence,
      afterDecision: (decided) => afterDecision(deps, decided),
      held: () => sequestrationsOf(deps.db),
      mdrDue: (today) => reportsDue(deps.db, today),
      feeds: () => glanceOf(feedStatuses(deps.db)),
      sample: () => sampleState(deps.db),
    }),
  );
  app.route(
    '/',
    createInventoryRoutes({
      db: deps.db,
      cache,
      now: deps.now,
      log: deps.log,
      afterInventoryChange: (result) => afterInventoryChange(deps, result),
      incidents: {
        held: () => sequestrationsOf(deps.db),
        ofAsset: (assetTag) => incidentsOfAsset(deps.db, assetTag),
      },
    }),
  );
  app.route('/', createIncidentRoutes({ db: deps.db, now: deps.now, evidence: deps.evidence }));
  app.route(
    '/',
    createEventRoutes({
      db: deps.db,
      now: deps.now,
      eventIndex: deps.eventIndex ?? createEventIndexKeeper(deps.db, deps.log),
    }),
  );
  app.route('/', createReportRoutes({ db: deps.db, now: deps.now, dueDays: deps.dueDays }));
  app.route('/', createIncidentOutputRoutes({ db: deps.db, now: deps.now }));
  app.route(
    '/',
    createStatusRoutes({
      db: deps.db,
      now: deps.now,
      openFdaUrl: deps.openFdaUrl,
      nextSyncAt: deps.nextSyncAt ?? (() => null),
      syncNow: deps.syncNow,
      mailEnabled: deps.mailEnabled,
    }),
  );
  app.notFound((c) => {
    c.status(404);
    return c.render(<ErrorPage status={404} message={`There is no page at ${c.req.path}.`} />, {
      title: 'Not found',
    });
  });
  app.onError((err, c) => {
    if (isDamage(err) || err instanceof DamagedDatabase) {
      const damage = health.noteDamage(err);
      deps.log.error(`${c.req.method} ${c.req.path}: ${damage}`);
      c.status(503);
      return c.html(<DamagedPage message={damage} />);
    }
    // A refusal no route answered itself: what it names is not there (404), or it cannot be done (422).
    const error =
      err instanceof Refusal
        ? new HTTPException(err.kind === 'missing' ? 404 : 422, { message: asSentence(err.message) })
        : err;
    if (error instanceof HTTPException && error.status < 500) {
      c.status(error.status);
      // An htmx swap shows the message in place; a page shows it whole.
      if (isHtmx(c))
        return c.html(
          <p class="alert" role="alert">
            {error.message}
          </p>,
        );
      return c.render(<ErrorPage status={error.status} message={error.message} />, { title: 'Error' });
    }
    deps.log.error(`${c.req.method} ${c.req.path} failed: ${error.stack ?? error.message}`);
    c.status(500);
    return c.render(
      <ErrorPage
        status={500}
        message="Vigil could not complete this request. The details are in the server log."
      />,
      { title: 'Error' },
    );
  });
  return app;
}
