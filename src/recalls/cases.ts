import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { joinedNoticeKeys } from '../sources/linking';
import { countedMatch } from './counted';
import { goneForGoodSql } from './out-of-service';

/**
 * Opens a case for every recall that now matches a device we own (a suggestion at medium
 * confidence or above, or a confirmed pair) and has none yet. Devices retired or disposed of
 * (see out-of-service.ts) open none: their matches wait in the review list instead. An early
 * notice joined to its openFDA recall opens none either: the recall's case is the one case. A case once opened stays: if the
 * engine later withdraws its suggestion, the team still sees and closes what it started.
 * Returns how many were opened.
 */
export function openCases(db: Db, now: Date): number {
  const at = now.toISOString();
  const result = db.run(sql`
    INSERT INTO recall_cases (product_res_number, state, opened_at, updated_at)
    SELECT DISTINCT m.product_res_number, 'new', ${at}, ${at}
    FROM recall_matches m
    JOIN assets a ON a.asset_tag = m.asset_tag
    LEFT JOIN match_decisions d
      ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
    WHERE ${countedMatch} AND NOT ${goneForGoodSql(sql`a.status`)}
      AND m.product_res_number NOT IN ${joinedNoticeKeys}
    ON CONFLICT (product_res_number) DO NOTHING`);
  return result.changes;
}
