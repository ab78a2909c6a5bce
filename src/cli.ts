import { Command } from 'commander';
import { addDigestCommands } from './cli/commands/digest';
import { addEventCommands } from './cli/commands/events';
import { addInventoryCommands } from './cli/commands/inventory';
import { addMatchingCommands } from './cli/commands/matching';
import { addOpenFdaCommands } from './cli/commands/openfda';
import { CommandFailed, type WithContext } from './cli/commands/shared';
import { addUserCommands } from './cli/commands/users';
import { ConfigError, loadConfig } from './config';
import { openContext } from './context';
import { createLogger, type Logger } from './log';

const log: Logger = createLogger();

// A reader that goes away (`vigil matches | head`) is the end of the output, not a failure: stop
// quietly. What each command stores is committed as it goes, so nothing is half-written.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const withContext: WithContext = async (work) => {
  const ctx = openContext(loadConfig(), log);
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
};

const program = new Command('vigil')
  .description('Vigil: FDA device recalls matched to a hospital inventory, with MAUDE events, for HTM teams')
  .showHelpAfterError('(run with --help for usage)');

addOpenFdaCommands(program, withContext, log);
addInventoryCommands(program, withContext);
addMatchingCommands(program, withContext);
addEventCommands(program, withContext);
addUserCommands(program, withContext);
addDigestCommands(program, withContext);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `${error.message}; fix the environment variable and try again`
      : error instanceof CommandFailed
        ? error.message
        : error instanceof Error
          ? error.message
          : String(error);
  process.stderr.write(`vigil: ${message}\n`);
  process.exit(1);
});
