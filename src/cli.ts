import fs from 'node:fs';
import { Command, Option } from 'commander';
import { describeImport, describeStatus, describeSync } from './cli/format';
import { terminalProgress } from './cli/progress';
import { ConfigError, loadConfig, resolveUserPath } from './config';
import { type Context, openContext } from './context';
import { exportInventory } from './inventory/export';
import { importInventory } from './inventory/import';
import { describeInventoryImport } from './inventory/summary';
import { createLogger, type Logger } from './log';
import { startServer } from './main';
import { importFiles } from './openfda/bulk/import';
import { type FeedName, feedNames } from './openfda/feeds';
import { syncFeeds } from './openfda/sync';
import { feedStatuses, tableCounts } from './status/queries';

/** A failure the user can act on: printed as one line, exit status 1. */
class CommandFailed extends Error {}

const log: Logger = createLogger();

async function withContext<T>(work: (ctx: Context) => Promise<T>): Promise<T> {
  const ctx = openContext(loadConfig(), log);
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

/** Ctrl-C stops a long run between pages: what is committed stays, and the next run carries on. */
function interruptible() {
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping after the current page (Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
}

const program = new Command('vigil')
  .description('Vigil: openFDA recalls, enforcement reports and MAUDE events for a hospital HTM team')
  .showHelpAfterError('(run with --help for usage)');

program
  .command('serve')
  .description(
    'start the web server and the sync scheduler (PORT, HOST, VIGIL_DB and more from the environment)',
  )
  .action(async () => {
    const server = await startServer(loadConfig(), log);
    const stop = async () => {
      log.info('shutting down');
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('sync')
  .description('bring the local copy of openFDA up to date (incremental unless --full)')
  .addOption(new Option('--feed <feed>', 'which feed to sync').choices([...feedNames, 'all']).default('all'))
  .option('--full', 're-pull everything instead of only what is new since the last sync', false)
  .action(async (options: { feed: FeedName | 'all'; full: boolean }) => {
    const names = options.feed === 'all' ? feedNames : [options.feed];
    const signal = interruptible();
    const progress = terminalProgress();
    const results = await withContext(async (ctx) => {
      const results = await syncFeeds(ctx.syncDeps(), names, {
        full: options.full,
        signal,
        onProgress: (p) =>
          progress.update(
            `${p.feed} (${p.phase}): page ${p.pages}, ${p.records.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} records`,
          ),
      });
      progress.done();
      for (const r of results) {
        const line = describeSync(r);
        if (r.status === 'succeeded') console.log(line);
        else console.error(line);
      }
      return results;
    });
    const bad = results.filter((r) => r.status !== 'succeeded');
    if (bad.length > 0) {
      throw new CommandFailed(
        `${bad.map((r) => r.feed).join(', ')} did not sync; what is stored is kept and the next run carries on (see vigil status)`,
      );
    }
  });

program
  .command('import')
  .description(
    'load openFDA bulk download files (*.json.zip or *.json): recall, enforcement, event, classification',
  )
  .argument('<files...>', 'files downloaded from https://open.fda.gov/data/downloads/')
  .action(async (files: string[]) => {
    const progress = terminalProgress();
    const results = await withContext(async (ctx) => {
      const results = [];
      for (const file of files.map((f) => resolveUserPath(f))) {
        const started = Date.now();
        const [result] = await importFiles(ctx, [file], (p) =>
          progress.update(
            `${p.file}: ${p.records.toLocaleString('en-US')} ${p.feed} records, ${Math.round((100 * p.bytes) / Math.max(1, p.size))}% read`,
          ),
        );
        progress.done();
        const line = describeImport(result!, (Date.now() - started) / 1000);
        if (result!.status === 'succeeded') console.log(line);
        else console.error(line);
        results.push(result!);
      }
      return results;
    });
    const failed = results.filter((r) => r.status === 'failed');
    if (failed.length > 0)
      throw new CommandFailed(`${failed.length} of ${results.length} files did not import`);
  });

const inventory = program.command('inventory').description("the hospital's own devices, from its CMMS");

inventory
  .command('import')
  .description(
    'load a CSV export from a CMMS: asset_tag (required), manufacturer, model, catalog_number, serial_number, udi, product_code, device_name, department, location, status, software_version, acquired_on; common header variants are recognised',
  )
  .argument('<file>', 'the CSV file (comma, semicolon or tab separated)')
  .option('--dry-run', 'check every row and show what would change, without writing', false)
  .option('--good-rows-only', 'when some rows have errors, import the others instead of nothing', false)
  .action(async (file: string, options: { dryRun: boolean; goodRowsOnly: boolean }) => {
    const { lines, failure } = await withContext(async (ctx) =>
      describeInventoryImport(importInventory(ctx, { file: resolveUserPath(file), ...options }), options),
    );
    for (const line of lines) console.log(line);
    if (failure) throw new CommandFailed(failure);
  });

inventory
  .command('export')
  .description('write the stored inventory as CSV, in the columns import reads back')
  .addOption(new Option('--format <format>', 'output format').choices(['csv']).default('csv'))
  .option('--output <file>', 'write to this file instead of standard output')
  .action(async (options: { format: 'csv'; output?: string }) => {
    const { csv, assets } = await withContext(async (ctx) => exportInventory(ctx.db));
    if (!options.output) {
      process.stdout.write(csv);
      return;
    }
    const target = resolveUserPath(options.output);
    fs.writeFileSync(target, csv);
    console.log(`${assets.toLocaleString('en-US')} assets written to ${target}`);
  });

program
  .command('status')
  .description('rows per table, and when each feed last synced and how it went')
  .action(async () => {
    await withContext(async (ctx) => {
      console.log(describeStatus(tableCounts(ctx.db), feedStatuses(ctx.db)));
    });
  });

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
