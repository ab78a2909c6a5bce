import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { type EventFilters, noTypeGiven } from './filters';
import { indexedOnRequestAtMost } from './index-keeper';
import { type ManufacturerName, manufacturerVariants, searchFirms } from './manufacturers';
import { markedPassages } from './marked-words';
import { eventIndexBacklog, refreshEventSearch } from './search-index';
import { type GroupCount, groupCounts, hitsOf, type Selection, selectionOf } from './selection';
import { asOne, type Facet, tally } from './tally';

export type EventRow = {
  reportKey: string;
  reportNumber: string | null;
  dateReceived: string | null;
  eventType: string | null;
  manufacturer: string | null;
  brand: string | null;
  model: string | null;
  /** The narrative around the words asked (marked), or its beginning. */
  snippet: string | null;
};

/**
 * The reports a search finds, counted by group, and the manufacturer names it gathered. `behind`
 * is how many stored reports the narrative index has still to take in (and the search could not
 * see): 0 unless a large sync or import has just landed.
 */
export type EventCounts = { variants: ManufacturerName[]; counts: GroupCount[]; behind: number };

export type EventSearch = EventCounts & {
  total: number;
  rows: EventRow[];
  /** Best match first, or newest first (always without narrative words; with them, past `rankedAtMost`). */
  order: 'relevance' | 'newest';
  facets: { eventType: Facet[]; brand: Facet[]; model: Facet[]; year: Facet[] };
};

/**
 * Ranking reads every hit's word positions and length: 60-100 ms for 50,000 hits of a million
 * reports. Past this many, results come newest first, and narrowing the search ranks them again.
 */
export const rankedAtMost = 20_000;

/**
 * Without narrative words, a result of more than this many reports is read newest first down the
 * date index until the page is full; a smaller one is gathered group by group and sorted.
 */
const broadAtLeast = 20_000;

/** Indexes a small backlog on the spot; returns how many reports are left for the index keeper. */
function catchUpIfSmall(db: Db): number {
  const { pending, missing } = eventIndexBacklog(db);
  if (pending + missing === 0) return 0;
  if (pending + missing > indexedOnRequestAtMost) return pending + missing;
  refreshEventSearch(db);
  return 0;
}

/** Brings the index up to date, gathers the manufacturer's names and turns the filters into a selection. */
function prepare(
  db: Db,
  names: () => ManufacturerName[],
  f: EventFilters,
): { variants: ManufacturerName[]; selection: Selection | null; behind: number } {
  const behind = catchUpIfSmall(db);
  const variants = f.manufacturer ? manufacturerVariants(names(), f.manufacturer, searchFirms(db)) : [];
  if (f.manufacturer && variants.length === 0) return { variants, selection: null, behind };
  return {
    variants,
    selection: selectionOf(f, f.manufacturer ? variants.map((v) => v.name) : null),
    behind,
  };
}

/** The reports the filters find, counted by group: what facets and trends are made from. */
export function countEvents(db: Db, names: () => ManufacturerName[], f: EventFilters): EventCounts {
  const { variants, selection, behind } = prepare(db, names, f);
  return { variants, counts: selection ? groupCounts(db, selection) : [], behind };
}

/** The ids of one page of the reports found, in the order asked. */
function pageIds(
  db: Db,
  s: Selection,
  order: EventSearch['order'],
  broad: boolean,
  page: { page: number; pageSize: number },
): number[] {
  const newest = sql`i.received DESC, i.id DESC`;
  return db
    .all<{ id: number }>(sql`
      SELECT i.id AS id FROM ${hitsOf(s, broad ? 'date' : 'group')}
      ORDER BY ${order === 'relevance' ? sql`s.rank, ${newest}` : newest}
      LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`)
    .map((r) => r.id);
}

/** Reports are read for a list this many at a time, so a long CSV never holds every narrative at once. */
const rowsAtOnce = 1000;

/**
 * What a results list shows of each report, for the ids given, in their order: with narrative
 * words, the passage around them (marked), else the description of the event's beginning.
 */
function rowsOf(db: Db, ids: number[], match: string | null): EventRow[] {
  const rows: EventRow[] = [];
  for (let at = 0; at < ids.length; at += rowsAtOnce) {
    const chunk = ids.slice(at, at + rowsAtOnce);
    const found = db.all<Omit<EventRow, 'snippet'> & { id: number; text: string | null }>(sql`
      SELECT i.id AS id, r.report_key AS reportKey, r.report_number AS reportNumber,
             r.date_received AS dateReceived, r.event_type AS eventType,
             coalesce(d.manufacturer_d_name, r.manufacturer_name) AS manufacturer,
             d.brand_name AS brand, d.model_number AS model,
             ${
               match
                 ? sql`(SELECT group_concat(t.text, char(10)) FROM maude_texts t WHERE t.report_key = r.report_key)`
                 : sql`(SELECT substr(t.text, 1, 240) FROM maude_texts t WHERE t.report_key = r.report_key
                        ORDER BY (t.text_type_code = 'Description of Event or Problem') DESC, t.position LIMIT 1)`
             } AS text
      FROM maude_search_ids i
      JOIN maude_reports r ON r.report_key = i.report_key
      LEFT JOIN maude_devices d ON d.report_key = r.report_key AND d.position = 0
      WHERE i.id IN (SELECT value FROM json_each(${JSON.stringify(chunk)}))`);
    const passages = match ? markedPassages(match, new Map(found.map((r) => [r.id, r.text ?? '']))) : null;
    const byId = new Map(
      found.map(({ id, text, ...row }) => [
        id,
        { ...row, snippet: passages ? (passages.get(id) ?? null) : text },
      ]),
    );
    for (const id of chunk) {
      const row = byId.get(id);
      if (row) rows.push(row);
    }
  }
  return rows;
}

/**
 * Searches MAUDE: the page of reports asked for, how many there are, and counts by event type,
 * brand, model and year beside them. The counts come from one pass over the hits, by group; the
 * page from a second, which stops at the page where an index allows.
 */
export function searchEvents(
  db: Db,
  names: () => ManufacturerName[],
  f: EventFilters,
  page: { page: number; pageSize: number },
): EventSearch {
  const { variants, selection, behind } = prepare(db, names, f);
  const counts = selection ? groupCounts(db, selection) : [];
  const total = counts.reduce((n, c) => n + c.reports, 0);
  const order = selection?.match && total <= rankedAtMost ? 'relevance' : 'newest';
  const rows =
    selection && total > 0
      ? rowsOf(db, pageIds(db, selection, order, total >= broadAtLeast, page), selection.match)
      : [];
  return {
    total,
    rows,
    order,
    variants,
    counts,
    behind,
    facets: {
      eventType: tally(counts, (c) => c.eventType || noTypeGiven, 10),
      brand: tally(counts, (c) => c.brand, 10, asOne),
      model: tally(counts, (c) => c.model, 10, asOne),
      year: tally(counts, (c) => c.month.slice(0, 4), 50).sort((a, b) => (a.value < b.value ? 1 : -1)),
    },
  };
}

/** The months (YYYY-MM) for which Vigil stores any MAUDE report: a few hundred group months. */
export function heldMonths(db: Db): Set<string> {
  return new Set(
    db
      .all<{ month: string }>(sql`SELECT DISTINCT month FROM maude_search_groups WHERE month != ''`)
      .map((r) => r.month),
  );
}
