import { and, eq } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import {
  assetDispositions,
  type CaseState,
  type Disposition,
  dispositions,
  recallCases,
  recallMatches,
  recallNotes,
  users,
} from '../db/schema';
import { Refusal } from '../shared/refusal';
import { devicesHoldingCase } from './queries';
import { type Transition, takenUpBy, transitionProblem } from './workflow';

const maxNote = 10_000;

function caseRow(db: Db, productResNumber: string) {
  const row = db.select().from(recallCases).where(eq(recallCases.productResNumber, productResNumber)).get();
  if (!row)
    throw new Refusal(`recall ${productResNumber} matches none of our devices, so it has no case to work`);
  return row;
}

/** Moves a case along the workflow (see workflow.ts for the moves allowed). */
export function moveCase(db: Db, productResNumber: string, t: Transition, by: Actor, now: Date): CaseState {
  writeTransaction(db, () => {
    const before = caseRow(db, productResNumber);
    const problem = transitionProblem(before.state, t, devicesHoldingCase(db, productResNumber));
    if (problem) throw new Refusal(problem);
    let assignee: string | null = null;
    if (t.to === 'assigned') {
      const user = db.select().from(users).where(eq(users.id, t.assignee!)).get();
      if (!user || user.disabledAt) throw new Refusal('that person has no active account; choose another');
      assignee = user.name;
    }
    const at = now.toISOString();
    const closing = t.to === 'closed';
    db.update(recallCases)
      .set({
        state: t.to,
        assignedTo: t.to === 'assigned' ? t.assignee : before.assignedTo,
        closedAt: closing ? at : null,
        closedBy: closing ? by.name : null,
        updatedAt: at,
      })
      .where(eq(recallCases.productResNumber, productResNumber))
      .run();
    audit(db, by, now, {
      action:
        t.to === 'assigned' ? 'case.assigned' : before.state === 'closed' ? 'case.reopened' : `case.${t.to}`,
      entity: 'recall',
      entityId: productResNumber,
      before: { state: before.state, assignedTo: before.assignedTo },
      after: { state: t.to, ...(assignee ? { assignee } : {}) },
    });
  });
  return t.to;
}

/** Records what was done about one matched asset. */
export function setDisposition(
  db: Db,
  productResNumber: string,
  assetTag: string,
  input: { disposition: string; note: string },
  by: Actor,
  now: Date,
): void {
  if (!dispositions.includes(input.disposition as Disposition))
    throw new Refusal(`choose a disposition: ${dispositions.join(', ').replaceAll('_', ' ')}`);
  const note = input.note.trim();
  if (note.length > maxNote)
    throw new Refusal(`a note can have at most ${maxNote.toLocaleString('en-US')} characters`);
  writeTransaction(db, () => {
    caseRow(db, productResNumber);
    const matched = db
      .select({ tag: recallMatches.assetTag })
      .from(recallMatches)
      .where(and(eq(recallMatches.productResNumber, productResNumber), eq(recallMatches.assetTag, assetTag)))
      .get();
    if (!matched)
      throw new Refusal(`asset ${assetTag} is not matched to recall ${productResNumber}`, 'missing');
    const key = and(
      eq(assetDispositions.productResNumber, productResNumber),
      eq(assetDispositions.assetTag, assetTag),
    );
    const before = db.select().from(assetDispositions).where(key).get();
    const row = {
      productResNumber,
      assetTag,
      disposition: input.disposition as Disposition,
      note: note || null,
      decidedBy: by.name,
      decidedAt: now.toISOString(),
    };
    db.insert(assetDispositions)
      .values(row)
      .onConflictDoUpdate({
        target: [assetDispositions.productResNumber, assetDispositions.assetTag],
        set: {
          disposition: row.disposition,
          note: row.note,
          decidedBy: row.decidedBy,
          decidedAt: row.decidedAt,
        },
      })
      .run();
    audit(db, by, now, {
      action: 'asset.disposition',
      entity: 'recall',
      entityId: productResNumber,
      before: before ? { assetTag, disposition: before.disposition, note: before.note } : null,
      after: { assetTag, disposition: row.disposition, note: row.note },
    });
  });
}

/**
 * Records one disposition for several matched assets at once: those `tags` names (a selection on
 * the page), or, without tags, every one whose part is not finished (none yet, or affected): a
 * recall of a common pump can hit hundreds of them, all corrected the same way. Returns how many
 * were recorded.
 */
