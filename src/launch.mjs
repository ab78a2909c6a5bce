// The `vigil` command as people and scripts run it: the TypeScript built once into dist/ and run
// as plain JavaScript, so a command starts in a blink instead of compiling ~200 files each time.
// The build happens on `npm ci` (prepare) and again here whenever a source file is newer than it.
// Plain JavaScript itself, so that nothing has to be compiled to start it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const entry = path.join(dist, 'cli.js');
const sources = ['src', 'views'].map((d) => path.join(root, d));

/** The newest change under the source folders, in ms since the epoch. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of sources) walk(dir);
  return newest;
}

/** Bundles the command line (and what it loads on demand, as separate chunks) into dist/. */
async function build() {
  const esbuild = await import('esbuild');
  fs.rmSync(dist, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'cli.ts')],
    outdir: dist,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'warning',
    sourcemap: 'linked',
  });
}

const stale = () => !fs.existsSync(entry) || fs.statSync(entry).mtimeMs < newestSource();

if (process.argv[2] === '--build') {
  await build();
} else {
  if (stale()) await build();
  await import(pathToFileURL(entry).href);
}
