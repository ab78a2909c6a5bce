import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where uploaded evidence is kept, and how large one file may be. */
export type FileSettings = { dir: string; maxBytes: number };

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

/** Why a file cannot be kept, or null. */
export function uploadProblem(settings: FileSettings, file: File): string | null {
  if (file.size === 0) return 'the file is empty: choose the file to attach';
  if (file.size > settings.maxBytes)
    return `the file is ${(file.size / 1048576).toFixed(1)} MB; evidence files can be at most ${Math.floor(settings.maxBytes / 1048576)} MB`;
  return null;
}

export type StoredFile = {
  storedName: string;
  originalName: string;
  contentType: string;
  size: number;
  sha256: string;
};

/**
 * Writes an upload under a random name in the evidence folder (never the uploaded name, so no
 * upload can reach another path), then hands the row to `record`. If recording fails, the file
 * is removed again, so the folder never holds bytes the database does not know of.
 */
export async function keepFile(settings: FileSettings, file: File, record: (row: StoredFile) => void) {
  const bytes = Buffer.from(await file.arrayBuffer());
  const storedName = `${crypto.randomUUID()}.bin`;
  fs.mkdirSync(settings.dir, { recursive: true });
  const target = path.join(settings.dir, storedName);
  fs.writeFileSync(target, bytes, { flag: 'wx', mode: 0o600 });
  const row: StoredFile = {
    storedName,
    originalName: cleanFileName(file.name),
    contentType: file.type && /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : 'application/octet-stream',
    size: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  };
  try {
    record(row);
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
}

/** The stored bytes and how to send them. */
export function readKeptFile(settings: FileSettings, row: { storedName: string; contentType: string }) {
  const file = path.join(settings.dir, path.basename(row.storedName));
  if (!fs.existsSync(file)) return null;
  return { bytes: fs.readFileSync(file), inline: inlineTypes.has(row.contentType) };
}
