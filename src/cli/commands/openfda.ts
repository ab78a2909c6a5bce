import fs from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { loadConfig, resolveUserPath } from '../../config';
import type { Context } from '../../context';
import type { Logger } from '../../log';
import { startServer } from '../../main';
import { runMatching } from '../../matching/run';
import { importFiles } from '../../openfda/bulk/import';
import { type FeedName, feedNames } from '../../openfda/feeds';
import { importGudid } from '../../openfda/gudid/import';
import { isGudidFile } from '../../openfda/gudid/read';
import { syncFeeds } from '../../openfda/sync';
import { feedStatuses, tableCounts } from '../../status/queries';
import { indexEventsNow } from '../event-index';
import { describeImport, describeMatching, describeStatus, describeSync } from '../format';
import { terminalProgress } from '../progress';
import { CommandFailed, interruptible, type WithContext } from './shared';

const n = (value: number) => value.toLocaleString('en-US');

/**
 * New or revised MAUDE reports go into the narrative search index straight away, so the first
 * search does not pay for a large sync; a first build of a million reports takes minutes.
 */
function indexEventsIfChanged(
  ctx: Context,
  results: { feed: FeedName | null; counts: { added: number; updated: number } }[],
) {
  if (!results.some((r) => r.feed === 'event' && r.counts.added + r.counts.updated > 0)) return;
  const indexed = indexEventsNow(ctx.db);
  if (indexed > 0) console.log(`MAUDE narrative search: ${n(indexed)} reports indexed`);
}

/** New or changed recalls are matched to the inventory straight away. */
async function matchIfRecallsChanged(ctx: Context, changed: boolean) {
  if (changed) console.log(describeMatching(await runMatching(ctx)));
}

export function addOpenFdaCommands(program: Command, withContext: WithContext, log: Logger) {
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
    .description(
      'bring the local copy of openFDA up to date (incremental unless --full), then match new recalls',
    )
    .addOption(
      new Option('--feed <feed>', 'which feed to sync').choices([...feedNames, 'all']).default('all'),
    )
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
              `${p.feed} (${p.phase}): page ${p.pages}, ${n(p.records)} of ${n(p.total)} records`,
            ),
        });
        progress.done();
        for (const r of results) {
          if (r.status === 'succeeded') console.log(describeSync(r));
          else console.error(describeSync(r));
        }
        const changed = results.some(
          (r) => (r.feed === 'recall' || r.feed === 'enforcement') && r.counts.added + r.counts.updated > 0,
        );
        await matchIfRecallsChanged(ctx, changed);
        indexEventsIfChanged(ctx, results);
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
      'load openFDA bulk download files (*.json.zip or *.json): recall, enforcement, event, classification; and GUDID device files (device/udi, also *.ndjson or *.ndjson.zip), whose companies the matcher uses for assets with no manufacturer',
    )
    .argument('<files...>', 'files downloaded from https://open.fda.gov/data/downloads/')
    .action(async (files: string[]) => {
      const progress = terminalProgress();
      const results = await withContext(async (ctx) => {
        const results = [];
        for (const file of files.map((f) => resolveUserPath(f))) {
          const started = Date.now();
          if (fs.existsSync(file) && (await isGudidFile(file))) {
            const gudid = await importGudid(ctx, file);
            console.log(
              `${path.basename(file)}: ${n(gudid.records)} GUDID device records: ${n(gudid.stored)} stored, ${n(gudid.skipped)} without a device identifier, ${((Date.now() - started) / 1000).toFixed(1)} s; the next full match (vigil match --full) reads their companies`,
            );
            continue;
          }
          const [result] = await importFiles(ctx, [file], (p) =>
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
        const changed = results.some(
          (r) => (r.feed === 'recall' || r.feed === 'enforcement') && r.counts.added + r.counts.updated > 0,
        );
        await matchIfRecallsChanged(ctx, changed);
        indexEventsIfChanged(ctx, results);
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
        console.log(describeStatus(tableCounts(ctx.db), feedStatuses(ctx.db)));
      });
    });
}
