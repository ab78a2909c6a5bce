import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * Where a recall stands at the FDA, from the recall record's recall_status ("Open, Classified",
 * "Completed", "Terminated"). The one definition: each status is the word its value starts with,
 * read without regard to case, in the forms the pages (a value read) and the queries (SQL) need.
 */
export const fdaStatuses = ['open', 'completed', 'terminated'] as const;
export type FdaStatus = (typeof fdaStatuses)[number];

export const fdaStatusLabels: Record<FdaStatus, string> = {
  open: 'Open',
  completed: 'Completed',
  terminated: 'Terminated',
};

export function fdaStatusOf(recallStatus: string | null | undefined): FdaStatus | null {
  const value = (recallStatus ?? '').trim().toLowerCase();
  return fdaStatuses.find((s) => value.startsWith(s)) ?? null;
}

/** The same rule in SQL, over a recall_status column. */
export function fdaStatusIs(status: FdaStatus, column: SQLWrapper): SQL {
  return sql`(lower(trim(${column})) LIKE ${`${status}%`})`;
}

/** The status as one of fdaStatuses (or NULL), for SQL that reads it into a row. */
export function fdaStatusSql(column: SQLWrapper): SQL {
  return sql`(CASE ${sql.join(
    fdaStatuses.map((s) => sql`WHEN ${fdaStatusIs(s, column)} THEN ${s}`),
    sql` `,
  )} ELSE NULL END)`;
}
