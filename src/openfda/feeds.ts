import { eq, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { enforcementReports, recalls } from '../db/schema';
import type { Endpoint } from './client';
import type { DateStyle } from './dates';
import type { FeedName } from './feed-names';
import { normaliseClassification } from './records/classification';
import { normaliseEnforcement } from './records/enforcement';
import { normaliseEvent } from './records/event';
import type { Normalised } from './records/fields';
import { normaliseRecall } from './records/recall';

export { type FeedName, feedNames } from './feed-names';

export type Feed = {
  name: FeedName;
  endpoint: Endpoint;
  /** What a person calls it, for status lines and pages. */
  title: string;
  /** The "new since" field the cursor follows (openfda-api.md §5), null for feeds pulled whole. */
  dateField: string | null;
  dateStyle: DateStyle;
  /** The key field as an exact-match search field, for re-checking records by key. */
  exactKey: string | null;
  /** The search for records still open upstream, re-pulled on every incremental run. */
  openSearch: string | null;
  /**
   * The records held locally as open: `field` is the key in openFDA's records, `column` the same
   * key in our table, `where` what open means there. Those openFDA no longer lists as open are
   * re-checked by key.
   */
  localOpen: { field: string; column: SQLiteColumn; where: SQL } | null;
  normalise: (record: unknown) => Normalised<unknown>;
};

export const feeds: Record<FeedName, Feed> = {
  recall: {
    name: 'recall',
    endpoint: 'device/recall',
    title: 'Device recalls',
    dateField: 'event_date_posted',
    dateStyle: 'dashed',
    exactKey: 'product_res_number.exact',
    openSearch: 'recall_status:"Open, Classified"',
    localOpen: {
      field: 'product_res_number',
      column: recalls.productResNumber,
      where: eq(recalls.recallStatus, 'Open, Classified'),
    },
    normalise: normaliseRecall,
  },
  enforcement: {
    name: 'enforcement',
    endpoint: 'device/enforcement',
    title: 'Enforcement reports (recall class)',
    dateField: 'report_date',
    dateStyle: 'basic',
    exactKey: 'recall_number.exact',
    openSearch: 'status:Ongoing',
    localOpen: {
      field: 'recall_number',
      column: enforcementReports.recallNumber,
      where: eq(enforcementReports.status, 'Ongoing'),
    },
    normalise: normaliseEnforcement,
  },
  event: {
    name: 'event',
    endpoint: 'device/event',
    title: 'MAUDE adverse-event reports',
    dateField: 'date_received',
    dateStyle: 'basic',
    exactKey: null,
    openSearch: null,
    localOpen: null,
    normalise: normaliseEvent,
  },
  classification: {
    name: 'classification',
    endpoint: 'device/classification',
    title: 'Product classification',
    dateField: null,
    dateStyle: 'dashed',
    exactKey: null,
    openSearch: null,
    localOpen: null,
    normalise: normaliseClassification,
  },
};
