import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assets } from '../db/schema';

export function findAsset(db: Db, assetTag: string) {
  return db.select().from(assets).where(eq(assets.assetTag, assetTag)).get();
}
