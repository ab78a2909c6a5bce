import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { firmNames, normaliseFirmName } from '../matching/firms';

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
  return names
    .filter(({ name }) => firmNames(name).some((firm) => firm === want || firm.startsWith(`${want} `)))
    .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
}

/**
 * Every manufacturer name MAUDE's devices carry, with how many reports name it. A grouping over
 * the whole table (a few hundred milliseconds on a million reports), so it is kept until the
 * database changes, from this process or another.
 */
export function createManufacturerNames(db: Db) {
  const version = db.$client.prepare('SELECT total_changes() AS c').pluck();
  const dataVersion = db.$client.prepare('PRAGMA data_version').pluck();
  let cached: { key: string; names: ManufacturerName[] } | null = null;
  return (): ManufacturerName[] => {
    const key = `${dataVersion.get()}|${version.get()}`;
    if (cached?.key !== key) {
      const names = db.all<ManufacturerName>(sql`
        SELECT manufacturer_d_name AS name, count(DISTINCT report_key) AS reports
        FROM maude_devices WHERE manufacturer_d_name IS NOT NULL GROUP BY manufacturer_d_name`);
      cached = { key, names };
    }
    return cached.names;
  };
}
export type ManufacturerNames = ReturnType<typeof createManufacturerNames>;
