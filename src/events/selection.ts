import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { ftsQuery } from '../shared/fts';
import { type EventFilters, storedEventType } from './filters';
import { modelSpellings } from './model-spellings';

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
export type Selection = { groups: SQL[]; reports: SQL[]; match: string | null };

export function selectionOf(f: EventFilters, variants: string[] | null): Selection {
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
  if (f.eventType) groups.push(sql`g.event_type = ${storedEventType(f.eventType)}`);
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
export function hitsOf(s: Selection, via?: 'date' | 'group'): SQL {
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
export function groupCounts(db: Db, s: Selection): GroupCount[] {
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
