import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assets, matchDecisions, recallMatches } from '../db/schema';
import { firmNames } from './firms';
import type { Confidence } from './score';

export type MatchRow = {
  assetTag: string;
  productResNumber: string;
  score: number;
  confidence: Confidence;
  status: 'suggested' | 'confirmed';
  lotStatus: string | null;
  reasons: string[];
};

const atLeast: Record<Confidence, Confidence[]> = {
  low: ['low', 'medium', 'high'],
  medium: ['medium', 'high'],
  high: ['high'],
};

/**
 * The engine's suggestions at or above a confidence, with what people decided; a confirmed pair
 * is always listed, whatever its confidence.
 */
export function listMatches(db: Db, minConfidence: Confidence = 'low'): MatchRow[] {
  return db
    .select({
      assetTag: recallMatches.assetTag,
      productResNumber: recallMatches.productResNumber,
      score: recallMatches.score,
      confidence: recallMatches.confidence,
      decision: matchDecisions.decision,
      lotStatus: recallMatches.lotStatus,
      reasons: recallMatches.reasons,
    })
    .from(recallMatches)
    .leftJoin(
      matchDecisions,
      and(
        eq(matchDecisions.assetTag, recallMatches.assetTag),
        eq(matchDecisions.productResNumber, recallMatches.productResNumber),
      ),
    )
    .where(
      sql`(${inArray(recallMatches.confidence, atLeast[minConfidence])} OR ${matchDecisions.decision} = 'confirmed')`,
    )
    .orderBy(sql`${recallMatches.score} DESC`, recallMatches.assetTag, recallMatches.productResNumber)
    .all()
    .map(({ decision, ...row }) => ({
      ...row,
      status: decision === 'confirmed' ? 'confirmed' : 'suggested',
    }));
}

/**
 * What MAUDE sync should follow from the inventory: the product codes and manufacturers of the
 * devices in use (a retired device's reports are history the hospital no longer needs kept).
 */
export function followedByInventory(db: Db): { productCodes: string[]; manufacturers: string[] } {
  const rows = db
    .selectDistinct({ productCode: assets.productCode, manufacturer: assets.manufacturer })
    .from(assets)
    .where(sql`coalesce(lower(${assets.status}), '') NOT IN ('retired', 'disposed')`)
    .all();
  return {
    productCodes: [...new Set(rows.flatMap((r) => (r.productCode ? [r.productCode] : [])))],
    // "Cardinal Health (CareFusion)" is searched as both of its names.
    manufacturers: [...new Set(rows.flatMap((r) => firmNames(r.manufacturer ?? '')))],
  };
}
