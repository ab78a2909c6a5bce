import crypto from 'node:crypto';
import type { Db } from '../db/client';

/**
 * Rendered page content kept until the database changes. A page is cached under its key and the
 * database's version: `data_version` moves when another process (a CLI sync or import) commits,
 * and `total_changes()` when this one writes; any write at all starts every page afresh, so a
 * cached page is never older than the data. Forms in cached content carry a placeholder for the
 * CSRF token, replaced by the viewer's own token when served.
 */
export function createPageCache(db: Db, maxEntries = 500) {
  const entries = new Map<string, string>();
  const changes = db.$client.prepare('SELECT total_changes() AS n').pluck();
  const dataVersion = db.$client.prepare('PRAGMA data_version').pluck();
  const csrfPlaceholder = `csrf-${crypto.randomBytes(16).toString('hex')}`;
  let lastVersion = '';
  const version = () => `${dataVersion.get()}:${changes.get()}`;
  return {
    csrfPlaceholder,
    /** The content for `key`, rendered once per database version, with `csrf` filled in. */
    async get(key: string, csrf: string, render: (csrf: string) => unknown): Promise<string> {
      const now = version();
      if (now !== lastVersion) {
        entries.clear();
        lastVersion = now;
      }
      let html = entries.get(key);
      if (html === undefined) {
        html = String(await render(csrfPlaceholder));
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, html);
      }
      return html.replaceAll(csrfPlaceholder, csrf);
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
