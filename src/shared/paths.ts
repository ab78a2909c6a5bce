import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder, found from this file upwards, so it is the same whether Vigil runs
 * from its sources (src/…) or from the built command line (dist/…).
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The committed SQL migrations, applied at start-up. */
export const migrationsFolder = path.join(projectRoot, 'src', 'db', 'migrations');
