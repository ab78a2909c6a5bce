import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { modelSpellings } from '../inventory/model-reports';
import { ftsQuery } from '../recalls/browse/search';
import type { EventFilters } from './filters';
import { type ManufacturerName, manufacturerVariants } from './manufacturers';
import { refreshEventSearch } from './search-index';

/** Marks a highlighted word in a snippet: control characters no narrative holds. */
export const markStart = '\u0002';
export const markEnd = '\u0003';

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

export type EventSearch = {
  total: number;
  rows: EventRow[];
  /** The manufacturer names the search gathered, when a manufacturer was asked for. */
  variants: ManufacturerName[];
  facets: { eventType: Facet[]; brand: Facet[]; model: Facet[]; year: Facet[] };
};

const spellings = (value: string) => [...new Set([value, value.toUpperCase(), value.toLowerCase()])];
const globPrefix = (value: string) => `${value.replace(/[*?[\]]/g, '')}*`;

/**
 * The reports the filters select, as a SELECT of report keys (with the FTS rank when the
 * narratives are searched). Each device filter is one indexed lookup on maude_devices; MAUDE
 * spells brands and models in upper case mostly, so each is looked up as typed and upper-cased.
 * With narrative words, the unary plus keeps SQLite from looking up the device set once per
 * matching narrative (2.7 s instead of 9 ms on the real corpus): the FTS hits drive, and the
 * devices are one list checked against.
 */
export function eventSelection(f: EventFilters, variants: string[] | null): { keys: SQL; ranked: boolean } {
  const device: SQL[] = [];
  if (variants)
    device.push(sql`d.manufacturer_d_name IN (SELECT value FROM json_each(${JSON.stringify(variants)}))`);
  if (f.brand)
    device.push(
      sql`(d.brand_name GLOB ${globPrefix(f.brand.toUpperCase())} OR d.brand_name GLOB ${globPrefix(f.brand)})`,
    );
  if (f.model) {
    const models = modelSpellings(f.model);
    device.push(
      sql`d.model_number IN (SELECT value FROM json_each(${JSON.stringify(models.length ? models : spellings(f.model))}))`,
    );
  }
  if (f.catalog)
    device.push(
      sql`d.catalog_number IN (SELECT value FROM json_each(${JSON.stringify(spellings(f.catalog))}))`,
    );
  if (f.productCode) device.push(sql`d.product_code = ${f.productCode}`);
  if (f.udiDi) device.push(sql`d.udi_di = ${f.udiDi}`);
  const report: SQL[] = [];
  if (f.from) report.push(sql`r.date_received >= ${f.from}`);
  if (f.to) report.push(sql`r.date_received <= ${f.to}`);
  if (f.eventType) report.push(sql`r.event_type = ${f.eventType}`);
  const devices = device.length
    ? sql`(SELECT d.report_key FROM maude_devices d WHERE ${sql.join(device, sql` AND `)})`
    : null;
  const match = f.text ? ftsQuery(f.text) : null;
  if (!match) {
    if (devices) report.push(sql`r.report_key IN ${devices}`);
    const where = report.length ? sql`WHERE ${sql.join(report, sql` AND `)}` : sql``;
    return {
      keys: sql`SELECT r.report_key AS report_key, NULL AS rank FROM maude_reports r ${where}`,
      ranked: false,
    };
  }
  return {
    keys: sql`
      SELECT r.report_key AS report_key, s.rank AS rank
      FROM maude_search s
      JOIN maude_search_ids i ON i.id = s.rowid
      JOIN maude_reports r ON r.report_key = +i.report_key
      WHERE ${sql.join([sql`maude_search MATCH ${match}`, ...report, ...(devices ? [sql`+r.report_key IN ${devices}`] : [])], sql` AND `)}`,
    ranked: true,
  };
}

/**
 * Searches MAUDE: the page of reports asked for (best match first when the narratives are
 * searched, else newest first), how many there are, and counts by event type, brand, model and
 * year beside them.
 */
export function searchEvents(
  db: Db,
  names: () => ManufacturerName[],
  f: EventFilters,
  page: { page: number; pageSize: number },
): EventSearch {
  refreshEventSearch(db);
  const variants = f.manufacturer ? manufacturerVariants(names(), f.manufacturer) : [];
  const empty = { eventType: [], brand: [], model: [], year: [] };
  if (f.manufacturer && variants.length === 0) return { total: 0, rows: [], variants, facets: empty };
  const { keys, ranked } = eventSelection(f, f.manufacturer ? variants.map((v) => v.name) : null);
  db.run(sql`DROP TABLE IF EXISTS temp.event_hits`);
  db.run(sql`CREATE TEMP TABLE event_hits AS ${keys}`);
  try {
    const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM temp.event_hits`)!.n;
    const match = f.text ? ftsQuery(f.text) : null;
    const order = ranked ? sql`h.rank, r.date_received DESC` : sql`r.date_received DESC, r.report_key DESC`;
    const rows = db.all<EventRow>(sql`
      SELECT r.report_key AS reportKey, r.report_number AS reportNumber, r.date_received AS dateReceived,
             r.event_type AS eventType,
             coalesce((SELECT d.manufacturer_d_name FROM maude_devices d WHERE d.report_key = r.report_key ORDER BY d.position LIMIT 1), r.manufacturer_name) AS manufacturer,
             (SELECT d.brand_name FROM maude_devices d WHERE d.report_key = r.report_key ORDER BY d.position LIMIT 1) AS brand,
             (SELECT d.model_number FROM maude_devices d WHERE d.report_key = r.report_key ORDER BY d.position LIMIT 1) AS model,
             ${
               match
                 ? sql`(SELECT snippet(maude_search, 0, ${markStart}, ${markEnd}, '…', 24) FROM maude_search
                        JOIN maude_search_ids i ON i.id = maude_search.rowid
                        WHERE i.report_key = r.report_key AND maude_search MATCH ${match})`
                 : sql`(SELECT substr(t.text, 1, 240) FROM maude_texts t WHERE t.report_key = r.report_key
                        ORDER BY (t.text_type_code = 'Description of Event or Problem') DESC, t.position LIMIT 1)`
             } AS snippet
      FROM temp.event_hits h JOIN maude_reports r ON r.report_key = h.report_key
      ORDER BY ${order}
      LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`);
    const facet = (expr: SQL, joinDevices: boolean, limit: number) =>
      db.all<Facet>(sql`
        SELECT ${expr} AS value, count(DISTINCT h.report_key) AS count
        FROM temp.event_hits h
        ${joinDevices ? sql`JOIN maude_devices d ON d.report_key = h.report_key` : sql`JOIN maude_reports r ON r.report_key = h.report_key`}
        WHERE value IS NOT NULL AND value != ''
        GROUP BY value ORDER BY count DESC, value LIMIT ${limit}`);
    return {
      total,
      rows,
      variants,
      facets: {
        eventType: facet(sql`r.event_type`, false, 10),
        brand: facet(sql`upper(d.brand_name)`, true, 10),
        model: facet(sql`upper(d.model_number)`, true, 10),
        year: facet(sql`substr(r.date_received, 1, 4)`, false, 50).sort((a, b) =>
          b.value.localeCompare(a.value),
        ),
      },
    };
  } finally {
    db.run(sql`DROP TABLE IF EXISTS temp.event_hits`);
  }
}
