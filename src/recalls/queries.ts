import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  assetDispositions,
  assets,
  enforcementReports,
  evidenceFiles,
  matchDecisions,
  recallCases,
  recallMatches,
  recallNotes,
  recalls,
  users,
} from '../db/schema';
import { countedMatch } from './counted';
import { finalDispositions, type OpenDevice } from './workflow';

/**
 * The rule for a matched device still holding its case open, in SQL over recall_matches `m`,
 * match_decisions `d` and asset_dispositions `p`: it counts (see countedMatch) and has no final
 * disposition (see finalDispositions).
 */
export const holdsCaseOpen = sql`(${countedMatch} AND (p.disposition IS NULL OR p.disposition NOT IN (${sql.join(
  finalDispositions.map((d) => sql`${d}`),
  sql`, `,
)})))`;

/** The matched devices that keep the case open, with what is recorded of each so far. */
export function devicesHoldingCase(db: Db, productResNumber: string): OpenDevice[] {
  return db.all<OpenDevice>(sql`
    SELECT m.asset_tag AS assetTag, p.disposition FROM recall_matches m
    LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
    LEFT JOIN asset_dispositions p ON p.product_res_number = m.product_res_number AND p.asset_tag = m.asset_tag
    WHERE m.product_res_number = ${productResNumber} AND ${holdsCaseOpen}
    ORDER BY p.disposition IS NOT NULL, m.asset_tag`);
}

export type RecallRecord = typeof recalls.$inferSelect;
export type EnforcementRecord = typeof enforcementReports.$inferSelect;
export type CaseRecord = typeof recallCases.$inferSelect & { assignee: string | null };

export function recallRecord(db: Db, productResNumber: string) {
  const recall =
    db.select().from(recalls).where(eq(recalls.productResNumber, productResNumber)).get() ?? null;
  const enforcement =
    db.select().from(enforcementReports).where(eq(enforcementReports.recallNumber, productResNumber)).get() ??
    null;
  return { recall, enforcement };
}

export function caseOf(db: Db, productResNumber: string): CaseRecord | null {
  const row = db
    .select({ c: recallCases, assignee: users.name })
    .from(recallCases)
    .leftJoin(users, eq(users.id, recallCases.assignedTo))
    .where(eq(recallCases.productResNumber, productResNumber))
    .get();
  return row ? { ...row.c, assignee: row.assignee } : null;
}

export type MatchedAsset = {
  assetTag: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  department: string | null;
  location: string | null;
  score: number;
  confidence: 'high' | 'medium' | 'low';
  reasons: string[];
  lotStatus: string | null;
  decision: 'confirmed' | 'dismissed' | null;
  decidedBy: string | null;
  disposition: string | null;
  dispositionNote: string | null;
  dispositionBy: string | null;
  dispositionAt: string | null;
};

/** Every asset the engine suggested for the recall, and every confirmed one, best first. */
export function matchedAssets(db: Db, productResNumber: string): MatchedAsset[] {
  return db
    .select({
      assetTag: recallMatches.assetTag,
      manufacturer: assets.manufacturer,
      model: assets.model,
      serialNumber: assets.serialNumber,
      department: assets.department,
      location: assets.location,
      score: recallMatches.score,
      confidence: recallMatches.confidence,
      reasons: recallMatches.reasons,
      lotStatus: recallMatches.lotStatus,
      decision: matchDecisions.decision,
      decidedBy: matchDecisions.decidedBy,
      disposition: assetDispositions.disposition,
      dispositionNote: assetDispositions.note,
      dispositionBy: assetDispositions.decidedBy,
      dispositionAt: assetDispositions.decidedAt,
    })
    .from(recallMatches)
    .innerJoin(assets, eq(assets.assetTag, recallMatches.assetTag))
    .leftJoin(
      matchDecisions,
      and(
        eq(matchDecisions.assetTag, recallMatches.assetTag),
        eq(matchDecisions.productResNumber, recallMatches.productResNumber),
      ),
    )
    .leftJoin(
      assetDispositions,
      and(
        eq(assetDispositions.assetTag, recallMatches.assetTag),
        eq(assetDispositions.productResNumber, recallMatches.productResNumber),
      ),
    )
    .where(eq(recallMatches.productResNumber, productResNumber))
    .orderBy(desc(recallMatches.score), asc(recallMatches.assetTag))
    .all();
}

export function notesOf(db: Db, productResNumber: string) {
  return db
    .select()
    .from(recallNotes)
    .where(eq(recallNotes.productResNumber, productResNumber))
    .orderBy(desc(recallNotes.at), desc(recallNotes.id))
    .all();
}

export function evidenceOf(db: Db, productResNumber: string) {
  return db
    .select()
    .from(evidenceFiles)
    .where(eq(evidenceFiles.productResNumber, productResNumber))
    .orderBy(desc(evidenceFiles.uploadedAt))
    .all();
}

export function evidenceFile(db: Db, productResNumber: string, id: number) {
  return db
    .select()
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.productResNumber, productResNumber), eq(evidenceFiles.id, id)))
    .get();
}

/** The devices a person dismissed from this recall, newest decision first. */
export function dismissedFrom(db: Db, productResNumber: string) {
  return db
    .select({
      assetTag: matchDecisions.assetTag,
      manufacturer: assets.manufacturer,
      model: assets.model,
      reason: matchDecisions.reason,
      note: matchDecisions.note,
      decidedBy: matchDecisions.decidedBy,
      decidedAt: matchDecisions.decidedAt,
    })
    .from(matchDecisions)
    .leftJoin(assets, eq(assets.assetTag, matchDecisions.assetTag))
    .where(
      and(eq(matchDecisions.productResNumber, productResNumber), eq(matchDecisions.decision, 'dismissed')),
    )
    .orderBy(desc(matchDecisions.decidedAt), asc(matchDecisions.assetTag))
    .all();
}
