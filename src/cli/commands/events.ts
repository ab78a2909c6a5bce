import { type Command, Option } from 'commander';
import { eventTypes } from '../../events/event-types';
import { CommandFailed, type WithContext } from './shared';

type SearchOptions = {
  manufacturer?: string;
  brand?: string;
  model?: string;
  catalog?: string;
  productCode?: string;
  udiDi?: string;
  text?: string;
  from?: string;
  to?: string;
  eventType?: string;
  format: 'text' | 'json' | 'csv';
  limit: string;
  page: string;
};

export function addEventCommands(program: Command, withContext: WithContext) {
  const events = program.command('events').description('MAUDE adverse-event reports');
  events
    .command('search')
    .description(
      'search MAUDE by manufacturer (with its name variants), model, product code, dates, type and narrative',
    )
    .option('--manufacturer <name>', 'device manufacturer; its name variants are gathered')
    .option('--brand <brand>', 'brand name, or its beginning')
    .option('--model <model>', 'model number')
    .option('--catalog <number>', 'catalog number')
    .option('--product-code <code>', 'FDA product code, such as FRN')
    .option('--udi-di <di>', 'UDI device identifier')
    .option('--text <words>', 'words of the narratives (all must appear)')
    .option('--from <date>', 'received on or after (YYYY-MM-DD)')
    .option('--to <date>', 'received on or before (YYYY-MM-DD)')
    .option('--event-type <type>', `one of: ${eventTypes.join(', ')}`)
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'),
    )
    .option('--limit <n>', 'reports to list (at most 10000)', '50')
    .option('--page <n>', 'which page of --limit reports', '1')
    .action(async (options: SearchOptions) => {
      const [{ readEventFilters }, { createManufacturerNames }, words, { searchEvents }, { indexEventsNow }] =
        await Promise.all([
          import('../../events/filters'),
          import('../../events/manufacturers'),
          import('../../events/marked-words'),
          import('../../events/queries'),
          import('../event-index'),
        ]);
      const plain = (snippet: string | null) =>
        (snippet ?? '').replaceAll(words.markStart, '').replaceAll(words.markEnd, '');
      const read = readEventFilters({ ...options });
      if (!read.ok) throw new CommandFailed(read.problems.join('; '));
      const limit = Number(options.limit);
      const page = Number(options.page);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new CommandFailed('--limit is a whole number from 1 to 10000');
      if (!Number.isInteger(page) || page < 1) throw new CommandFailed('--page is a whole number from 1');
      const result = await withContext(async (ctx) => {
        // The whole index, however far behind, so the command answers for every stored report.
        indexEventsNow(ctx.db);
        return searchEvents(ctx.db, createManufacturerNames(ctx.db), read.filters, { page, pageSize: limit });
      });
      const reports = result.rows.map((r) => ({ ...r, snippet: plain(r.snippet) }));
      if (options.format === 'json') {
        process.stdout.write(
          `${JSON.stringify({ total: result.total, page, order: result.order, variants: result.variants, facets: result.facets, reports }, null, 2)}\n`,
        );
        return;
      }
      if (options.format === 'csv') {
        const columns = [
          'reportKey',
          'reportNumber',
          'dateReceived',
          'eventType',
          'manufacturer',
          'brand',
          'model',
          'snippet',
        ] as const;
        const { csvOf } = await import('../../shared/csv');
        process.stdout.write(csvOf([[...columns], ...reports.map((r) => columns.map((c) => r[c]))]));
        return;
      }
      const order = result.order === 'relevance' ? 'best match first' : 'newest first';
      const lines = [`${result.total.toLocaleString('en-US')} reports, ${order}`];
      if (result.variants.length)
        lines.push(
          `manufacturer names gathered: ${result.variants.map((v) => `${v.name} (${v.reports})`).join('; ')}`,
        );
      for (const r of reports)
        lines.push(
          `${r.dateReceived ?? '?'}  ${r.reportNumber ?? r.reportKey}  ${r.eventType ?? '?'}  ${[r.manufacturer, r.brand, r.model].filter(Boolean).join(' · ')}`,
          `    ${r.snippet.replace(/\s+/g, ' ').slice(0, 200)}`,
        );
      console.log(lines.join('\n'));
    });
}
