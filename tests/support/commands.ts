import { spawn } from 'node:child_process';
import { projectRoot } from './shared';

/** The real command line in child processes; no test framework needed (the soak uses these too). */

export type CommandResult = { code: number | null; stdout: string; stderr: string };

/**
 * Runs the real `vigil` command line in a child process (network denied but for this machine),
 * as `npm run vigil` would, with the given environment added.
 */
export function startVigil(args: string[], env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './tests/support/deny-network.ts', 'src/cli.ts', ...args],
    {
      cwd: projectRoot,
      env: { ...process.env, INIT_CWD: projectRoot, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CommandResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

export function runVigil(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return startVigil(args, env).done;
}

/** Polls until `check` is true, or fails after `ms`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  ms = 30_000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
