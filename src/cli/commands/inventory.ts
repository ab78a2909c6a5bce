import fs from 'node:fs';
import { type Command, Option } from 'commander';
import type { DateOrder } from '../../inventory/acquired-on';
import { CommandFailed, type WithContext } from './shared';

export function addInventoryCommands(program: Command, withContext: WithContext) {
  const inventory = program.command('inventory').description("the hospital's own devices, from its CMMS");

  inventory
    .command('import')
    .description(
      'load a CSV export from a CMMS: asset_tag (required), manufacturer, model, catalog_number, serial_number, udi, product_code, device_name, department, location, status, software_version, acquired_on; common header variants are recognised',
    )
    .argument('<file>', 'the CSV file (comma, semicolon or tab separated)')
    .option('--dry-run', 'check every row and show what would change, without writing', false)
    .option('--good-rows-only', 'when some rows have errors, import the others instead of nothing', false)
    .option(
      '--map <header=column>',
      'the Vigil column for a header of the file, as in --map "INV Sistema=asset_tag" (or =extra to keep it as extra data); repeat for several',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addOption(
      new Option(
        '--date-format <order>',
        "the order of day, month and year in the file's numeric dates (default: month first)",
      ).choices(['dmy', 'mdy', 'ymd']),
    )
    .action(
      async (
        file: string,
        options: { dryRun: boolean; goodRowsOnly: boolean; map: string[]; dateFormat?: DateOrder },
      ) => {
        const { readChoices } = await import('../../inventory/columns');
        const chosen = readChoices(options.map);
        if (chosen.problem) throw new CommandFailed(chosen.problem);
        const { lines, failure } = await withContext(async (ctx) => {
          const [{ resolveUserPath }, { importInventory }, { describeInventoryImport }, pipeline, format] =
            await Promise.all([
              import('../../config'),
              import('../../inventory/import'),
              import('../../inventory/summary'),
              import('../../pipeline'),
              import('../format'),
            ]);
          const result = importInventory(ctx, {
            file: resolveUserPath(file),
            dryRun: options.dryRun,
            goodRowsOnly: options.goodRowsOnly,
            columns: chosen.choices,
            dateOrder: options.dateFormat,
          });
          const described = describeInventoryImport(result, options);
          // New and changed assets are matched against every recall straight away.
          const matched = await pipeline.afterInventoryChange(ctx, result);
          if (matched) described.lines.push(format.describeMatching(matched));
          return described;
        });
        for (const line of lines) console.log(line);
        if (failure) throw new CommandFailed(failure);
      },
    );

  inventory
    .command('export')
    .description('write the stored inventory as CSV, in the columns import reads back')
    .addOption(new Option('--format <format>', 'output format').choices(['csv']).default('csv'))
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (options: { format: 'csv'; output?: string }) => {
      const { csv, assets } = await withContext(async (ctx) =>
        (await import('../../inventory/export')).exportInventory(ctx.db),
      );
      if (!options.output) {
        process.stdout.write(csv);
        return;
      }
      const target = (await import('../../config')).resolveUserPath(options.output);
      fs.writeFileSync(target, csv);
      console.log(`${assets.toLocaleString('en-US')} assets written to ${target}`);
    });
}
