import { eq } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { evidenceFiles, recallCases } from '../db/schema';
import { type FileSettings, keepFile, readKeptFile, uploadProblem } from '../files/store';
import { Refusal } from '../shared/refusal';

export type EvidenceSettings = FileSettings;

/** Attaches an uploaded file to a recall's case, with its audit entry (see keepFile). */
export async function addEvidence(
  db: Db,
  settings: EvidenceSettings,
  productResNumber: string,
  file: File,
  by: Actor,
  now: Date,
): Promise<void> {
  const problem = uploadProblem(settings, file);
  if (problem) throw new Refusal(problem);
  if (!db.select().from(recallCases).where(eq(recallCases.productResNumber, productResNumber)).get())
    throw new Refusal(
      `recall ${productResNumber} matches none of our devices, so it has no case to attach to`,
    );
  await keepFile(settings, file, (stored) => {
    const row = { productResNumber, ...stored, uploadedBy: by.name, uploadedAt: now.toISOString() };
    writeTransaction(db, () => {
      db.insert(evidenceFiles).values(row).run();
      audit(db, by, now, {
        action: 'case.evidence',
        entity: 'recall',
        entityId: productResNumber,
        after: { file: row.originalName, size: row.size, sha256: row.sha256 },
      });
    });
  });
}

export const readEvidence = readKeptFile;
