import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { dismissalReasons } from '../../shared/vocabulary';
import { assets } from './inventory';

/**
 * Names a manufacturer goes by, mapped to the corporate family they belong to (predecessor and
 * successor companies included). Seeded from data/firm-aliases.csv, which people can review
 * and edit; it grows when a person confirms a match across two names.
 */
export const firmAliases = sqliteTable(
  'firm_aliases',
  {
    /** The normalised name (see matching/firms.ts). */
    name: text('name').notNull(),
    /** The family it belongs to; a name can belong to several (a business sold in parts). */
    family: text('family').notNull(),
    source: text('source', { enum: ['seed', 'confirmed'] }).notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.family] }), index('firm_aliases_family').on(t.family)],
);

/** What the matching engine suggests: an asset a recall may apply to, with its evidence. */
export const recallMatches = sqliteTable(
  'recall_matches',
  {
    assetTag: text('asset_tag').notNull(),
    productResNumber: text('product_res_number').notNull(),
    score: real('score').notNull(),
    confidence: text('confidence', { enum: ['high', 'medium', 'low'] }).notNull(),
    /** Why, in words a technician can check: a JSON list of short sentences. */
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
    /** Where the recall lists lots or serials and the asset has one. */
    lotStatus: text('lot_status', { enum: ['affected', 'not_affected', 'unknown'] }),
    matchedAt: text('matched_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.assetTag, t.productResNumber] }),
    index('recall_matches_recall').on(t.productResNumber),
    index('recall_matches_confidence').on(t.confidence),
  ],
);

export type DismissedSuggestion = {
  score: number;
  confidence: 'high' | 'medium' | 'low';
  reasons: string[];
  lotStatus: 'affected' | 'not_affected' | 'unknown' | null;
  matchedAt: string;
};

/**
 * What a person decided about a suggested pair. Kept whatever the engine later thinks: a
 * dismissed pair is never suggested again, a confirmed one never withdrawn.
 */
export const matchDecisions = sqliteTable(
  'match_decisions',
  {
    assetTag: text('asset_tag').notNull(),
    productResNumber: text('product_res_number').notNull(),
    decision: text('decision', { enum: ['confirmed', 'dismissed'] }).notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: text('decided_at').notNull(),
    note: text('note'),
    /** Why a person said the recall does not apply (ECRI and RASMAS ask a reason for "not applicable"). */
    reason: text('reason', { enum: dismissalReasons }),
    /** The suggestion as it stood when dismissed, put back if the dismissal is undone. */
    suggestion: text('suggestion', { mode: 'json' }).$type<DismissedSuggestion>(),
  },
  (t) => [primaryKey({ columns: [t.assetTag, t.productResNumber] })],
);

/**
 * What matching has done: the keys and term statistics it stored, its last full run, and its
 * lock (one run at a time, across the server and commands: see matching/lock.ts).
 */
export const matchState = sqliteTable('match_state', {
  id: text('id').primaryKey(),
  lastFullAt: text('last_full_at'),
  /** The version of the stored asset keys (see matching/candidates.ts); null before any. */
  keysVersion: integer('keys_version'),
  /** How many recalls the stored term statistics were built from (see match_terms); null before any. */
  termsRecalls: integer('terms_recalls'),
  lockToken: text('lock_token'),
  lockPid: integer('lock_pid'),
  lockHost: text('lock_host'),
  lockHeartbeatAt: text('lock_heartbeat_at'),
});

/**
 * What is not yet matched: an asset or a recall changed since a matching run last read it. The
 * database marks it itself, by triggers on assets, recalls and enforcement_reports (migration
 * 0014), in the same transaction as the change: no writer can forget the mark and no kill can
 * lose it. A run matches what is marked and clears the marks it read; an item changed again while
 * the run worked is marked anew, with a higher seq, and waits for the next run.
 */
export const matchPending = sqliteTable(
  'match_pending',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['asset', 'recall'] }).notNull(),
    key: text('key').notNull(),
  },
  (t) => [uniqueIndex('match_pending_item').on(t.kind, t.key)],
);

/**
 * What the recall corpus says of each word and number in its product descriptions (see
 * matching/corpus/terms.ts): a shared rare word says a lot, a common one little. Rebuilt by full
 * matching runs and when the corpus has grown; read by every run.
 */
export const matchTerms = sqliteTable('match_terms', {
  term: text('term').primaryKey(),
  recalls: integer('recalls').notNull(),
  families: integer('families').notNull(),
  productCodes: integer('product_codes').notNull(),
  followers: integer('followers').notNull(),
  followerList: text('follower_list', { mode: 'json' }).$type<string[]>().notNull(),
  /** The firm families that use the term, comma-separated, when few do (read without the counts). */
  familyList: text('family_list'),
  /** How each firm family uses the term (the same counts), when few families do. */
  byFamily: text('by_family', { mode: 'json' }).$type<
    Record<string, { recalls: number; productCodes: number; followers: number; followerList: string[] }>
  >(),
});

/**
 * The words and numbers each asset can be found by in a recall's text: an incremental run
 * reads only the assets that share one with the new recalls, not the whole inventory.
 */
export const assetMatchKeys = sqliteTable(
  'asset_match_keys',
  {
    key: text('key').notNull(),
    assetTag: text('asset_tag')
      .notNull()
      .references(() => assets.assetTag, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.key, t.assetTag] }), index('asset_match_keys_asset').on(t.assetTag)],
);
