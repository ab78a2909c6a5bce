import { and, eq } from 'drizzle-orm';
import { audit } from '../audit/log';
import type { Db } from '../db/client';
import { assets, matchDecisions, recallMatches, recalls } from '../db/schema';
import { openCases } from '../recalls/cases';
import { learnAlias, loadFirmAliases } from './aliases';
import { createFirmIndex, firmRelation } from './firms';

export type Decision = 'confirmed' | 'dismissed';

export class DecisionError extends Error {}

export type DecisionResult = { decision: Decision; learnedAlias: string | null };

/**
 * Records what a person decided about an asset and a recall. A dismissal removes the suggestion
 * and keeps it from coming back; a confirmation keeps the pair whatever the engine later thinks.
 * Confirming a match across two firm names that the alias table did not know as one family
 * teaches it: the asset's firm name joins the recall firm's family.
 */
export function decide(
  db: Db,
  pair: { assetTag: string; productResNumber: string },
  decision: Decision,
  by: { name: string; userId?: number | null; note?: string | null },
  now: Date,
): DecisionResult {
  const asset = db.select().from(assets).where(eq(assets.assetTag, pair.assetTag)).get();
  if (!asset) throw new DecisionError(`there is no asset ${pair.assetTag}`);
  const recall = db.select().from(recalls).where(eq(recalls.productResNumber, pair.productResNumber)).get();
  if (!recall) throw new DecisionError(`there is no recall ${pair.productResNumber}`);
  const at = now.toISOString();
  let learnedAlias: string | null = null;
  db.$client.transaction(() => {
    const previous = db
      .select({ decision: matchDecisions.decision })
      .from(matchDecisions)
      .where(
        and(
          eq(matchDecisions.assetTag, pair.assetTag),
          eq(matchDecisions.productResNumber, pair.productResNumber),
        ),
      )
      .get();
    db.insert(matchDecisions)
      .values({ ...pair, decision, decidedBy: by.name, decidedAt: at, note: by.note ?? null })
      .onConflictDoUpdate({
        target: [matchDecisions.assetTag, matchDecisions.productResNumber],
        set: { decision, decidedBy: by.name, decidedAt: at, note: by.note ?? null },
      })
      .run();
    // The recall's timeline shows every decision; the audit row is its record.
    audit(db, { name: by.name, userId: by.userId ?? null }, now, {
      action: decision === 'confirmed' ? 'match.confirmed' : 'match.dismissed',
      entity: 'recall',
      entityId: pair.productResNumber,
      before: previous ? { assetTag: pair.assetTag, decision: previous.decision } : null,
      after: { assetTag: pair.assetTag, decision, note: by.note ?? null },
    });
    if (decision === 'dismissed') {
      db.delete(recallMatches)
        .where(
          and(
            eq(recallMatches.assetTag, pair.assetTag),
            eq(recallMatches.productResNumber, pair.productResNumber),
          ),
        )
        .run();
      return;
    }
    // A pair the engine never suggested (found by a person) is listed from now on, saying so.
    db.insert(recallMatches)
      .values({
        ...pair,
        score: 0,
        confidence: 'low',
        reasons: [`confirmed by ${by.name}; not suggested by the matching engine`],
        lotStatus: null,
        matchedAt: at,
      })
      .onConflictDoNothing()
      .run();
    openCases(db, now);
    const firms = createFirmIndex(loadFirmAliases(db, now));
    const ours = firms.identify(asset.manufacturer);
    const theirs = firms.identify(recall.recallingFirm);
    const family = theirs.families[0];
    if (!firmRelation(ours, theirs) && family && ours.names[0]) {
      const note = `${by.name} confirmed ${pair.assetTag} (${asset.manufacturer}) against ${pair.productResNumber} (${recall.recallingFirm})`;
      if (learnAlias(db, { name: ours.names[0], family, by: by.name, note }, now)) {
        learnedAlias = `${ours.names[0]} = ${family}`;
      }
    }
  })();
  return { decision, learnedAlias };
}
