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
  // Each page is kept split where its CSRF tokens go, so serving it is a join, not a search.
  const entries = new Map<string, string[]>();
  const changes = db.$client.prepare('SELECT total_changes() AS n').pluck();
  const dataVersion = db.$client.prepare('PRAGMA data_version').pluck();
  const csrfPlaceholder = `csrf-${crypto.randomBytes(16).toString('hex')}`;
  let lastVersion = '';
  const version = () => `${dataVersion.get()}:${changes.get()}`;
  return {
    csrfPlaceholder,
    /**
     * Runs a write that no cached page shows (a session kept alive, a visit noted) without
     * starting every page afresh: with a page per user per minute otherwise, pages under load were
     * re-rendered all at once again and again. Writes are synchronous, so nothing else can slip in.
     */
    quietly<T>(write: () => T): T {
      const before = version();
      const result = write();
      if (before === lastVersion) lastVersion = version();
      return result;
    },
    /** The content for `key`, rendered once per database version, with `csrf` filled in. */
    async get(key: string, csrf: string, render: (csrf: string) => unknown): Promise<string> {
      const now = version();
      if (now !== lastVersion) {
        entries.clear();
        lastVersion = now;
      }
      let parts = entries.get(key);
      if (parts === undefined) {
        parts = String(await render(csrfPlaceholder)).split(csrfPlaceholder);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, parts);
      }
      return parts.length === 1 ? parts[0]! : parts.join(csrf);
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
