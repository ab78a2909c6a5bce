import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { matchDecisions, recallMatches } from '../db/schema';

/**
 * A match that counts, making a recall ours for a device: a suggestion at one of these
 * confidences that nobody has ruled on, or a pair a person confirmed. Lower suggestions are
 * candidates to check; a dismissed pair never counts. The one definition of the rule, in the
 * forms the queries and the pages need.
 */
export const countingConfidences = ['high', 'medium'] as const;

/** The rule over any two columns: a suggestion's confidence and the decision on its pair. */
export function countsOver(confidence: SQLWrapper, decision: SQLWrapper): SQL {
  const levels = sql.join(
    countingConfidences.map((c) => sql`${c}`),
    sql`, `,
  );
  return sql`((${confidence} IN (${levels}) AND ${decision} IS NULL) OR ${decision} = 'confirmed')`;
}

/** For SQL that calls recall_matches `m` and LEFT JOINs its match_decisions row as `d`. */
export const countedMatch = countsOver(sql`m.confidence`, sql`d.decision`);

/** For queries over the recall_matches and match_decisions tables themselves. */
export const countedPair = countsOver(recallMatches.confidence, matchDecisions.decision);

/** The same rule for a pair already read. */
export const isCountedMatch = (pair: { confidence: string; decision: string | null }) =>
  pair.decision === 'confirmed' ||
  (pair.decision === null && (countingConfidences as readonly string[]).includes(pair.confidence));

/** The devices a recall (or an early notice) counts as ours. */
export function countedDevices(db: Db, productResNumber: string): Set<string> {
  return new Set(
    db
      .all<{ tag: string }>(sql`
        SELECT m.asset_tag AS tag FROM recall_matches m
        LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
        WHERE m.product_res_number = ${productResNumber} AND ${countedMatch}`)
      .map((r) => r.tag),
  );
}
