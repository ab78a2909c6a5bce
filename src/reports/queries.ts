import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { countedMatch } from '../recalls/counted';
import { dayStart } from '../shared/clock';
import type { AssetRecord, CaseRecord } from './compliance';

/** Cases opened from the facility day `from` up to, not including, the day `before`. */
const openedIn = (from: string, before: string) =>
  sql`c.opened_at >= ${dayStart(from)} AND c.opened_at < ${dayStart(before)}`;

/** Every recall case opened in the range, oldest first, with its class, firm and people. */
export function casesOpenedIn(db: Db, from: string, before: string): CaseRecord[] {
  return db.all<CaseRecord>(sql`
    SELECT c.product_res_number AS productResNumber, e.classification,
      coalesce(r.recalling_firm, e.recalling_firm) AS firm,
      substr(coalesce(r.product_description, e.product_description), 1, 400) AS product,
      c.opened_at AS openedAt, c.due_override AS dueOverride, c.state, u.name AS assignedTo,
      c.closed_at AS closedAt, c.closed_by AS closedBy, c.baseline_id IS NOT NULL AS beforeVigil
    FROM recall_cases c
    LEFT JOIN recalls r ON r.product_res_number = c.product_res_number
    LEFT JOIN enforcement_reports e ON e.recall_number = c.product_res_number
    LEFT JOIN users u ON u.id = c.assigned_to
    WHERE ${openedIn(from, before)}
    ORDER BY c.opened_at, c.product_res_number`);
}

/**
 * The assets under those cases: each pair that counts as a match (medium or above and not
 * dismissed, or confirmed), any pair a disposition was recorded for, so work done never drops
 * out of the record when a match is later withdrawn, and each pair a person dismissed, with why
 * (a surveyor asks the reason for every "not applicable").
 */
export function assetsOfCasesOpenedIn(db: Db, from: string, before: string): AssetRecord[] {
  return db
    .all<AssetRecord>(sql`
    WITH ours AS (SELECT product_res_number FROM recall_cases c WHERE ${openedIn(from, before)}),
    pairs AS (
      SELECT m.product_res_number, m.asset_tag
      FROM recall_matches m
      JOIN ours o ON o.product_res_number = m.product_res_number
      LEFT JOIN match_decisions d
        ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
      WHERE ${countedMatch}
      UNION
      SELECT ad.product_res_number, ad.asset_tag
      FROM asset_dispositions ad
      JOIN ours o ON o.product_res_number = ad.product_res_number
      UNION
      SELECT d.product_res_number, d.asset_tag
      FROM match_decisions d
      JOIN ours o ON o.product_res_number = d.product_res_number
      WHERE d.decision = 'dismissed'
    )
    SELECT p.product_res_number AS productResNumber, p.asset_tag AS assetTag,
      nullif(trim(coalesce(a.manufacturer, '') || ' ' || coalesce(a.model, '')), '') AS device,
      a.serial_number AS serialNumber, a.department,
      ad.disposition, ad.note, ad.decided_by AS decidedBy, ad.decided_at AS decidedAt,
      CASE WHEN md.decision = 'dismissed'
        THEN json_object('reason', md.reason, 'note', md.note, 'by', md.decided_by, 'at', md.decided_at)
      END AS dismissal
    FROM pairs p
    LEFT JOIN assets a ON a.asset_tag = p.asset_tag
    LEFT JOIN asset_dispositions ad
      ON ad.product_res_number = p.product_res_number AND ad.asset_tag = p.asset_tag
    LEFT JOIN match_decisions md
      ON md.product_res_number = p.product_res_number AND md.asset_tag = p.asset_tag
    ORDER BY p.product_res_number, p.asset_tag`)
    .map((row) => ({
      ...row,
      dismissal: row.dismissal ? JSON.parse(row.dismissal as unknown as string) : null,
    }));
}
