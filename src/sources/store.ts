import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, writeTransaction } from '../db/client';
import { earlyNotices, recalls, sourceState, syncRejects } from '../db/schema';
import { noWrites, type WriteCounts } from '../openfda/store';
import { noticeAsRecall } from './as-recall';
import type { EarlyNotice, NoticeReject, SourceName } from './notice';

/** What a notice is stored as. `raw` is the record as the list gave it, never what a page added. */
const stored = (n: EarlyNotice) => ({
  source: n.source,
  sourceId: n.sourceId,
  url: n.url,
  title: n.title,
  firm: n.firm,
  product: n.product,
  models: n.models,
  lots: n.lots,
  udiDis: n.udiDis,
  sourceClass: n.sourceClass,
  issue: n.issue,
  category: n.category,
  noticeDate: n.noticeDate,
  sourceUpdated: n.sourceUpdated,
  raw: JSON.stringify(n.raw) ?? 'null',
});

/**
 * Stores notices and their rows in `recalls`, in one transaction with the run's counts: a notice
 * whose source did not change it is left alone (nothing to match again), an edited one is
 * rewritten and, since its page may have changed too, read again. `keepPage`: this write comes
 * from the notice's page, and it stays read.
 */
export function storeNotices(
  db: Db,
  notices: EarlyNotice[],
  rejects: NoticeReject[],
  run: { id: number; source: SourceName; count: (counts: WriteCounts) => void },
  now: Date,
  keepPage = false,
): WriteCounts {
  const at = now.toISOString();
  return writeTransaction(db, () => {
    const counts = noWrites();
    for (const notice of notices) {
      const row = stored(notice);
      const held = db.select().from(earlyNotices).where(eq(earlyNotices.noticeKey, notice.key)).get();
      const recall = () => noticeAsRecall({ ...notice, ...row, raw: notice.raw });
      // The list says the same as last time: what its page added stays, and nothing is matched again.
      if (held && !keepPage && held.raw === row.raw && held.sourceUpdated === row.sourceUpdated) {
        counts.unchanged++;
        continue;
      }
      const page = keepPage ? { pageReadAt: at, pageError: null } : { pageReadAt: null, pageError: null };
      // The list changed a notice whose page was read: what the page said stays until the page is
      // read again (a page that then fails must not leave the notice with less than it had).
      const fromPage =
        held && !keepPage && held.pageReadAt
          ? {
              firm: held.firm,
              product: held.product,
              models: held.models,
              lots: held.lots,
              udiDis: held.udiDis,
              noticeDate: held.noticeDate,
            }
          : {};
      Object.assign(row, fromPage);
      if (held) {
        db.update(earlyNotices)
          .set({ ...row, ...page, updatedAt: at })
          .where(eq(earlyNotices.noticeKey, notice.key))
          .run();
        counts.updated++;
      } else {
        db.insert(earlyNotices)
          .values({ noticeKey: notice.key, ...row, ...page, firstSeenAt: at, updatedAt: at })
          .run();
        counts.added++;
      }
      const asRecall = recall();
      db.insert(recalls)
        .values({ ...asRecall, firstSeenAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: recalls.productResNumber,
          set: {
            recallingFirm: asRecall.recallingFirm,
            eventDateInitiated: asRecall.eventDateInitiated,
            raw: asRecall.raw,
            updatedAt: at,
          },
        })
        .run();
    }
    for (const reject of rejects) {
      db.insert(syncRejects)
        .values({
          runId: run.id,
          feed: run.source,
          recordKey: reject.key,
          reason: reject.reason,
          raw: JSON.stringify(reject.raw) ?? 'null',
          createdAt: at,
        })
        .run();
    }
    counts.skipped += rejects.length;
    run.count(counts);
    return counts;
  });
}

/** Notices of a source whose page is still to read (new, edited, or failed last time). */
export function noticesToRead(db: Db, source: SourceName, limit: number) {
  return (
    db
      .select()
      .from(earlyNotices)
      .where(and(eq(earlyNotices.source, source), isNull(earlyNotices.pageReadAt)))
      // Pages not yet tried first: one that keeps failing must not hold the new ones back.
      .orderBy(sql`${earlyNotices.pageError} IS NOT NULL`, earlyNotices.firstSeenAt, earlyNotices.noticeKey)
      .limit(limit)
      .all()
  );
}

export type HeldNotice = typeof earlyNotices.$inferSelect;

/** A held notice back in the shape the readers give, to enrich from its page. */
export function asNotice(held: HeldNotice): EarlyNotice {
  return {
    key: held.noticeKey,
    source: held.source as SourceName,
    sourceId: held.sourceId,
    url: held.url,
    title: held.title,
    firm: held.firm,
    product: held.product,
    models: held.models,
    lots: held.lots,
    udiDis: held.udiDis,
    sourceClass: held.sourceClass,
    issue: held.issue,
    category: held.category,
    noticeDate: held.noticeDate,
    sourceUpdated: held.sourceUpdated,
    raw: JSON.parse(held.raw),
  };
}

/** A page that could not be read: the notice stays as the list gave it, and is tried again next run. */
export function notePageError(db: Db, key: string, error: string) {
  db.update(earlyNotices).set({ pageError: error }).where(eq(earlyNotices.noticeKey, key)).run();
}

/** A page that is gone (404): nothing more to read; the notice stays as the list gave it. */
export function notePageGone(db: Db, key: string, now: Date) {
  db.update(earlyNotices)
    .set({ pageReadAt: now.toISOString(), pageError: 'the page was not found' })
    .where(eq(earlyNotices.noticeKey, key))
    .run();
}

export function sourceStateOf(db: Db, source: SourceName) {
  return db.select().from(sourceState).where(eq(sourceState.source, source)).get() ?? null;
}

export function saveSourceState(
  db: Db,
  source: SourceName,
  change: Partial<Omit<typeof sourceState.$inferInsert, 'source'>>,
) {
  const notices = db
    .select({ n: sql<number>`count(*)` })
    .from(earlyNotices)
    .where(eq(earlyNotices.source, source))
    .get()!.n;
  db.insert(sourceState)
    .values({ source, ...change, notices })
    .onConflictDoUpdate({ target: sourceState.source, set: { ...change, notices } })
    .run();
}

/** The notices with these keys, for pages and the inbox. */
export function noticesByKey(db: Db, keys: string[]): Map<string, HeldNotice> {
  if (keys.length === 0) return new Map();
  const rows = db.select().from(earlyNotices).where(inArray(earlyNotices.noticeKey, keys)).all();
  return new Map(rows.map((r) => [r.noticeKey, r]));
}
