import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { currentFirmIndex } from '../matching/aliases';
import { type FirmIndex, firmNames, normaliseFirmName } from '../matching/firms';
import { eventIndexVersion } from './search-index';

export type ManufacturerName = { name: string; reports: number };

/**
 * The ways MAUDE spells the manufacturer asked for: every name whose firm names (normalised as
 * the matcher does: case, punctuation, legal forms and initials set aside) begin with the words
 * asked, so "Baxter" gathers "BAXTER HEALTHCARE CORPORATION" and "Baxter Healthcare Corp.", and
 * "Becton Dickinson" gathers "BECTON, DICKINSON AND CO." but "Bax" alone gathers nothing. With
 * the firm identity the matcher uses (`firms`), every name of the same business is gathered too,
 * however it is written: "Philips Respironics" and "Respironics" find the same reports.
 */
export function manufacturerVariants(
  names: ManufacturerName[],
  asked: string,
  firms?: FirmIndex,
): ManufacturerName[] {
  const want = normaliseFirmName(asked);
  if (!want) return [];
  const parts = firmsOf(names);
  const businesses = new Set(firms ? firmNames(asked).map((n) => firms.businessOf(n)) : []);
  businesses.delete(null);
  const business = businessesOf(names, parts, firms);
  return names
    .filter(
      (_, i) =>
        parts[i]!.some((firm) => firm === want || firm.startsWith(`${want} `)) ||
        (business?.[i] ?? []).some((b) => b !== null && businesses.has(b)),
    )
    .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
}

/** Each name's businesses, worked out once per list of names and firm identity. */
const businessCache = new WeakMap<ManufacturerName[], { firms: FirmIndex; of: (string | null)[][] }>();
function businessesOf(names: ManufacturerName[], parts: string[][], firms: FirmIndex | undefined) {
  if (!firms) return null;
  const known = businessCache.get(names);
  if (known?.firms === firms) return known.of;
  const of = parts.map((p) => p.map((n) => firms.businessOf(n)));
  businessCache.set(names, { firms, of });
  return of;
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

/**
 * The matcher's firm identity for the manufacturer search, kept until the alias table changes
 * (a person confirming a match can add an alias).
 */
const identities = new WeakMap<Db, { version: string; firms: FirmIndex }>();
export function searchFirms(db: Db): FirmIndex {
  const row = db.get<{ n: number; at: string | null }>(
    sql`SELECT count(*) AS n, max(created_at) AS at FROM firm_aliases`,
  );
  const version = `${row.n}|${row.at}`;
  const known = identities.get(db);
  if (known?.version === version) return known.firms;
  const firms = currentFirmIndex(db);
  identities.set(db, { version, firms });
  return firms;
}
