import type { Context } from 'hono';

/** Whether htmx sent the request (it answers with a fragment rather than a whole page). */
export const isHtmx = (c: Context) => c.req.header('hx-request') === 'true';

/**
 * Whether the request asks for a fragment to swap in place: from htmx, not the browser restoring
 * its history (which wants the whole page), and, where a target is named, for that element.
 */
export const isSwap = (c: Context, target?: string) =>
  isHtmx(c) &&
  c.req.header('hx-history-restore-request') !== 'true' &&
  (target === undefined || c.req.header('hx-target') === target);
