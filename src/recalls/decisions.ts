import { and, eq, isNull } from 'drizzle-orm';
import { audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import {
  assets,
  type DismissalReason,
  type DismissedSuggestion,
  matchDecisions,
  recallMatches,
  recalls,
} from '../db/schema';
import { learnAlias, loadFirmAliases } from '../matching/aliases';
import { createFirmIndex, firmRelation } from '../matching/firms';
import { Refusal } from '../shared/refusal';
import { dismissalProblem } from './workflow';

export type Decision = 'confirmed' | 'dismissed';

export type DecisionResult = { decision: Decision; learnedAlias: string | null };

const pairWhere = (table: typeof matchDecisions | typeof recallMatches, pair: Pair) =>
  and(eq(table.assetTag, pair.assetTag), eq(table.productResNumber, pair.productResNumber));

type Pair = { assetTag: string; productResNumber: string };
type Person = { name: string; userId?: number | null; note?: string | null; reason?: DismissalReason | null };

/**
 * Records what a person decided about an asset and a recall. A dismissal takes the suggestion
 * off the lists, keeps it from coming back and keeps why (one of dismissalReasons); it can be
 * undone. A confirmation keeps the pair whatever the engine later thinks. Confirming a match
 * across two firm names that the alias table did not know as one family teaches it: the asset's
 * firm name joins the recall firm's family.
 */
export function decide(db: Db, pair: Pair, decision: Decision, by: Person, now: Date): DecisionResult {
  const asset = db.select().from(assets).where(eq(assets.assetTag, pair.assetTag)).get();
  if (!asset) throw new Refusal(`there is no asset ${pair.assetTag}`, 'missing');
  const recall = db.select().from(recalls).where(eq(recalls.productResNumber, pair.productResNumber)).get();
  if (!recall) throw new Refusal(`there is no recall ${pair.productResNumber}`, 'missing');
  const note = by.note?.trim() || null;
  const reason = decision === 'dismissed' ? (by.reason ?? null) : null;
  if (decision === 'dismissed') {
    const problem = dismissalProblem(reason, note);
    if (problem) throw new Refusal(problem);
  }
  const at = now.toISOString();
  let learnedAlias: string | null = null;
  writeTransaction(db, () => {
    const previous = db
      .select({ decision: matchDecisions.decision })
      .from(matchDecisions)
      .where(pairWhere(matchDecisions, pair))
      .get();
    const suggested = db.select().from(recallMatches).where(pairWhere(recallMatches, pair)).get();
    const suggestion: DismissedSuggestion | null =
      decision === 'dismissed' && suggested
        ? {
            score: suggested.score,
            confidence: suggested.confidence,
            reasons: suggested.reasons,
            lotStatus: suggested.lotStatus,
            matchedAt: suggested.matchedAt,
          }
        : null;
    const row = { decision, decidedBy: by.name, decidedAt: at, note, reason, suggestion };
    db.insert(matchDecisions)
      .values({ ...pair, ...row })
      .onConflictDoUpdate({ target: [matchDecisions.assetTag, matchDecisions.productResNumber], set: row })
      .run();
    // The recall's timeline shows every decision; the audit row is its record.
    audit(db, { name: by.name, userId: by.userId ?? null }, now, {
      action: decision === 'confirmed' ? 'match.confirmed' : 'match.dismissed',
      entity: 'recall',
      entityId: pair.productResNumber,
      before: previous ? { assetTag: pair.assetTag, decision: previous.decision } : null,
      after: { assetTag: pair.assetTag, decision, reason, note },
    });
    if (decision === 'dismissed') {
      db.delete(recallMatches).where(pairWhere(recallMatches, pair)).run();
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
    const firms = createFirmIndex(loadFirmAliases(db, now));
    const ours = firms.identify(asset.manufacturer);
    const theirs = firms.identify(recall.recallingFirm);
    const family = theirs.families[0];
    if (!firmRelation(ours, theirs) && family && ours.names[0]) {
      const aliasNote = `${by.name} confirmed ${pair.assetTag} (${asset.manufacturer}) against ${pair.productResNumber} (${recall.recallingFirm})`;
      if (learnAlias(db, { name: ours.names[0], family, by: by.name, note: aliasNote }, now)) {
        learnedAlias = `${ours.names[0]} = ${family}`;
      }
    }
  });
  return { decision, learnedAlias };
}

/**
 * Takes a dismissal back: the pair is suggested again as it was when it was dismissed (the next
 * matching run of its recall or asset scores it afresh), and the audit log keeps both steps.
 */
export function undoDismissal(db: Db, pair: Pair, by: { name: string; userId?: number | null }, now: Date) {
  writeTransaction(db, () => {
    const dismissed = db.select().from(matchDecisions).where(pairWhere(matchDecisions, pair)).get();
    if (dismissed?.decision !== 'dismissed')
      throw new Refusal(`${pair.assetTag} is not dismissed from recall ${pair.productResNumber}`);
    db.delete(matchDecisions).where(pairWhere(matchDecisions, pair)).run();
    if (dismissed.suggestion)
      db.insert(recallMatches)
        .values({ ...pair, ...dismissed.suggestion })
        .onConflictDoNothing()
        .run();
    audit(db, { name: by.name, userId: by.userId ?? null }, now, {
      action: 'match.dismissal_undone',
      entity: 'recall',
      entityId: pair.productResNumber,
      before: {
        assetTag: pair.assetTag,
        decision: 'dismissed',
        reason: dismissed.reason,
        note: dismissed.note,
      },
      after: { assetTag: pair.assetTag, decision: null },
    });
  });
}

/**
 * Confirms, in one step, every high-confidence suggestion of a recall nobody has ruled on: the
 * strongest evidence (a UDI, a serial in range, a named model) that a technician would confirm one
 * by one anyway. Each pair is decided and audited as if confirmed alone. Returns the tags confirmed.
 */
export function confirmHighConfidence(db: Db, productResNumber: string, by: Person, now: Date): string[] {
  return writeTransaction(db, () => {
    const tags = db
      .select({ tag: recallMatches.assetTag })
      .from(recallMatches)
      .leftJoin(
        matchDecisions,
        and(
          eq(matchDecisions.assetTag, recallMatches.assetTag),
          eq(matchDecisions.productResNumber, recallMatches.productResNumber),
        ),
      )
      .where(
        and(
          eq(recallMatches.productResNumber, productResNumber),
          eq(recallMatches.confidence, 'high'),
          isNull(matchDecisions.decision),
        ),
      )
      .all()
      .map((r) => r.tag)
      .sort();
    if (tags.length === 0) throw new Refusal('no high-confidence match is waiting to be confirmed');
    for (const assetTag of tags) decide(db, { assetTag, productResNumber }, 'confirmed', by, now);
    return tags;
  });
}

/**
 * "Not applicable" for a whole recall: each device suggested for it that nobody has ruled on is
 * dismissed with the one reason, each audited as if dismissed alone, so the recall's close rule
 * then finds nothing holding it open. A device someone confirmed is a decision this cannot undo:
 * it refuses, naming it. Returns the tags dismissed.
 */
export function dismissAllSuggested(db: Db, productResNumber: string, by: Person, now: Date): string[] {
  return writeTransaction(db, () => {
    const rows = db
      .select({ tag: recallMatches.assetTag, decision: matchDecisions.decision })
      .from(recallMatches)
      .leftJoin(
        matchDecisions,
        and(
          eq(matchDecisions.assetTag, recallMatches.assetTag),
          eq(matchDecisions.productResNumber, recallMatches.productResNumber),
        ),
      )
      .where(eq(recallMatches.productResNumber, productResNumber))
      .all();
    const confirmed = rows.filter((r) => r.decision === 'confirmed').map((r) => r.tag);
    if (confirmed.length > 0)
      throw new Refusal(
        `${productResNumber}: ${confirmed.join(', ')} ${confirmed.length === 1 ? 'was' : 'were'} confirmed as affected; open the recall to record ${confirmed.length === 1 ? 'its disposition' : 'their dispositions'}`,
      );
    const tags = rows
      .filter((r) => r.decision === null)
      .map((r) => r.tag)
      .sort();
    for (const assetTag of tags) decide(db, { assetTag, productResNumber }, 'dismissed', by, now);
    return tags;
  });
}
