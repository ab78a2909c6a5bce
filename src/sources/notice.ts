/**
 * An early notice: a recall or safety action as a faster public source tells it, before openFDA
 * posts the FDA's recall. Every source's reader (health-canada.ts, fda-rss.ts, mhra.ts) turns its
 * own format into this one shape; the store, the matching and the linking read only this.
 */

export const sourceNames = ['health-canada', 'fda-rss', 'mhra'] as const;
export type SourceName = (typeof sourceNames)[number];

export const sourceTitles: Record<SourceName, string> = {
  'health-canada': 'Health Canada recalls and safety alerts',
  'fda-rss': 'FDA medical device recalls and early alerts (RSS)',
  mhra: 'MHRA device safety alerts (GOV.UK)',
};

/** The short name shown beside a notice on the inbox and the recall page. */
export const sourceLabels: Record<SourceName, string> = {
  'health-canada': 'Health Canada',
  'fda-rss': 'FDA early alert',
  mhra: 'MHRA',
};

/** A source's short name for pages; a name Vigil does not know is shown as stored. */
export const sourceLabel = (name: string): string => (sourceLabels as Record<string, string>)[name] ?? name;

export type EarlyNotice = {
  /**
   * Vigil's key for the notice, unique across sources and never a Z-number: `HC-<NID>`,
   * `FDA-<slug of the item's address>`, `MHRA-<slug of the GOV.UK path>`.
   */
  key: string;
  source: SourceName;
  /** The source's own identifier: Health Canada's NID, the RSS item's link, the GOV.UK path. */
  sourceId: string;
  url: string | null;
  title: string;
  /** The manufacturer or recalling firm, where the source names it. */
  firm: string | null;
  /** What the product is, in the source's words (the title and each affected product named). */
  product: string;
  /** Model, catalogue and product numbers the source lists. */
  models: string[];
  /** Lot and serial numbers the source lists. */
  lots: string[];
  udiDis: string[];
  /** The source's own class or type, shown for what it is ("Type II"), never as the FDA's class. */
  sourceClass: string | null;
  /** The problem, in the source's words. */
  issue: string | null;
  category: string | null;
  /**
   * The earliest day (YYYY-MM-DD) the source gives for the action: the recall's start or the
   * firm's letter where it says so, else the day the source published it.
   */
  noticeDate: string | null;
  /** When the source last changed the notice (Health Canada's "Last updated"), to tell edits. */
  sourceUpdated: string | null;
  /** The record as the source gave it (for pages: what was read of them). */
  raw: unknown;
};

/** A record a reader could not turn into a notice, kept with its reason so nothing is lost silently. */
export type NoticeReject = { key: string | null; reason: string; raw: unknown };

export type ReadNotices = { notices: EarlyNotice[]; rejects: NoticeReject[] };
