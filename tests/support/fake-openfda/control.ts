/**
 * HTTP doors onto the fake's controls, for a fake started as a separate process (`npm run
 * fake-openfda`): faults, record revisions, meta.last_updated and the request log, under /_fake.
 */
import { Hono } from 'hono';
import { ZodError } from 'zod';
import type { FdaRecord } from './dataset';
import type { Faults } from './faults';
import { type Endpoint, isEndpoint } from './fields';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** The query parameters as sent (api_key included). */
  params: Record<string, string>;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  fault?: string;
}

export interface FakeControls {
  faults: Faults;
  requests: RequestLogEntry[];
  upsert(endpoint: Endpoint, record: FdaRecord): string;
  remove(endpoint: Endpoint, key: string): boolean;
  setLastUpdated(endpoint: Endpoint, date: string): void;
  resetRequests(): void;
}

const endpointOf = (param: string): Endpoint | undefined => {
  const name = param.replace(/\.json$/, '');
  return isEndpoint(name) ? name : undefined;
};

/** The /_fake sub-app. */
export function createControlRoutes(controls: FakeControls) {
  const app = new Hono();

  app.get('/faults', (c) => c.json({ faults: controls.faults.list() }));
  app.post('/faults', async (c) => {
    try {
      controls.faults.inject(await c.req.json());
    } catch (error) {
      const message =
        error instanceof ZodError
          ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          : String(error);
      return c.json({ error: message }, 400);
    }
    return c.json({ faults: controls.faults.list() });
  });
  app.delete('/faults', (c) => {
    controls.faults.clear();
    return c.json({ faults: [] });
  });

  app.put('/records/device/:endpoint', async (c) => {
    const endpoint = endpointOf(c.req.param('endpoint'));
    if (!endpoint) return c.json({ error: `unknown endpoint ${c.req.param('endpoint')}` }, 404);
    const record = await c.req.json().catch(() => undefined);
    if (!record || typeof record !== 'object' || Array.isArray(record))
      return c.json({ error: 'send one JSON record' }, 400);
    try {
      return c.json({ _id: controls.upsert(endpoint, record as FdaRecord) });
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
  });
  app.delete('/records/device/:endpoint/:key', (c) => {
    const endpoint = endpointOf(c.req.param('endpoint'));
    if (!endpoint) return c.json({ error: `unknown endpoint ${c.req.param('endpoint')}` }, 404);
    return controls.remove(endpoint, c.req.param('key'))
      ? c.body(null, 204)
      : c.json({ error: 'no such record' }, 404);
  });

  app.put('/meta/device/:endpoint', async (c) => {
    const endpoint = endpointOf(c.req.param('endpoint'));
    const body = (await c.req.json().catch(() => undefined)) as { last_updated?: unknown } | undefined;
    if (!endpoint) return c.json({ error: `unknown endpoint ${c.req.param('endpoint')}` }, 404);
    if (typeof body?.last_updated !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.last_updated)) {
      return c.json({ error: 'send {"last_updated":"YYYY-MM-DD"}' }, 400);
    }
    controls.setLastUpdated(endpoint, body.last_updated);
    return c.json({ last_updated: body.last_updated });
  });

  app.get('/requests', (c) => c.json({ requests: controls.requests }));
  app.delete('/requests', (c) => {
    controls.resetRequests();
    return c.body(null, 204);
  });

  return app;
}
