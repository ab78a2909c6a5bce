import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { projectRoot } from '../config';
import { type Db, writeTransaction } from '../db/client';
import { firmAliases } from '../db/schema';
import { createFirmIndex, type FirmAlias, normaliseFirmName } from './firms';

/** The alias table we ship: reviewable and editable by hand. */
export const seedFile = path.join(projectRoot, 'data', 'firm-aliases.csv');

type SeedRow = { family: string; name: string; note?: string };

export function readSeedAliases(file = seedFile): SeedRow[] {
  const rows = parse(fs.readFileSync(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as SeedRow[];
  return rows.filter((r) => r.family && r.name);
}

/**
 * Brings the database's seeded aliases in line with the file (an edit to the file takes effect,
 * a line removed from it is removed), leaving the ones people confirmed alone, and returns all.
 */
export function loadFirmAliases(db: Db, now: Date, file = seedFile): FirmAlias[] {
  const seeds = readSeedAliases(file);
  const at = now.toISOString();
  writeTransaction(db, () => {
    db.delete(firmAliases).where(eq(firmAliases.source, 'seed')).run();
    for (const seed of seeds) {
      db.insert(firmAliases)
        .values({
          name: normaliseFirmName(seed.name),
          family: normaliseFirmName(seed.family),
          source: 'seed',
          note: seed.note || null,
          createdAt: at,
        })
        .onConflictDoNothing()
        .run();
    }
  });
  return db.select({ name: firmAliases.name, family: firmAliases.family }).from(firmAliases).all();
}

/** Records that a person confirmed two names as one family; returns whether it was new. */
export function learnAlias(
  db: Db,
  alias: { name: string; family: string; by: string; note: string },
  now: Date,
) {
  const name = normaliseFirmName(alias.name);
  const known = db
    .select()
    .from(firmAliases)
    .where(and(eq(firmAliases.name, name), eq(firmAliases.family, alias.family)))
    .get();
  if (known) return false;
  db.insert(firmAliases)
    .values({
      name,
      family: alias.family,
      source: 'confirmed',
      note: alias.note,
      createdBy: alias.by,
      createdAt: now.toISOString(),
    })
    .run();
  return true;
}

/**
 * The firm identity as it stands, read without writing: the stored aliases (seeded and confirmed),
 * or the shipped table where matching has not run yet. For the MAUDE manufacturer search.
 */
export function currentFirmIndex(db: Db) {
  const stored = db.select({ name: firmAliases.name, family: firmAliases.family }).from(firmAliases).all();
  const aliases =
    stored.length > 0
      ? stored
      : readSeedAliases().map((r) => ({
          name: normaliseFirmName(r.name),
          family: normaliseFirmName(r.family),
        }));
  return createFirmIndex(aliases);
}
