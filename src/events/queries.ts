import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { modelSpellings } from '../inventory/model-reports';
import { ftsQuery } from '../recalls/browse/search';
import type { EventFilters } from './filters';
import { indexedOnRequestAtMost } from './index-keeper';
import { type ManufacturerName, manufacturerVariants } from './manufacturers';
import { markedPassages } from './marked-words';
import { eventIndexBacklog, refreshEventSearch } from './search-index';

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

export type Facet = { value: string; count: number };

/**
 * How many of the reports found fall in one group of the index (migration 0010): reports alike
 * in brand, model, generic name, month received (YYYY-MM, or '' undated) and event type.
 */
export type GroupCount = {
  brand: string | null;
  model: string | null;
  generic: string | null;
  month: string;
  eventType: string;
  reports: number;
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

const spellings = (value: string) => [...new Set([value, value.toUpperCase(), value.toLowerCase()])];
const globPrefix = (value: string) => `${value.replace(/[*?[\]]/g, '')}*`;
const nameIds = (values: string[]) =>
  sql`(SELECT id FROM maude_search_names WHERE value IN (SELECT value FROM json_each(${JSON.stringify(values)})))`;
const all = (conditions: SQL[]) => (conditions.length ? sql.join(conditions, sql` AND `) : sql`1`);
const lastDayOf = (day: string) =>
  new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();

/**
 * What the filters ask, split by where it can be answered: of the groups (conditions on g,
 * maude_search_groups), of each report (conditions on i, maude_search_ids: a range of days that
 * does not start or end with a month, a catalog number or UDI-DI, which any device of the report
 * may carry), and of the narratives (an FTS5 query).
 */
type Selection = { groups: SQL[]; reports: SQL[]; match: string | null };

function selectionOf(f: EventFilters, variants: string[] | null): Selection {
  const groups: SQL[] = [];
  const reports: SQL[] = [];
  if (variants) groups.push(sql`g.maker IN ${nameIds(variants)}`);
  // MAUDE spells brands and models in upper case mostly: each is looked for as typed and upper-cased.
  if (f.brand)
    groups.push(sql`g.brand IN (SELECT id FROM maude_search_names
      WHERE value GLOB ${globPrefix(f.brand.toUpperCase())} OR value GLOB ${globPrefix(f.brand)})`);
  if (f.model) {
    const models = modelSpellings(f.model);
    groups.push(sql`g.model IN ${nameIds(models.length ? models : spellings(f.model))}`);
  }
  if (f.productCode) groups.push(sql`g.product_code = ${f.productCode}`);
  if (f.eventType) groups.push(sql`g.event_type = ${f.eventType}`);
  if (f.from) {
    groups.push(sql`g.month >= ${f.from.slice(0, 7)}`);
    if (!f.from.endsWith('-01')) reports.push(sql`i.received >= ${f.from}`);
  }
  if (f.to) {
    groups.push(sql`g.month != '' AND g.month <= ${f.to.slice(0, 7)}`);
    if (Number(f.to.slice(8, 10)) !== lastDayOf(f.to)) reports.push(sql`i.received <= ${f.to}`);
  }
  if (f.catalog)
    reports.push(sql`i.report_key IN (SELECT d.report_key FROM maude_devices d
      WHERE d.catalog_number IN (SELECT value FROM json_each(${JSON.stringify(spellings(f.catalog))})))`);
  if (f.udiDi)
    reports.push(sql`i.report_key IN (SELECT d.report_key FROM maude_devices d WHERE d.udi_di = ${f.udiDi})`);
  return { groups, reports, match: f.text ? ftsQuery(f.text) : null };
}

/**
 * The reports' part of a query over the index: its FROM and WHERE, driven by the narrative hits
 * when there are words, else by the date index (`date`, for a page of a broad result, which fills
 * at once) or by the groups' reports (`group`). A unary plus keeps SQLite from driving by the
 * groups anyway: with words, that would walk most of a million reports for a large maker and
 * look each one up in the narratives.
 */
function hitsOf(s: Selection, via?: 'date' | 'group'): SQL {
  const driving = !s.match && via !== 'date';
  const inGroups = s.groups.length
    ? [
        sql`${driving ? sql`i.group_id` : sql`+i.group_id`} IN (SELECT g.id FROM maude_search_groups g WHERE ${all(s.groups)})`,
      ]
    : [];
  if (s.match)
    return sql`maude_search s JOIN maude_search_ids i ON i.id = s.rowid
      WHERE ${all([sql`maude_search MATCH ${s.match}`, ...inGroups, ...s.reports])}`;
  const index =
    via === 'date'
      ? sql`INDEXED BY maude_search_ids_received`
      : via === 'group' && s.groups.length
        ? sql`INDEXED BY maude_search_ids_group`
        : sql``;
  return sql`maude_search_ids i ${index} WHERE ${all([...inGroups, ...s.reports])}`;
}

/** The reports found, counted per group: read from the groups alone when nothing asks of each report. */
function groupCounts(db: Db, s: Selection): GroupCount[] {
  const counted =
    s.match || s.reports.length
      ? sql`SELECT i.group_id AS id, count(*) AS reports FROM ${hitsOf(s)} GROUP BY i.group_id`
      : sql`SELECT g.id AS id, g.reports AS reports FROM maude_search_groups g WHERE ${all(s.groups)}`;
  return db.all<GroupCount>(sql`
    SELECT br.value AS brand, mo.value AS model, ge.value AS generic, g.month AS month,
           g.event_type AS eventType, c.reports AS reports
    FROM (${counted}) c
    JOIN maude_search_groups g ON g.id = c.id
    LEFT JOIN maude_search_names br ON br.id = g.brand
    LEFT JOIN maude_search_names mo ON mo.id = g.model
    LEFT JOIN maude_search_names ge ON ge.id = g.generic`);
}

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
  const variants = f.manufacturer ? manufacturerVariants(names(), f.manufacturer) : [];
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

/** MAUDE spells one brand several ways in case; upper-cased they count as one. */
export const asOne = (value: string) => value.trim().toUpperCase();

/**
 * Counts of the reports by a value of their group, most first, blanks left out. `normalise`
 * runs once per distinct value (a large maker's result has over 10,000 groups but a few
 * hundred brands), and values it makes equal are counted together.
 */
export function tally(
  counts: GroupCount[],
  by: (c: GroupCount) => string | null,
  limit: number,
  normalise: (value: string) => string = (value) => value,
): Facet[] {
  const byValue = new Map<string, number>();
  for (const c of counts) {
    const value = by(c);
    if (value) byValue.set(value, (byValue.get(value) ?? 0) + c.reports);
  }
  const totals = new Map<string, number>();
  for (const [value, count] of byValue) {
    const key = normalise(value);
    if (key) totals.set(key, (totals.get(key) ?? 0) + count);
  }
  return [...totals]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit);
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
      eventType: tally(counts, (c) => c.eventType, 10),
      brand: tally(counts, (c) => c.brand, 10, asOne),
      model: tally(counts, (c) => c.model, 10, asOne),
      year: tally(counts, (c) => c.month.slice(0, 4), 50).sort((a, b) => (a.value < b.value ? 1 : -1)),
    },
  };
}