export function setDispositionFor(
  db: Db,
  productResNumber: string,
  input: { disposition: string; note: string; tags?: readonly string[] | null },
  by: Actor,
  now: Date,
): number {
  if (!dispositions.includes(input.disposition as Disposition))
    throw new Refusal(`choose a disposition: ${dispositions.join(', ').replaceAll('_', ' ')}`);
  const note = input.note.trim() || null;
  if (note && note.length > maxNote)
    throw new Refusal(`a note can have at most ${maxNote.toLocaleString('en-US')} characters`);
  let tags: string[] = [];
  writeTransaction(db, () => {
    caseRow(db, productResNumber);
    if (input.tags) {
      const matched = new Set(
        db
          .select({ tag: recallMatches.assetTag })
          .from(recallMatches)
          .where(eq(recallMatches.productResNumber, productResNumber))
          .all()
          .map((r) => r.tag),
      );
      const unknown = input.tags.filter((t) => !matched.has(t));
      if (unknown.length > 0)
        throw new Refusal(
          `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not matched to this recall`,
        );
      tags = [...new Set(input.tags)].sort();
      if (tags.length === 0) throw new Refusal('tick the devices the disposition is for');
    } else {
      tags = devicesHoldingCase(db, productResNumber)
        .filter((d) => d.disposition !== input.disposition)
        .map((d) => d.assetTag)
        .sort();
      if (tags.length === 0) throw new Refusal('every matched asset already has a final disposition');
    }
    const at = now.toISOString();
    for (const assetTag of tags) {
      const row = { disposition: input.disposition as Disposition, note, decidedBy: by.name, decidedAt: at };
      db.insert(assetDispositions)
        .values({ productResNumber, assetTag, ...row })
        .onConflictDoUpdate({
          target: [assetDispositions.productResNumber, assetDispositions.assetTag],
          set: row,
        })
        .run();
    }
    audit(db, by, now, {
      action: input.tags ? 'asset.disposition.selected' : 'asset.disposition.rest',
      entity: 'recall',
      entityId: productResNumber,
      after: { disposition: input.disposition, note, assetTags: tags },
    });
  });
  return tags.length;
}

/**
 * After a technician's decision on a case's device: the case is theirs if nobody had taken it up
 * (see takenUpBy), audited as an assignment like one made by hand. Returns whether it moved.
 */
export function takeUpCase(db: Db, productResNumber: string, by: Actor, now: Date): boolean {
  if (by.userId === null) return false;
  const kase = db.select().from(recallCases).where(eq(recallCases.productResNumber, productResNumber)).get();
  const t = kase ? takenUpBy(kase.state, kase.assignedTo, by.userId) : null;
  if (!t) return false;
  moveCase(db, productResNumber, t, by, now);
  return true;
}

/** Sets the due date by hand (YYYY-MM-DD), or clears it to fall back on the class rule. */
export function setDueDate(db: Db, productResNumber: string, due: string | null, by: Actor, now: Date): void {
  if (due !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(due) || Number.isNaN(Date.parse(due))))
    throw new Refusal('a due date is a day such as 2026-12-01');
  writeTransaction(db, () => {
    const before = caseRow(db, productResNumber);
    db.update(recallCases)
      .set({ dueOverride: due, updatedAt: now.toISOString() })
      .where(eq(recallCases.productResNumber, productResNumber))
      .run();
    audit(db, by, now, {
      action: 'case.due_date',
      entity: 'recall',
      entityId: productResNumber,
      before: { dueOverride: before.dueOverride },
      after: { dueOverride: due },
    });
  });
}

export function addNote(db: Db, productResNumber: string, body: string, by: Actor, now: Date): void {
  const text = body.trim();
  if (!text) throw new Refusal('write the note first');
  if (text.length > maxNote)
    throw new Refusal(`a note can have at most ${maxNote.toLocaleString('en-US')} characters`);
  writeTransaction(db, () => {
    caseRow(db, productResNumber);
    db.insert(recallNotes)
      .values({ productResNumber, author: by.name, body: text, at: now.toISOString() })
      .run();
    audit(db, by, now, {
      action: 'case.note',
      entity: 'recall',
      entityId: productResNumber,
      after: { note: text },
    });
  });
}
