import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * Inventory statuses that say a device has left the hospital for good: a recall of it is no
 * work (its matches are listed on the asset page and in one review list instead of opening
 * cases). A status is read without regard to case and counts when it contains one of these
 * words anywhere ("Retired 2019", "DISPOSED OF"). "Out of service" is not among them: a device
 * under repair comes back, and its recalls still apply.
 */
export const goneForGoodWords = [
  'retired',
  'disposed',
  'disposal',
  'scrapped',
  'decommissioned',
  'out of inventory',
  'removed from inventory',
  'condemned',
  'salvaged',
  'written off',
] as const;

export function isGoneForGood(status: string | null | undefined): boolean {
  const value = (status ?? '').toLowerCase();
  return goneForGoodWords.some((w) => value.includes(w));
}

/** The same rule in SQL, over an asset's status column (false for no status). */
export function goneForGoodSql(status: SQLWrapper): SQL {
  return sql`(coalesce(${sql.join(
    goneForGoodWords.map((w) => sql`instr(lower(${status}), ${w}) > 0`),
    sql` OR `,
  )}, 0))`;
}
