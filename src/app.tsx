import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { ErrorPage } from '../views/error';
import type { Db } from './db/client';
import type { Logger } from './log';
import { createStatusRoutes } from './status/routes';
import { pageRenderer } from './web/renderer';
import { createStaticRoutes } from './web/static';

export type AppDeps = {
  db: Db;
  log: Logger;
  now: () => Date;
  openFdaUrl: string;
  nextSyncAt?: () => Date | null;
};

/** The web application: middleware, one sub-app per feature, and one place that renders errors. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use(
    secureHeaders({
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
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/static', createStaticRoutes());
  app.use(pageRenderer);
  app.route(
    '/',
    createStatusRoutes({
      db: deps.db,
      now: deps.now,
      openFdaUrl: deps.openFdaUrl,
      nextSyncAt: deps.nextSyncAt ?? (() => null),
    }),
  );
  app.notFound((c) => {
    c.status(404);
    return c.render(<ErrorPage status={404} message={`There is no page at ${c.req.path}.`} />, {
      title: 'Not found',
    });
  });
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      c.status(error.status);
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
