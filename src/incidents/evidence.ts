import { and, eq } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { custodyLog, incidentFiles, incidentLinks, linkKinds, maudeReports, recalls } from '../db/schema';
import { type FileSettings, keepFile, uploadProblem } from '../files/store';
import { Refusal } from '../shared/refusal';
import { changeableIncident } from './record';

const isoMinute = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * One step in the chain of custody of any evidence (a device, the tubing set, the packaging, a
 * memory card): who had it, when, what was done and why. Entries are only ever added.
 */
export function logCustody(
  db: Db,
  incidentId: number,
  entry: { item: string; at: string; who: string; action: string; why: string },
  by: Actor,
  now: Date,
): void {
  const clean = {
    item: entry.item.trim().slice(0, 200),
    who: entry.who.trim().slice(0, 200),
    action: entry.action.trim().slice(0, 500),
    why: entry.why.trim().slice(0, 2000),
  };
  if (!clean.item) throw new Refusal('name the item of evidence');
  if (!clean.who) throw new Refusal('say who had the item');
  if (!clean.action) throw new Refusal('say what was done with it (received, handed over, sent…)');
  if (!clean.why) throw new Refusal('say why, for the chain of custody');
  if (!isoMinute.test(entry.at)) throw new Refusal('give the time as YYYY-MM-DDTHH:MM');
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const row = { incidentId, ...clean, at: entry.at, recordedBy: by.name };
    db.insert(custodyLog).values(row).run();
    audit(db, by, now, {
      action: 'incident.custody',
      entity: 'incident',
      entityId: String(incidentId),
      after: row,
    });
  });
}

/** Keeps a file as evidence of the incident: a photo as found, an error log, an evaluation. */
export async function addIncidentFile(
  db: Db,
  settings: FileSettings,
  incidentId: number,
  file: File,
  description: string,
  by: Actor,
  now: Date,
): Promise<void> {
  const problem = uploadProblem(settings, file);
  if (problem) throw new Refusal(problem);
  const what = description.trim().slice(0, 500);
  if (!what) throw new Refusal('say what the file shows, such as "photo of the pump as found"');
  changeableIncident(db, incidentId);
  await keepFile(settings, file, (stored) => {
    const row = {
      incidentId,
      description: what,
      ...stored,
      uploadedBy: by.name,
      uploadedAt: now.toISOString(),
    };
    writeTransaction(db, () => {
      changeableIncident(db, incidentId);
      db.insert(incidentFiles).values(row).run();
      audit(db, by, now, {
        action: 'incident.file',
        entity: 'incident',
        entityId: String(incidentId),
        after: { file: row.originalName, description: what, size: row.size, sha256: row.sha256 },
      });
    });
  });
}

type LinkKind = (typeof linkKinds)[number];

/** Keeps a recall or a MAUDE report with the investigation as evidence, with why it bears on it. */
export function linkEvidence(
  db: Db,
  incidentId: number,
  link: { kind: string; key: string; note?: string },
  by: Actor,
  now: Date,
): void {
  if (!linkKinds.includes(link.kind as LinkKind)) throw new Refusal('link a recall or a MAUDE report');
  const kind = link.kind as LinkKind;
  const key = link.key.trim();
  const known =
    kind === 'recall'
      ? db
          .select({ k: recalls.productResNumber })
          .from(recalls)
          .where(eq(recalls.productResNumber, key))
          .get()
      : db
          .select({ k: maudeReports.reportKey })
          .from(maudeReports)
          .where(eq(maudeReports.reportKey, key))
          .get();
  if (!known)
    throw new Refusal(
      kind === 'recall' ? `there is no recall ${key} in Vigil` : `there is no MAUDE report ${key} in Vigil`,
    );
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const row = {
      incidentId,
      kind,
      key,
      note: link.note?.trim().slice(0, 2000) || null,
      linkedBy: by.name,
      linkedAt: now.toISOString(),
    };
    const added = db.insert(incidentLinks).values(row).onConflictDoNothing().run();
    if (added.changes === 0) throw new Refusal('that is already linked to this incident');
    audit(db, by, now, {
      action: 'incident.linked',
      entity: 'incident',
      entityId: String(incidentId),
      after: row,
    });
  });
}

/** Takes a link away again; the audit log keeps that it was there. */
export function unlinkEvidence(
  db: Db,
  incidentId: number,
  link: { kind: string; key: string },
  by: Actor,
  now: Date,
): void {
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const where = and(
      eq(incidentLinks.incidentId, incidentId),
      eq(incidentLinks.kind, link.kind as LinkKind),
      eq(incidentLinks.key, link.key),
    );
    const before = db.select().from(incidentLinks).where(where).get();
    if (!before) throw new Refusal('that is not linked to this incident');
    db.delete(incidentLinks).where(where).run();
    audit(db, by, now, {
      action: 'incident.unlinked',
      entity: 'incident',
      entityId: String(incidentId),
      before,
    });
  });
}
