import fs from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import type { Context } from '../../context';
import type { Logger } from '../../log';
import { type FeedName, feedNames } from '../../openfda/feed-names';
import { type SourceName, sourceNames } from '../../sources/notice';
import { CommandFailed, configOrFail, interruptible, type WithContext } from './shared';

const n = (value: number) => value.toLocaleString('en-US');

/**
 * What follows a sync or an import on the command line: new recalls matched, and new MAUDE
 * reports indexed straight away with progress (a first build of a million takes a while), so the
 * first search does not pay for them. Says what it did.
 */
async function afterLoadHere(ctx: Context) {
  const [{ afterLoad }, { indexEventsNow }, { describeMatching, noInventoryYet }, { waitsForInventory }] =
    await Promise.all([
      import('../../pipeline'),
      import('../event-index'),
      import('../format'),
      import('../../matching/pending'),
    ]);
  const { matched } = await afterLoad({
    ...ctx,
    indexEvents: () => {
      const indexed = indexEventsNow(ctx.db);
      if (indexed > 0) console.log(`MAUDE narrative search: ${n(indexed)} reports indexed`);
    },
  });
  if (matched) console.log(describeMatching(matched));
  else if (waitsForInventory(ctx.db)) console.log(noInventoryYet);
}

export function addOpenFdaCommands(program: Command, withContext: WithContext, log: Logger) {
  program
    .command('serve')
    .description(
      'start the web server and the sync scheduler (PORT, HOST, VIGIL_DB and more from the environment)',
    )
    .action(async () => {
      const config = await configOrFail();
      const { startServer } = await import('../../main');
      const server = await startServer(config, log);
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
    .description(
      'bring the local copy of openFDA and the early sources (VIGIL_SOURCES) up to date (incremental unless --full), then match new recalls',
    )
    .addOption(
      new Option('--feed <feed>', 'which openFDA feed or early source to sync')
        .choices([...feedNames, ...sourceNames, 'all'])
        .default('all'),
    )
    .option('--full', 're-pull everything instead of only what is new since the last sync', false)
    .action(async (options: { feed: FeedName | SourceName | 'all'; full: boolean }) => {
      const config = await configOrFail();
      const chosen = (name: string) => options.feed === 'all' || options.feed === name;
      const openFdaNames = feedNames.filter(
        (f) => chosen(f) && (config.sources.openFda || options.feed === f),
      );
      const early = sourceNames.filter(
        (s) => chosen(s) && (config.sources.early.includes(s) || options.feed === s),
      );
      const signal = interruptible();
      const [{ syncFeeds }, { syncSources }, { terminalProgress }, { describeSync }] = await Promise.all([
        import('../../openfda/sync'),
        import('../../sources/sync'),
        import('../progress'),
        import('../format'),
      ]);
      const progress = terminalProgress();
      const results = await withContext(async (ctx) => {
        const onProgress = (p: {
          feed: string;
          phase: string;
          pages: number;
          records: number;
          total: number;
        }) =>
          progress.update(
            `${p.feed} (${p.phase}): page ${p.pages}, ${n(p.records)} of ${n(p.total)} records`,
          );
        const results = [
          ...(openFdaNames.length
            ? await syncFeeds(await ctx.syncDeps(), openFdaNames, { full: options.full, signal, onProgress })
            : []),
          ...(early.length ? await syncSources(await ctx.sourceDeps(), early, { signal, onProgress }) : []),
        ];
        progress.done();
        for (const r of results) {
          if (r.status === 'succeeded') console.log(describeSync(r));
          else console.error(describeSync(r));
        }
        await afterLoadHere(ctx);
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
      "load openFDA bulk download files (*.json.zip or *.json): recall, enforcement, event, classification; GUDID device files (device/udi, also *.ndjson or *.ndjson.zip), whose companies the matcher uses for assets with no manufacturer; and Health Canada's recalls file (HCRSAMOpenData.json) for sites that cannot reach it",
    )
    .argument('<files...>', 'files downloaded from https://open.fda.gov/data/downloads/')
    .action(async (files: string[]) => {
      const [
        { resolveUserPath },
        { importFiles },
        { importGudid },
        { isGudidFile },
        { terminalProgress },
        { describeImport, describeCounts },
      ] = await Promise.all([
        import('../../config'),
        import('../../openfda/bulk/import'),
        import('../../openfda/gudid/import'),
        import('../../openfda/gudid/read'),
        import('../progress'),
        import('../format'),
      ]);
      const progress = terminalProgress();
      const results = await withContext(async (ctx) => {
        const results = [];
        for (const file of files.map((f) => resolveUserPath(f))) {
          const started = Date.now();
          // Sniffed only in a regular file: reading the start of a pipe would take it from the import.
          if (fs.existsSync(file) && fs.statSync(file).isFile() && /\.json$/i.test(file)) {
            const { isHealthCanadaFile, importHealthCanadaFile } = await import('../../sources/import');
            if (isHealthCanadaFile(file)) {
              const loaded = importHealthCanadaFile({ ...ctx, days: ctx.config.sources.days }, file);
              console.log(
                `${path.basename(file)}: Health Canada recalls and alerts, ${n(loaded.records)} recent device notices: ${describeCounts(loaded.counts)}, ${((Date.now() - started) / 1000).toFixed(1)} s; their pages (firm, models, lots) are read by the next sync that reaches Health Canada`,
              );
              continue;
            }
          }
          if (fs.existsSync(file) && (await isGudidFile(file))) {
            const stored = await importGudid(ctx, file);
            console.log(
              `${path.basename(file)}: ${n(stored.records)} GUDID device records: ${n(stored.stored)} stored, ${n(stored.skipped)} without a device identifier, ${((Date.now() - started) / 1000).toFixed(1)} s; the next full match (vigil match --full) reads their companies`,
            );
            continue;
          }
          const [result] = await importFiles(
            { ...ctx, maxRecordBytes: ctx.config.openFda.maxRecordBytes },
            [file],
            (p) =>
              progress.update(
                `${p.file}: ${n(p.records)} ${p.feed} records, ${Math.round((100 * p.bytes) / Math.max(1, p.size))}% read`,
              ),
          );
          progress.done();
          const line = describeImport(result!, (Date.now() - started) / 1000);
          if (result!.status === 'succeeded') console.log(line);
          else console.error(line);
          results.push(result!);
        }
        await afterLoadHere(ctx);
        return results;
      });
      const failed = results.filter((r) => r.status === 'failed');
      if (failed.length > 0)
        throw new CommandFailed(`${failed.length} of ${results.length} files did not import`);
    });

  program
    .command('status')
    .description('rows per table, and when each feed last synced and how it went')
    .action(async () => {
      await withContext(async (ctx) => {
        const [{ feedStatuses, tableCounts }, { describeStatus }, { matchingDue, pendingCounts }] =
          await Promise.all([
            import('../../status/queries'),
            import('../format'),
            import('../../matching/pending'),
          ]);
        const matching = { due: matchingDue(ctx.db), ...pendingCounts(ctx.db) };
        console.log(describeStatus(tableCounts(ctx.db), feedStatuses(ctx.db), matching));
      });
    });
}
