import type { Config } from '../../config';
import type { Context } from '../../context';

/** A failure the user can act on: printed as one line, exit status 1. */
export class CommandFailed extends Error {}

/** Opens the database and services for one command, and closes them after. */
export type WithContext = <T>(work: (ctx: Context) => Promise<T>) => Promise<T>;

/** Ctrl-C stops a long run between pages: what is committed stays, and the next run carries on. */
export function interruptible(): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping after the current page (Ctrl-C again to quit at once)…\n');
    controller.abort(new Error('stopped on request'));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
}

/** The settings from the environment; a bad one fails the command in one line naming it. */
export async function configOrFail(): Promise<Config> {
  const { ConfigError, loadConfig } = await import('../../config');
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError)
      throw new CommandFailed(`${error.message}; fix the environment variable and try again`);
    throw error;
  }
}
