import { type Command, Option } from 'commander';
import type { MatchRow } from '../../matching/queries';
import type { Confidence } from '../../matching/score';
import { dismissalReasons } from '../../shared/vocabulary';
import { CommandFailed, type WithContext } from './shared';

export function addMatchingCommands(program: Command, withContext: WithContext) {
  program
    .command('match')
    .description('match recalls to the inventory: what changed since the last run, or everything with --full')
    .option('--full', 'redo every recall against every asset', false)
    .action(async (options: { full: boolean }) => {
      const result = await withContext(async (ctx) =>
        (await import('../../pipeline')).matchAndOpenCases(ctx, { full: options.full }),
      );
      console.log((await import('../format')).describeMatching(result));
    });

  program
    .command('matches')
    .description(
      'export the suggested and confirmed matches: asset_tag, product_res_number, score, confidence, status, reasons',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .addOption(
      new Option('--min-confidence <level>', 'leave out suggestions below this confidence')
        .choices(['low', 'medium', 'high'])
        .default('low'),
    )
    .action(async (options: { format: 'csv' | 'json'; minConfidence: Confidence }) => {
      const rows = await withContext(async (ctx) =>
        (await import('../../matching/queries')).listMatches(ctx.db, options.minConfidence),
      );
      if (options.format === 'json') {
        process.stdout.write(`${JSON.stringify(rows.map(exported), null, 2)}\n`);
        return;
      }
      const columns = [
        'asset_tag',
        'product_res_number',
        'score',
        'confidence',
        'status',
        'lot_status',
        'reasons',
      ] as const;
      const records = rows.map((r) => {
        const row = exported(r);
        return { ...row, reasons: row.reasons.join('; ') };
      });
      const { csvOf } = await import('../../shared/csv');
      process.stdout.write(csvOf([[...columns], ...records.map((r) => columns.map((c) => r[c]))]));
    });

  for (const decision of ['confirm', 'dismiss'] as const) {
    const command = program
      .command(decision)
      .description(
        decision === 'confirm'
          ? 'confirm that a recall applies to an asset (kept whatever the engine later thinks)'
          : 'dismiss a suggested match, saying why (it is never suggested again; undone in the recall page)',
      )
      .argument('<asset_tag>')
      .argument('<product_res_number>')
      .requiredOption('--by <name>', 'who decided, for the record')
      .option('--note <text>', decision === 'confirm' ? 'why' : 'why, in words (needed for --reason other)');
    if (decision === 'dismiss')
      command.option(
        '--reason <reason>',
        `${dismissalReasons.map((r) => r.replaceAll('_', '-')).join(', ')} (a --note alone is taken as other)`,
      );
    command.action(
      async (
        assetTag: string,
        productResNumber: string,
        options: { by: string; note?: string; reason?: string },
      ) => {
        const { dismissalReasonOf } = await import('../../recalls/workflow');
        const reason =
          decision === 'dismiss'
            ? (dismissalReasonOf(options.reason) ?? (options.reason ? null : options.note ? 'other' : null))
            : null;
        if (decision === 'dismiss' && options.reason && !reason)
          throw new CommandFailed(
            `--reason ${options.reason} is not one of ${dismissalReasons.map((r) => r.replaceAll('_', '-')).join(', ')}`,
          );
        const result = await withContext(async (ctx) => {
          const [{ decide }, { afterDecision }, { Refusal }] = await Promise.all([
            import('../../recalls/decisions'),
            import('../../pipeline'),
            import('../../shared/refusal'),
          ]);
          try {
            const decided = decide(
              ctx.db,
              { assetTag, productResNumber },
              decision === 'confirm' ? 'confirmed' : 'dismissed',
              { name: options.by, note: options.note ?? null, reason },
              ctx.now(),
            );
            afterDecision(ctx);
            return decided;
          } catch (error) {
            if (!(error instanceof Refusal)) throw error;
            if (error.kind === 'missing')
              throw new CommandFailed(`${error.message}; check the asset tag and recall number`);
            throw new CommandFailed(`${error.message} (--reason, --note)`);
          }
        });
        console.log(`${assetTag} / ${productResNumber}: ${result.decision} by ${options.by}`);
        if (result.learnedAlias) console.log(`learned that ${result.learnedAlias} are one firm family`);
      },
    );
  }
}

function exported(row: MatchRow) {
  return {
    asset_tag: row.assetTag,
    product_res_number: row.productResNumber,
    score: row.score,
    confidence: row.confidence,
    status: row.status,
    lot_status: row.lotStatus ?? '',
    reasons: row.reasons,
  };
}
