import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

export const caseStates = ['new', 'acknowledged', 'assigned', 'in_progress', 'closed'] as const;
export type CaseState = (typeof caseStates)[number];

export const dispositions = [
  'affected',
  'not_affected',
  'removed_from_service',
  'corrected',
  'returned_to_vendor',
] as const;
export type Disposition = (typeof dispositions)[number];

/**
 * A recall that matches a device we own, as the team works it. Opened when it first matches; its
 * due date follows from openedAt and the recall's class (see recalls/workflow.ts).
 */
export const recallCases = sqliteTable(
  'recall_cases',
  {
    productResNumber: text('product_res_number').primaryKey(),
    state: text('state', { enum: caseStates }).notNull(),
    assignedTo: integer('assigned_to').references(() => users.id),
    openedAt: text('opened_at').notNull(),
    /** Set by a person; otherwise the class rule gives the due date. */
    dueOverride: text('due_override'),
    closedAt: text('closed_at'),
    closedBy: text('closed_by'),
    /**
     * Set when a baseline filed the case as history (before Vigil): it stays on the asset and
     * recall pages and in reports, but is not work in the inbox. Undoing the baseline clears it.
     */
    baselineId: integer('baseline_id'),
    /** The manufacturer's side: when our response (the acknowledgement form) went back, and by whom. */
    responseSentOn: text('response_sent_on'),
    responseSentBy: text('response_sent_by'),
    /** The evidence file that shows the response, if one was kept. */
    responseFileId: integer('response_file_id'),
    /** The day the manufacturer promised its correction by; past it and not done, the promise is late. */
    correctionPromisedBy: text('correction_promised_by'),
    correctionDoneOn: text('correction_done_on'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('recall_cases_state').on(t.state),
    index('recall_cases_opened').on(t.openedAt),
    index('recall_cases_baseline').on(t.baselineId),
    index('recall_cases_promised').on(t.correctionPromisedBy),
  ],
);

/**
 * One applied baseline: what it filed as history (recalls the FDA terminated, and those posted
 * before a day the admin chose), by whom and when; undone when undoneAt is set.
 */
export const baselines = sqliteTable('baselines', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Recalls posted before this day (YYYY-MM-DD) were filed; null when only terminated ones were. */
  postedBefore: text('posted_before'),
  cases: integer('cases').notNull(),
  appliedBy: text('applied_by').notNull(),
  appliedAt: text('applied_at').notNull(),
  undoneBy: text('undone_by'),
  undoneAt: text('undone_at'),
});

/** What was done about one asset under one recall. */
export const assetDispositions = sqliteTable(
  'asset_dispositions',
  {
    productResNumber: text('product_res_number').notNull(),
    assetTag: text('asset_tag').notNull(),
    disposition: text('disposition', { enum: dispositions }).notNull(),
    note: text('note'),
    decidedBy: text('decided_by').notNull(),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productResNumber, t.assetTag] }),
    index('asset_dispositions_asset').on(t.assetTag),
  ],
);

export const recallNotes = sqliteTable(
  'recall_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productResNumber: text('product_res_number').notNull(),
    author: text('author').notNull(),
    body: text('body').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('recall_notes_recall').on(t.productResNumber, t.at)],
);

/**
 * A file kept in the evidence folder (src/files/store.ts), as recalls and incidents both record
 * one: who uploaded it and when, its name as given and as stored, its type, size and SHA-256.
 * A function, since every table needs columns of its own.
 */
export const storedFileColumns = () => ({
  storedName: text('stored_name').notNull().unique(),
  originalName: text('original_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  uploadedAt: text('uploaded_at').notNull(),
});

/**
 * Files attached as evidence. The bytes live in the evidence folder under a random name (never
 * the uploaded one); the name given is only shown, and sent back as the download's filename.
 */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    productResNumber: text('product_res_number').notNull(),
    ...storedFileColumns(),
  },
  (t) => [index('evidence_recall').on(t.productResNumber)],
);

/** When the daily digest last went out, so a restart neither skips nor repeats one. */
export const digestState = sqliteTable('digest_state', {
  id: text('id').primaryKey(),
  lastSentAt: text('last_sent_at'),
  /** Matches first seen after this instant go into the next digest. */
  coveredUpTo: text('covered_up_to'),
  lastError: text('last_error'),
});
