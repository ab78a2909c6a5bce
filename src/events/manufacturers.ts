import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { firmNames, normaliseFirmName } from '../matching/firms';
import { eventIndexVersion } from './search-index';

export type ManufacturerName = { name: string; reports: number };

/**
 * The ways MAUDE spells the manufacturer asked for: every name whose firm names (normalised as
 * the matcher does: case, punctuation, legal forms and initials set aside) begin with the words
 * asked, so "Baxter" gathers "BAXTER HEALTHCARE CORPORATION" and "Baxter Healthcare Corp.", and
 * "Becton Dickinson" gathers "BECTON, DICKINSON AND CO." but "Bax" alone gathers nothing.
 */
export function manufacturerVariants(names: ManufacturerName[], asked: string): ManufacturerName[] {
  const want = normaliseFirmName(asked);
  if (!want) return [];
  const firms = firmsOf(names);
  return names
    .filter((_, i) => firms[i]!.some((firm) => firm === want || firm.startsWith(`${want} `)))
    .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
}

/**
 * Each name's firm names, normalised once per list: normalising hundreds of names cost a search
 * about 10 ms, and the list itself is kept until MAUDE changes (createManufacturerNames).
 */
const normalised = new WeakMap<ManufacturerName[], string[][]>();
function firmsOf(names: ManufacturerName[]): string[][] {
  let firms = normalised.get(names);
  if (!firms) {
    firms = names.map(({ name }) => firmNames(name));
    normalised.set(names, firms);
  }
  return firms;
}

/**
 * Every manufacturer name MAUDE's devices carry (a report's first device), with how many reports
 * name it, as the search index counts them. Kept until the index changes, from this process or
 * another, so a search does not gather it again.
 */
export function createManufacturerNames(db: Db) {
  let cached: { version: number; names: ManufacturerName[] } | null = null;
  return (): ManufacturerName[] => {
    const version = eventIndexVersion(db);
    if (cached?.version !== version) {
      const names = db.all<ManufacturerName>(sql`
        SELECT n.value AS name, sum(g.reports) AS reports
        FROM maude_search_groups g JOIN maude_search_names n ON n.id = g.maker
        GROUP BY g.maker`);
      cached = { version, names };
    }
    return cached.names;
  };
}
export type ManufacturerNames = ReturnType<typeof createManufacturerNames>;
