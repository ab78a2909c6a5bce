import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assets } from '../db/schema';

export type StoredAsset = typeof assets.$inferSelect;
export type NewAsset = typeof assets.$inferInsert;

/** Every asset, in asset-tag order: an inventory is thousands of rows, not millions. */
export function allAssets(db: Db): StoredAsset[] {
  return db.select().from(assets).orderBy(assets.assetTag).all();
}

export function insertAsset(db: Db, row: NewAsset): void {
  db.insert(assets).values(row).run();
}

/** Replaces an asset's columns; created_at is the caller's to keep. */
export function updateAsset(db: Db, row: NewAsset): void {
  db.update(assets).set(row).where(eq(assets.assetTag, row.assetTag)).run();
}
