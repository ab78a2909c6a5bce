import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * A recall or safety action as an early source told it (Health Canada, the FDA's recall feed,
 * MHRA; see src/sources/), before or beside openFDA. Each notice is also kept as a row of
 * `recalls` under its own key (HC-…, FDA-…, MHRA-…), so the matching and the workflow treat it as
 * they treat a recall; this table keeps what the source said and where it came from.
 */
export const earlyNotices = sqliteTable(
  'early_notices',
  {
    noticeKey: text('notice_key').primaryKey(),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    url: text('url'),
    title: text('title').notNull(),
    firm: text('firm'),
    product: text('product').notNull(),
    models: text('models', { mode: 'json' }).$type<string[]>().notNull(),
    lots: text('lots', { mode: 'json' }).$type<string[]>().notNull(),
    udiDis: text('udi_dis', { mode: 'json' }).$type<string[]>().notNull(),
    /** The source's own class or type ("Type II"), never the FDA's. */
    sourceClass: text('source_class'),
    issue: text('issue'),
    category: text('category'),
    noticeDate: text('notice_date'),
    sourceUpdated: text('source_updated'),
    /** When its page was last read for firm, models and lots; null while it is still to read. */
    pageReadAt: text('page_read_at'),
    pageError: text('page_error'),
    /** When the notice was last compared with the openFDA recalls: later recalls are compared next. */
    linksCheckedAt: text('links_checked_at'),
    raw: text('raw').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('early_notices_source').on(t.source, t.sourceId)],
);

export const noticeLinkStates = ['linked', 'suggested', 'confirmed', 'rejected'] as const;
export type NoticeLinkState = (typeof noticeLinkStates)[number];

/**
 * An early notice and the openFDA recall Vigil takes to be the same event. `linked` (sure) and
 * `confirmed` (by a person) join them: one case, under the recall's number, with both on its
 * timeline. `suggested` waits for a person; `rejected` is never offered again.
 */
export const noticeLinks = sqliteTable(
  'notice_links',
  {
    noticeKey: text('notice_key').notNull(),
    productResNumber: text('product_res_number').notNull(),
    state: text('state', { enum: noticeLinkStates }).notNull(),
    score: real('score').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    /** When the notice's case, if it had one, was folded into the recall's. */
    mergedAt: text('merged_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.noticeKey, t.productResNumber] }),
    index('notice_links_recall').on(t.productResNumber),
  ],
);

/** Per source, what its last read left to compare against: the file's ETag and Last-Modified. */
export const sourceState = sqliteTable('source_state', {
  source: text('source').primaryKey(),
  etag: text('etag'),
  lastModified: text('last_modified'),
  /** The newest publication day read (MHRA's search starts from it). */
  highWater: text('high_water'),
  notices: integer('notices').notNull().default(0),
});
