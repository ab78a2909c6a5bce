import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The last check of the database file that found it sound (PRAGMA quick_check or
 * integrity_check): a check is due again an hour later. A failed check is never written, since
 * nothing is written to a damaged file.
 */
export const databaseChecks = sqliteTable('database_checks', {
  id: integer('id').primaryKey(),
  kind: text('kind', { enum: ['quick', 'full'] }).notNull(),
  checkedAt: text('checked_at').notNull(),
});
