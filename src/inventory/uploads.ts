import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const maxUploadBytes = 20 * 1024 * 1024;
const keepMs = 60 * 60 * 1000;
const idPattern = /^[\w-]{43}$/;

type Meta = { userId: number; fileName: string; uploadedAt: string };
export type PendingUpload = { id: string; fileName: string; bytes: Buffer };

/**
 * CSV files uploaded for a preview, waiting for the person to confirm the import.
 *
 * Why files beside the database (data/uploads): preview and import are two requests, and a 20 MB
 * export fits neither a hidden field nor a cookie; the database has no table for it, and a file
 * that is only needed for a minute does not belong in the backups. Not the shared OS temp folder:
 * another account on the machine could make that folder first and read every upload. The folder
 * is this account's alone (0700), and refused if it is anyone else's. Each upload is named by 32 random bytes (an id
 * that cannot be guessed, checked against its pattern so it can never name another path), its
 * sidecar binds it to the user who uploaded it (nobody else can import it), and it expires after an
 * hour: every upload sweeps out older ones. A restart loses nothing but unconfirmed previews.
 */
export function createUploadStore(deps: { dir: string; now: () => Date }) {
  const { dir } = deps;
  const files = (id: string) => ({ csv: path.join(dir, `${id}.csv`), meta: path.join(dir, `${id}.json`) });
  const expired = (meta: Meta) => deps.now().getTime() - Date.parse(meta.uploadedAt) > keepMs;

  function remove(id: string) {
    if (!idPattern.test(id)) return;
    for (const file of Object.values(files(id))) fs.rmSync(file, { force: true });
  }

  function readMeta(id: string): Meta | null {
    try {
      return JSON.parse(fs.readFileSync(files(id).meta, 'utf8')) as Meta;
    } catch {
      return null;
    }
  }

  function sweep() {
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      const id = name.replace(/\.(csv|json)$/, '');
      const meta = idPattern.test(id) ? readMeta(id) : null;
      // A file without its sidecar is half written or half removed: gone once it is old too.
      const age = meta ? null : deps.now().getTime() - fs.statSync(path.join(dir, name)).mtimeMs;
      if (meta ? expired(meta) : age !== null && age > keepMs)
        fs.rmSync(path.join(dir, name), { force: true });
    }
  }

  return {
    save(bytes: Uint8Array, owner: { userId: number; fileName: string }): string {
      sweep();
      ownFolder(dir);
      const id = crypto.randomBytes(32).toString('base64url');
      const meta: Meta = { ...owner, uploadedAt: deps.now().toISOString() };
      fs.writeFileSync(files(id).csv, bytes, { mode: 0o600 });
      fs.writeFileSync(files(id).meta, JSON.stringify(meta), { mode: 0o600 });
      return id;
    },
    /** The upload, if it exists, is this user's and has not expired. */
    load(id: string, userId: number): PendingUpload | null {
      if (!idPattern.test(id)) return null;
      const meta = readMeta(id);
      if (!meta || meta.userId !== userId) return null;
      if (expired(meta)) {
        remove(id);
        return null;
      }
      try {
        return { id, fileName: meta.fileName, bytes: fs.readFileSync(files(id).csv) };
      } catch {
        return null;
      }
    },
    remove,
  };
}

export type UploadStore = ReturnType<typeof createUploadStore>;

/** Where the uploads of a database wait: beside its file, or a private temp folder for one in memory. */
export function uploadsDirFor(databaseFile: string): string {
  if (databaseFile === '' || databaseFile === ':memory:')
    return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-uploads-'));
  return path.join(path.dirname(databaseFile), 'uploads');
}

/** Makes the folder, readable by this account alone; one that is another account's is refused. */
function ownFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.statSync(dir);
  if (process.getuid && stat.uid !== process.getuid())
    throw new Error(
      `${dir} belongs to another account; remove it, or set VIGIL_DB to a folder of Vigil's own`,
    );
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}
