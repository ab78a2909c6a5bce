import { asc, sql } from 'drizzle-orm';
import type { AssetListRow } from '../../views/inventory/inventory';
import type { AssetListing } from '../../views/inventory/listing';
import type { SequesteredMark } from '../../views/shared/sequestered';
import type { Db } from '../db/client';
import { assets } from '../db/schema';
import { countedMatch } from '../recalls/counted';
import { pageSize } from './listing';
import { buildSearchIndex, type SearchIndex } from './search-index';

/**
 * The matches that make a recall open for an asset: suggested at medium confidence or above and
 * not decided, or confirmed; and the recall's case, if it has one yet, not closed.
 */
const openMatch = sql`${countedMatch}
  AND coalesce(c.state, 'new') <> 'closed'`;

/** A JSON list of asset tags, passed as one parameter so that each query is prepared once. */
const tagList = sql`(SELECT value FROM json_each(${sql.placeholder('tags')}))`;

/**
 * The list's queries, prepared once per database: at 50 concurrent searches, compiling the SQL
 * again for every request costs more than running it.
 */
function prepare(db: Db) {
  return {
    // Two subqueries: together in one SELECT, max() could not use its index.
    version: db
      .select({
        v: sql<string>`coalesce((SELECT max(updated_at) FROM assets), '') || '|' || (SELECT count(*) FROM assets)`,
      })
      .from(sql`(SELECT 1)`)
      .prepare(),
    page: db
      .select({
        assetTag: assets.assetTag,
        manufacturer: assets.manufacturer,
        model: assets.model,
        serialNumber: assets.serialNumber,
        department: assets.department,
        location: assets.location,
        status: assets.status,
      })
      .from(assets)
      .where(sql`${assets.assetTag} IN ${tagList}`)
      .orderBy(asc(assets.assetTag))
      .prepare(),
    openRecalls: db
      .select({ tag: sql<string>`m.asset_tag`, n: sql<number>`count(*)` })
      .from(sql`recall_matches m
        LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
        LEFT JOIN recall_cases c ON c.product_res_number = m.product_res_number`)
      .where(sql`m.asset_tag IN ${tagList} AND ${openMatch}`)
      .groupBy(sql`m.asset_tag`)
      .prepare(),
  };
}

const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();
const queriesOf = (db: Db) => {
  const known = prepared.get(db);
  if (known) return known;
  const queries = prepare(db);
  prepared.set(db, queries);
  return queries;
};

type Cached = { version: string; index: SearchIndex };
const indexes = new WeakMap<Db, Cached>();

/**
 * The inventory's word index (see search-index.ts), rebuilt when the assets change. Only an
 * import writes assets, it stamps every row it writes, and it never deletes one, so the newest
 * stamp and the count (both read from indexes) tell whether the index is current, whichever
 * process did the import.
 */
function searchIndexOf(db: Db): SearchIndex {
  const version = queriesOf(db).version.get()?.v ?? '';
  const cached = indexes.get(db);
  if (cached?.version === version) return cached.index;
  const rows = db
    .select({
      assetTag: assets.assetTag,
      manufacturer: assets.manufacturer,
      model: assets.model,
      serialNumber: assets.serialNumber,
      deviceName: assets.deviceName,
      location: assets.location,
      department: assets.department,
      status: assets.status,
    })
    .from(assets)
    .orderBy(asc(assets.assetTag))
    .all();
  const index = buildSearchIndex(rows);
  indexes.set(db, { version, index });
  return index;
}

/**
 * One page of the list, with each asset's open recalls and whether it is sequestered (`held`: the
 * marks incidents keep, by asset tag), and how many assets the search and filters found in all.
 */
export function searchAssets(
  db: Db,
  listing: AssetListing,
  held: ReadonlyMap<string, SequesteredMark> = new Map(),
): { rows: AssetListRow[]; total: number } {
  const { total, tags } = searchIndexOf(db).find(listing, (listing.page - 1) * pageSize, pageSize);
  if (tags.length === 0) return { rows: [], total };
  const queries = queriesOf(db);
  const json = JSON.stringify(tags);
  const rows = queries.page.all({ tags: json });
  const counts = new Map(queries.openRecalls.all({ tags: json }).map((r) => [r.tag, r.n]));
  return {
    rows: rows.map((r) => ({
      ...r,
      openRecalls: counts.get(r.assetTag) ?? 0,
      sequestered: held.get(r.assetTag) ?? null,
    })),
    total,
  };
}

/** The values the list's filters offer, as the index holds them. */
export function filterChoices(db: Db) {
  return searchIndexOf(db).choices;
}
