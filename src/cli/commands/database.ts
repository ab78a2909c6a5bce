import fs from 'node:fs';
import type { Command } from 'commander';
import { CommandFailed, configOrFail, type WithContext } from './shared';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** The database file itself: checking it whole, and copying it safely while Vigil runs. */
export function addDatabaseCommands(program: Command, withContext: WithContext) {
  program
    .command('check')
    .description(
      "check the whole database file for damage (SQLite's integrity_check); exits 1 if any is found",
    )
    .action(async () => {
      const config = await configOrFail();
      const [{ closeDatabase, openDatabase }, { databaseProblems, DamagedDatabase, noteSound }] =
        await Promise.all([import('../../db/client'), import('../../db/health')]);
      // Not through the usual start, which stops at damage: here damage is what is asked for.
      const db = openDatabase(config.dbPath);
      try {
        const problems = databaseProblems(db, 'full');
        if (problems.length > 0) {
          for (const problem of problems) console.log(problem);
          throw new CommandFailed(new DamagedDatabase(config.dbPath, problems).message);
        }
        noteSound(db, 'full', new Date());
        console.log(`${config.dbPath}: no damage found (${mb(fs.statSync(config.dbPath).size)})`);
      } finally {
        closeDatabase(db);
      }
    });

  program
    .command('backup')
    .description(
      'copy the database to a file, safely while the server or a sync is running, and check the copy',
    )
    .argument('<file>', 'where to write the copy (replaced if it exists)')
    .action(async (target: string) => {
      const [{ resolveUserPath }, { databaseProblems }, { closeDatabase, openDatabase }] = await Promise.all([
        import('../../config'),
        import('../../db/health'),
        import('../../db/client'),
      ]);
      const file = resolveUserPath(target);
      await withContext(async (ctx) => {
        if (file === ctx.config.dbPath) throw new CommandFailed('the backup cannot be the database itself');
        // Written beside the target and renamed when whole: a stopped backup never replaces a good one.
        const partial = `${file}.partial`;
        fs.rmSync(partial, { force: true });
        await ctx.db.$client.backup(partial);
        const copy = openDatabase(partial);
        try {
          const problems = databaseProblems(copy, 'quick');
          if (problems.length > 0)
            throw new CommandFailed(`the copy in ${partial} fails its check: ${problems[0]}`);
        } finally {
          closeDatabase(copy);
        }
        fs.renameSync(partial, file);
        console.log(`${file}: a checked copy of ${ctx.config.dbPath} (${mb(fs.statSync(file).size)})`);
      });
    });
}
