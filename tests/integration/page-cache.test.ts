import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { matchState } from '../../src/db/schema';
import { createPageCache, type PageCache } from '../../src/web/page-cache';
import { openTestDb } from '../support/vigil';

let db: Db;
let file: string;
let close: () => void;
let cache: PageCache;
let renders: number;
const page = (csrf = 'token-a') =>
  cache.get('page', csrf, (placeholder) => {
    renders++;
    const state = db.select().from(matchState).get();
    return `<form><input name="_csrf" value="${placeholder}">${state?.lastFullAt ?? 'none'}</form>`;
  });

beforeEach(() => {
  ({ db, file, close } = openTestDb());
  cache = createPageCache(db);
  renders = 0;
});
afterEach(() => close());

describe('the page cache', () => {
  it('when nothing changes, then a page is rendered once and each viewer gets their own CSRF token', async () => {
    expect(await page('token-a')).toBe('<form><input name="_csrf" value="token-a">none</form>');
    expect(await page('token-b')).toBe('<form><input name="_csrf" value="token-b">none</form>');
    expect(renders).toBe(1);
  });

  it('when this process writes, then the next view renders again and shows the change', async () => {
    await page();
    db.insert(matchState).values({ id: 'only', lastFullAt: '2026-11-21' }).run();
    expect(await page()).toContain('2026-11-21');
    expect(renders).toBe(2);
  });

  it('when another connection writes, then the next view renders again and shows the change', async () => {
    await page();
    const other = openDatabase(file);
    other.insert(matchState).values({ id: 'only', lastFullAt: '2026-11-22' }).run();
    closeDatabase(other);
    expect(await page()).toContain('2026-11-22');
  });

  it('when a write is made quietly, then pages are kept, but a later ordinary write still renders again', async () => {
    db.insert(matchState).values({ id: 'only', lastFullAt: 'first' }).run();
    await page();
    cache.quietly(() => db.update(matchState).set({ lockHost: 'x' }).where(eq(matchState.id, 'only')).run());
    await page();
    expect(renders).toBe(1);
    db.update(matchState).set({ lastFullAt: 'second' }).where(eq(matchState.id, 'only')).run();
    expect(await page()).toContain('second');
    expect(renders).toBe(2);
  });
});
