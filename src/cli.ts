import { Command } from 'commander';
import { addDatabaseCommands } from './cli/commands/database';
import { addDigestCommands } from './cli/commands/digest';
import { addEventCommands } from './cli/commands/events';
import { addInventoryCommands } from './cli/commands/inventory';
import { addMatchingCommands } from './cli/commands/matching';
import { addOpenFdaCommands } from './cli/commands/openfda';
import { configOrFail, type WithContext } from './cli/commands/shared';
import { addUserCommands } from './cli/commands/users';
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

/**
 * The database and services for one command. Loaded when a command runs, not before: `vigil
 * --help` and a mistyped option answer without loading the database layer.
 */
const withContext: WithContext = async (work) => {
  const config = await configOrFail();
  const { openContext } = await import('./context');
  const ctx = openContext(config, log);
  try {
    return await work(ctx);
  } catch (error) {
    // "database is locked", "readonly", "malformed": said with the file's name and what to do.
    const { explainDatabaseError } = await import('./db/health');
    throw explainDatabaseError(config.dbPath, error);
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
addDatabaseCommands(program, withContext);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`vigil: ${message}\n`);
  process.exit(1);
});
