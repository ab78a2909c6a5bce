import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLog } from '../db/schema';

/** Who did something: a signed-in user, or a name given on the command line. */
export type Actor = { name: string; userId: number | null };

export type AuditEntry = {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/**
 * Records one change. Callers write it in the same transaction as the change itself, so there
 * is never a change without its audit row, nor an audit row for a change that was rolled back.
 */
export function audit(db: Db, actor: Actor, at: Date, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      at: at.toISOString(),
      actor: actor.name,
      userId: actor.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
}

export type AuditRow = typeof auditLog.$inferSelect;

/** What happened to one thing, newest first. */
export function historyOf(db: Db, entity: string, entityId: string, limit = 500): AuditRow[] {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}
