import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import type { Db } from '../db/client';
import { evidenceFiles, recallCases } from '../db/schema';
import { WorkflowError } from './service';

export type EvidenceSettings = { dir: string; maxBytes: number };

/** What a downloaded file may be shown as; anything else is sent as a plain download. */
const inlineTypes = new Set(['application/pdf', 'image/png', 'image/jpeg', 'text/plain']);

/** A name safe to show and to send back in Content-Disposition: no paths, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/\p{Cc}/gu, '_')
    .replace(/["<>|:*?]/g, '_')
    .trim()
    .slice(0, 200);
  return clean || 'evidence';
}

/**
 * Stores an uploaded file as evidence: the bytes under a random name in the evidence folder
 * (never the uploaded name, so no upload can reach another path), then the row and its audit
 * entry. A file the database does not record is removed again.
 */
export async function addEvidence(
  db: Db,
  settings: EvidenceSettings,
  productResNumber: string,
  file: File,
  by: Actor,
  now: Date,
): Promise<void> {
  if (file.size === 0) throw new WorkflowError('the file is empty: choose the file to attach');
  if (file.size > settings.maxBytes)
    throw new WorkflowError(
      `the file is ${(file.size / 1048576).toFixed(1)} MB; evidence files can be at most ${Math.floor(settings.maxBytes / 1048576)} MB`,
    );
  if (!db.select().from(recallCases).where(eq(recallCases.productResNumber, productResNumber)).get())
    throw new WorkflowError(
      `recall ${productResNumber} matches none of our devices, so it has no case to attach to`,
    );
  const bytes = Buffer.from(await file.arrayBuffer());
  const storedName = `${crypto.randomUUID()}.bin`;
  fs.mkdirSync(settings.dir, { recursive: true });
  const target = path.join(settings.dir, storedName);
  fs.writeFileSync(target, bytes, { flag: 'wx', mode: 0o600 });
  const row = {
    productResNumber,
    storedName,
    originalName: cleanFileName(file.name),
    contentType: file.type && /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : 'application/octet-stream',
    size: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    uploadedBy: by.name,
    uploadedAt: now.toISOString(),
  };
  try {
    db.$client.transaction(() => {
      db.insert(evidenceFiles).values(row).run();
      audit(db, by, now, {
        action: 'case.evidence',
        entity: 'recall',
        entityId: productResNumber,
        after: { file: row.originalName, size: row.size, sha256: row.sha256 },
      });
    })();
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
}

/** The stored bytes and how to send them. */
export function readEvidence(settings: EvidenceSettings, row: { storedName: string; contentType: string }) {
  const file = path.join(settings.dir, path.basename(row.storedName));
  if (!fs.existsSync(file)) return null;
  return { bytes: fs.readFileSync(file), inline: inlineTypes.has(row.contentType) };
}
