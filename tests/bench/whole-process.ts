/**
 * Commands timed as a hospital's scripts run them: whole processes, start-up included.
 * - `vigil --help`, through the built command line and through `npm run`, beside the same from
 *   the TypeScript sources with tsx (how every command started before the build);
 * - `vigil import` of the recall zip into a fresh database, paired run by run with a minimal
 *   script that unzips, parses and inserts the same records in one transaction (the floor).
 * `node --import tsx tests/bench/whole-process.ts <recall zip> [runs]`; prints its measurements as JSON.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../support/shared';

const [zip, runsArg] = process.argv.slice(2) as [string, string?];
const runs = Number(runsArg ?? 5);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-whole-'));

function timed(command: string, args: string[], env: Record<string, string> = {}): number {
  const started = performance.now();
  const run = spawnSync(command, args, {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return (performance.now() - started) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (xs: number[]) => Number(median(xs).toFixed(3));

// The command line built first, as `npm ci` leaves it; the floor built the same way, beside it.
timed(process.execPath, ['src/launch.mjs', '--build']);
const floor = path.join(projectRoot, 'node_modules/.cache/vigil-bench/import-floor.mjs');
await build({
  entryPoints: [path.join(projectRoot, 'tests/bench/import-floor.ts')],
  outfile: floor,
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  logLevel: 'warning',
});

const help = { built: [] as number[], npm: [] as number[], tsx: [] as number[] };
for (let i = 0; i < Math.max(runs, 5); i++) {
  help.built.push(timed(process.execPath, ['src/launch.mjs', '--help']));
  help.npm.push(timed('npm', ['run', '--silent', 'vigil', '--', '--help']));
  help.tsx.push(timed(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--help']));
}

const imports = { vigil: [] as number[], floor: [] as number[] };
for (let i = 0; i < runs; i++) {
  const db = path.join(work, `vigil-${i}.db`);
  imports.vigil.push(timed(process.execPath, ['src/launch.mjs', 'import', zip], { VIGIL_DB: db }));
  imports.floor.push(timed(process.execPath, [floor, zip, path.join(work, `floor-${i}.db`)]));
}
fs.rmSync(work, { recursive: true, force: true });

const ratio = median(imports.vigil) / median(imports.floor);
const measured = (name: string, xs: number[], records: number, note: string) => ({
  name,
  records,
  seconds: seconds(xs),
  peakRssMb: 0,
  note: `median of ${xs.length} runs; ${note}`,
});
console.log(
  JSON.stringify([
    measured('vigil --help, built (node src/launch.mjs)', help.built, 1, 'target < 0.3 s'),
    measured('vigil --help through npm run --silent vigil', help.npm, 1, 'target < 0.3 s'),
    measured('vigil --help from the sources with tsx (before)', help.tsx, 1, 'for comparison'),
    measured(
      'vigil import, 31,960 recalls (zip), fresh database',
      imports.vigil,
      31_960,
      `${ratio.toFixed(2)}x the floor; target <= 1.5x`,
    ),
    measured(
      'floor: unzip, parse, insert in one transaction',
      imports.floor,
      31_960,
      'a minimal script, built the same way',
    ),
  ]),
);
