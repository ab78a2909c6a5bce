import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { median } from '../shared/median';
import { sourceLabel } from './notice';

/**
 * Time to notice: how many days before openFDA posted a recall an early source told of it. The
 * first word is the earliest day of any early notice joined to the recall (notice_date: the
 * recall's start or the letter where the source says so, else the day it published).
 */

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

export const leadDays = (firstDay: string, postedDay: string) => dayNumber(postedDay) - dayNumber(firstDay);

export type HeardFirst = { source: string; on: string; postedAt: string | null; leadDays: number | null };

/** Who told of this openFDA recall first, when, and how long before openFDA posted it. */
export function heardFirst(db: Db, productResNumber: string): HeardFirst | null {
  const first = db.get<{ source: string; on: string; postedAt: string | null }>(sql`
    SELECT n.source AS source, n.notice_date AS "on", r.event_date_posted AS postedAt
    FROM notice_links l
    JOIN early_notices n ON n.notice_key = l.notice_key
    LEFT JOIN recalls r ON r.product_res_number = l.product_res_number
    WHERE l.product_res_number = ${productResNumber} AND l.state IN ('linked', 'confirmed')
      AND n.notice_date IS NOT NULL
    ORDER BY n.notice_date, n.source LIMIT 1`);
  if (!first) return null;
  return {
    source: sourceLabel(first.source),
    on: first.on,
    postedAt: first.postedAt,
    leadDays: first.postedAt ? leadDays(first.on, first.postedAt) : null,
  };
}

export type LeadBySource = { source: string; recalls: number; medianDays: number | null };

/**
 * The median lead of each source over the openFDA recalls it told first and openFDA has posted:
 * how much sooner each source lets the team know. Recalls of our cases opened in the report's
 * range only: those are the ones the team had to act on.
 */
export function medianLeadBySource(db: Db, opened: { from: string; before: string }): LeadBySource[] {
  const rows = db.all<{ source: string; first: string; posted: string }>(sql`
    SELECT n.source AS source, min(n.notice_date) AS first, r.event_date_posted AS posted
    FROM notice_links l
    JOIN early_notices n ON n.notice_key = l.notice_key
    JOIN recalls r ON r.product_res_number = l.product_res_number
    JOIN recall_cases c ON c.product_res_number = l.product_res_number
    WHERE l.state IN ('linked', 'confirmed') AND n.notice_date IS NOT NULL AND r.event_date_posted IS NOT NULL
      AND c.opened_at >= ${opened.from} AND c.opened_at < ${opened.before}
    GROUP BY n.source, l.product_res_number`);
  const bySource = new Map<string, number[]>();
  for (const r of rows)
    bySource.set(r.source, [...(bySource.get(r.source) ?? []), leadDays(r.first, r.posted)]);
  return [...bySource].map(([source, leads]) => ({
    source: sourceLabel(source),
    recalls: leads.length,
    medianDays: median(leads),
  }));
}
