import fs from 'node:fs';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { assetDispositions, assets, matchDecisions, recallMatches } from '../db/schema';
import { projectRoot } from '../shared/paths';
import { Refusal } from '../shared/refusal';
import { readCsv } from './csv';
import { type InventoryImportResult, importInventory } from './import';

/**
 * The sample inventory: about 40 common hospital devices we wrote (no hospital's data), so that a
 * new install shows recalls matched to something before the team loads its own export. Its asset
 * tags are the list of what it loaded: removing it removes exactly those assets.
 */
export const sampleFile = path.join(projectRoot, 'data', 'sample-inventory.csv');

// Read once: the inbox asks on every render whether the sample is loaded.
let tags: string[] | null = null;

export function sampleTags(): string[] {
  if (tags) return tags;
  const table = readCsv(fs.readFileSync(sampleFile, 'utf8'));
  const tag = table.header.indexOf('asset_tag');
  tags = table.records.map((r) => (r.cells[tag] ?? '').trim()).filter(Boolean);
  return tags;
}

/** Whether the inventory is empty, and how many sample devices are loaded. */
export function sampleState(db: Db): { noInventory: boolean; loaded: number } {
  const row = db.get<{ all: number; sample: number }>(sql`SELECT count(*) AS "all",
    count(*) FILTER (WHERE asset_tag IN (${sql.join(
      sampleTags().map((t) => sql`${t}`),
      sql`, `,
    )})) AS sample FROM assets`)!;
  return { noInventory: row.all === 0, loaded: row.sample };
}

/** Loads the sample, only into an empty inventory: it must never mix with a hospital's devices. */
export function loadSample(deps: { db: Db; now: () => Date }, by: Actor): InventoryImportResult {
  const { db, now } = deps;
  if (!sampleState(db).noInventory)
    throw new Refusal('the sample inventory loads only into an empty inventory; this one has devices');
  // One transaction: the assets and their audit row go in together (the import's own nests in it).
  return writeTransaction(db, () => {
    const result = importInventory(deps, { file: sampleFile });
    if (!result.written)
      throw new Refusal(`the sample inventory did not load: ${result.problem ?? 'its rows have errors'}`);
    audit(db, by, now(), {
      action: 'inventory.sample.loaded',
      entity: 'inventory',
      entityId: 'sample',
      after: { assets: result.addedTags.length },
    });
    return result;
  });
}

/**
 * Removes the sample's assets, their matches, decisions and dispositions, and the cases only they
 * opened; a case some other device also matches stays. Returns how many assets went.
 */
export function removeSample(db: Db, by: Actor, now: Date): number {
  const tags = sampleTags();
  return writeTransaction(db, () => {
    const present = db
      .select({ tag: assets.assetTag })
      .from(assets)
      .where(inArray(assets.assetTag, tags))
      .all()
      .map((r) => r.tag);
    if (present.length === 0) throw new Refusal('the sample inventory is not loaded');
    const recallsHit = db
      .selectDistinct({ id: recallMatches.productResNumber })
      .from(recallMatches)
      .where(inArray(recallMatches.assetTag, present))
      .all()
      .map((r) => r.id);
    db.delete(recallMatches).where(inArray(recallMatches.assetTag, present)).run();
    db.delete(matchDecisions).where(inArray(matchDecisions.assetTag, present)).run();
    db.delete(assetDispositions).where(inArray(assetDispositions.assetTag, present)).run();
    db.run(
      sql`DELETE FROM match_pending WHERE kind = 'asset' AND key IN (${sql.join(
        present.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    );
    db.delete(assets).where(inArray(assets.assetTag, present)).run();
    // A case no remaining device matches was the sample's alone.
    const cases = recallsHit.length
      ? db.run(
          sql`DELETE FROM recall_cases WHERE product_res_number IN (${sql.join(
            recallsHit.map((t) => sql`${t}`),
            sql`, `,
          )}) AND NOT EXISTS (SELECT 1 FROM recall_matches m WHERE m.product_res_number = recall_cases.product_res_number)`,
        ).changes
      : 0;
    audit(db, by, now, {
      action: 'inventory.sample.removed',
      entity: 'inventory',
      entityId: 'sample',
      after: { assets: present.length, cases },
    });
    return present.length;
  });
}
