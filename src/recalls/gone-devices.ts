import { sql } from 'drizzle-orm';
import type { GoneDeviceMatch } from '../../views/recalls/gone-devices';
import type { Db } from '../db/client';
import { countedMatch } from './counted';
import { goneForGoodSql } from './out-of-service';

/**
 * Recalls that match devices the inventory says are retired or disposed of: they open no case,
 * and are reviewed here in one list (a device sold on or returned to a lessor may still need the
 * firm told). Class I first, then newest.
 */
export function goneDeviceMatches(db: Db, limit = 1000): GoneDeviceMatch[] {
  return db.all<GoneDeviceMatch>(sql`
    SELECT a.asset_tag AS assetTag, a.status, a.manufacturer, a.model,
      m.product_res_number AS productResNumber, e.classification,
      coalesce(r.recalling_firm, e.recalling_firm) AS firm, r.event_date_posted AS posted,
      r.recall_status AS recallStatus, m.confidence
    FROM recall_matches m
    JOIN assets a ON a.asset_tag = m.asset_tag
    LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
    LEFT JOIN recalls r ON r.product_res_number = m.product_res_number
    LEFT JOIN enforcement_reports e ON e.recall_number = m.product_res_number
    WHERE ${countedMatch} AND ${goneForGoodSql(sql`a.status`)}
    ORDER BY coalesce(e.classification, 'Class IV'), r.event_date_posted DESC, a.asset_tag
    LIMIT ${limit}`);
}

/** How many matches wait in that list, for the link on the inbox. */
export function goneDeviceMatchCount(db: Db): number {
  return db.get<{ n: number }>(sql`
    SELECT count(*) AS n FROM recall_matches m
    JOIN assets a ON a.asset_tag = m.asset_tag
    LEFT JOIN match_decisions d ON d.asset_tag = m.asset_tag AND d.product_res_number = m.product_res_number
    WHERE ${countedMatch} AND ${goneForGoodSql(sql`a.status`)}`)!.n;
}
