import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { stylesheet } from '../../views/shared/styles';
import { recallKeysScript } from './recall-keys';

const require = createRequire(import.meta.url);

/** The tab's icon: a shield in the page's accent colour. */
const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M8 1 2 3v5c0 3.5 2.6 6 6 7 3.4-1 6-3.5 6-7V3z" fill="#0b5394"/></svg>';

/** htmx, the recall page's keys, the stylesheet and the icon, served by Vigil itself: no CDN, so pages work on a closed network. */
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
    )
    .get('/icon.svg', (c) => c.body(icon, 200, { ...cache, 'content-type': 'image/svg+xml' }));
}
