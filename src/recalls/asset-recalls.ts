import { sql } from 'drizzle-orm';
import type { AssetRecall } from '../../views/recalls/asset-recalls';
import type { Db } from '../db/client';

/**
 * Every recall matched to the asset, and every pair a person dismissed (a dismissal removes the
 * suggestion, so it comes from match_decisions alone), with its class, case and disposition.
 * Open cases first, then by class and newest.
 */
export function recallsOfAsset(db: Db, assetTag: string): AssetRecall[] {
  const rows = db.all<Omit<AssetRecall, 'reasons'> & { reasons: string | null }>(sql`
    WITH pairs AS (
      SELECT m.product_res_number AS number, m.confidence, m.score, m.reasons, m.lot_status,
             d.decision, d.decided_by
      FROM recall_matches m
      LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
      WHERE m.asset_tag = ${assetTag}
      UNION ALL
      SELECT d.product_res_number, NULL, NULL, NULL, NULL, d.decision, d.decided_by
      FROM match_decisions d
      WHERE d.asset_tag = ${assetTag} AND d.decision = 'dismissed'
        AND NOT EXISTS (SELECT 1 FROM recall_matches m
                        WHERE m.asset_tag = d.asset_tag AND m.product_res_number = d.product_res_number)
    )
    SELECT p.number AS productResNumber, e.classification AS classification,
           coalesce(r.recalling_firm, e.recalling_firm) AS firm, r.event_date_posted AS posted,
           p.confidence AS confidence, p.score AS score, p.reasons AS reasons, p.lot_status AS lotStatus,
           p.decision AS decision, p.decided_by AS decidedBy, c.state AS caseState,
           c.baseline_id IS NOT NULL AS beforeVigil,
           ad.disposition AS disposition, ad.note AS dispositionNote
    FROM pairs p
    LEFT JOIN recalls r ON r.product_res_number = p.number
    LEFT JOIN enforcement_reports e ON e.recall_number = p.number
    LEFT JOIN recall_cases c ON c.product_res_number = p.number
    LEFT JOIN asset_dispositions ad ON ad.product_res_number = p.number AND ad.asset_tag = ${assetTag}
    ORDER BY (p.decision = 'dismissed') IS 1, (coalesce(c.state, '') = 'closed'),
             coalesce(e.classification, 'Class IV'), r.event_date_posted DESC, p.number`);
  return rows.map((r) => ({
    ...r,
    beforeVigil: Boolean(r.beforeVigil),
    reasons: r.reasons ? (JSON.parse(r.reasons) as string[]) : [],
  }));
}
