import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { stylesheet } from '../../views/shared/styles';
import { recallKeysScript } from './recall-keys';

const require = createRequire(import.meta.url);

/** htmx, the recall page's keys and the stylesheet, served by Vigil itself: no CDN, so pages work on a closed network. */
export function createStaticRoutes() {
  const htmx = fs.readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8');
  const cache = { 'cache-control': 'public, max-age=86400' };
  return new Hono()
    .get('/htmx.min.js', (c) =>
      c.body(htmx, 200, { ...cache, 'content-type': 'text/javascript; charset=utf-8' }),
    )
    .get('/recall-keys.js', (c) =>
      c.body(recallKeysScript, 200, { ...cache, 'content-type': 'text/javascript; charset=utf-8' }),
    )
    .get('/vigil.css', (c) =>
      c.body(stylesheet, 200, { ...cache, 'content-type': 'text/css; charset=utf-8' }),
    );
}
