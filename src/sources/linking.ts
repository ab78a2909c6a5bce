import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../audit/log';
import { audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { earlyNotices, noticeLinks } from '../db/schema';
import { currentFirmIndex } from '../matching/aliases';
import { judgeLink, linkWindowDays } from './link-rules';

/**
 * The one rule for "this notice is the openFDA recall's": a link Vigil is sure of, or one a
 * person confirmed. Such a notice opens no case of its own; its case, if it had one, is folded
 * into the recall's (recalls/fold.ts).
 */
export const joinedStates = ['linked', 'confirmed'] as const;

/** Recall keys (in `recalls`) that are early notices joined to an openFDA recall, in SQL. */
export const joinedNoticeKeys = sql`(SELECT notice_key FROM notice_links WHERE state IN ('linked', 'confirmed'))`;

/** Every key in `recalls` that is an early notice, not an openFDA recall, in SQL. */
export const noticeKeys = sql`(SELECT notice_key FROM early_notices)`;

const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Looks for the openFDA recall of every notice not yet joined to one: recalls begun within the
 * window of the notice's day, judged by judgeLink. New verdicts are stored; a pair already judged
 * keeps its row (a person's rejection is never offered again), except that a suggestion becomes
 * a link when the records now make it sure. `devicesOf` gives the devices of ours a recall or
 * notice counts (the workflow's rule): the same devices matched by both are evidence of one
 * event. Returns how many links were made or suggested.
 */
export function linkNotices(
  db: Db,
  now: Date,
  devicesOf: (key: string) => Set<string>,
): { linked: number; suggested: number } {
  const open = db.all<{
    key: string;
    firm: string | null;
    title: string;
    product: string;
    models: string;
    lots: string;
    udiDis: string;
    noticeDate: string | null;
    checkedAt: string | null;
    updatedAt: string;
  }>(sql`
    SELECT notice_key AS key, firm, title, product, models, lots, udi_dis AS udiDis, notice_date AS noticeDate,
      links_checked_at AS checkedAt, updated_at AS updatedAt
    FROM early_notices WHERE notice_date IS NOT NULL AND notice_key NOT IN ${joinedNoticeKeys}`);
  if (open.length === 0) return { linked: 0, suggested: 0 };
  let firms: ReturnType<typeof currentFirmIndex> | null = null;
  const judged = new Map(
    db
      .select()
      .from(noticeLinks)
      .all()
      .map((l) => [`${l.noticeKey}|${l.productResNumber}`, l.state]),
  );
  const at = now.toISOString();
  let linked = 0;
  let suggested = 0;
  for (const n of open) {
    const candidates = db.all<{
      productResNumber: string;
      recallingFirm: string | null;
      productDescription: string | null;
      codeInfo: string | null;
      initiated: string | null;
    }>(sql`
        SELECT r.product_res_number AS productResNumber, r.recalling_firm AS recallingFirm,
          r.product_description AS productDescription,
          coalesce(e.code_info, r.code_info) AS codeInfo,
          coalesce(r.event_date_initiated, e.recall_initiation_date) AS initiated
        FROM recalls r LEFT JOIN enforcement_reports e ON e.recall_number = r.product_res_number
        WHERE r.product_res_number NOT IN ${noticeKeys}
          AND r.event_date_initiated BETWEEN ${shift(n.noticeDate!, -linkWindowDays.after)}
            AND ${shift(n.noticeDate!, linkWindowDays.before)}
          -- What changed since the notice was last compared (everything, when the notice changed),
          -- what was suggested, and what now matches a device the notice matches: an inventory
          -- import or a person's decision changes no record but may make the same devices ours.
          AND (${n.checkedAt} IS NULL OR ${n.updatedAt} > ${n.checkedAt} OR r.updated_at > ${n.checkedAt}
            OR r.product_res_number IN (SELECT product_res_number FROM notice_links
              WHERE notice_key = ${n.key} AND state = 'suggested')
            OR r.product_res_number IN (SELECT theirs.product_res_number FROM recall_matches theirs
              JOIN recall_matches mine ON mine.asset_tag = theirs.asset_tag
              WHERE mine.product_res_number = ${n.key}))`);
    // Nothing new to compare: no write, so a decision on a page does not wait for one.
    if (candidates.length === 0) continue;
    const mine = devicesOf(n.key);
    const notice = {
      ...n,
      models: JSON.parse(n.models) as string[],
      lots: JSON.parse(n.lots) as string[],
      udiDis: JSON.parse(n.udiDis) as string[],
    };
    writeTransaction(db, () => {
      db.run(sql`UPDATE early_notices SET links_checked_at = ${at} WHERE notice_key = ${n.key}`);
      for (const recall of candidates) {
        const before = judged.get(`${n.key}|${recall.productResNumber}`);
        if (before && before !== 'suggested') continue;
        const theirs = mine.size ? devicesOf(recall.productResNumber) : new Set<string>();
        const sharedDevices = [...mine].filter((tag) => theirs.has(tag));
        firms ??= currentFirmIndex(db);
        const verdict = judgeLink(notice, { ...recall, sharedDevices }, firms);
        if (!verdict || verdict.state === before) continue;
        db.insert(noticeLinks)
          .values({
            noticeKey: n.key,
            productResNumber: recall.productResNumber,
            state: verdict.state,
            score: verdict.score,
            reasons: verdict.reasons,
            createdAt: at,
          })
          .onConflictDoUpdate({
            target: [noticeLinks.noticeKey, noticeLinks.productResNumber],
            set: { state: verdict.state, score: verdict.score, reasons: verdict.reasons },
            // Only a suggestion is re-judged: a person's word, given meanwhile, stands.
            setWhere: eq(noticeLinks.state, 'suggested'),
          })
          .run();
        if (verdict.state === 'linked') linked++;
        else suggested++;
      }
    });
  }
  return { linked, suggested };
}

export class LinkNotFound extends Error {}

/** A person's word on a suggested link: the same recall (joined), or not (never offered again). */
export function decideLink(
  db: Db,
  pair: { noticeKey: string; productResNumber: string },
  same: boolean,
  by: Actor,
  now: Date,
): void {
  writeTransaction(db, () => {
    const where = and(
      eq(noticeLinks.noticeKey, pair.noticeKey),
      eq(noticeLinks.productResNumber, pair.productResNumber),
    );
    const link = db.select().from(noticeLinks).where(where).get();
    if (!link) throw new LinkNotFound(`No link between ${pair.noticeKey} and ${pair.productResNumber}.`);
    const state = same ? 'confirmed' : 'rejected';
    db.update(noticeLinks)
      .set({ state, decidedBy: by.name, decidedAt: now.toISOString() })
      .where(where)
      .run();
    for (const entityId of [pair.productResNumber, pair.noticeKey]) {
      audit(db, by, now, {
        action: same ? 'notice.confirmed' : 'notice.rejected',
        entity: 'recall',
        entityId,
        before: { state: link.state },
        after: { state, notice: pair.noticeKey, recall: pair.productResNumber },
      });
    }
  });
}

/** The links of a recall or of a notice, best first, with what each notice is. */
export function linksOf(db: Db, key: string) {
  return db
    .select({
      noticeKey: noticeLinks.noticeKey,
      productResNumber: noticeLinks.productResNumber,
      state: noticeLinks.state,
      score: noticeLinks.score,
      reasons: noticeLinks.reasons,
      decidedBy: noticeLinks.decidedBy,
      decidedAt: noticeLinks.decidedAt,
      mergedAt: noticeLinks.mergedAt,
      source: earlyNotices.source,
      title: earlyNotices.title,
      noticeDate: earlyNotices.noticeDate,
      url: earlyNotices.url,
    })
    .from(noticeLinks)
    .innerJoin(earlyNotices, eq(earlyNotices.noticeKey, noticeLinks.noticeKey))
    .where(sql`${noticeLinks.noticeKey} = ${key} OR ${noticeLinks.productResNumber} = ${key}`)
    .orderBy(sql`${noticeLinks.score} DESC`)
    .all();
}
