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

/**
 * Packages built into dist/ with our code rather than loaded from node_modules when a command
 * starts: plain JavaScript spread over a hundred small files each, whose finding and reading took
 * 0.1 to 0.2 s of every command that opens the database.
 */
const bundled = new Set(['drizzle-orm', 'zod']);

/** Every other package stays in node_modules (native addons, and what is loaded only sometimes). */
const otherPackagesExternal = {
  name: 'other-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path
        .split('/')
        .slice(0, args.path.startsWith('@') ? 2 : 1)
        .join('/');
      return bundled.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

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
    plugins: [otherPackagesExternal],
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
