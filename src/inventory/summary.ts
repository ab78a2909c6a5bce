import type { InventoryImportResult } from './import';

const n = (value: number) => value.toLocaleString('en-US');
const rowsWord = (count: number) => `${n(count)} ${count === 1 ? 'row' : 'rows'}`;

/**
 * What `vigil inventory import` prints: the header mapping it used, every row error, then the
 * counts. `failure` is the closing line when the command should exit non-zero, saying what to do.
 */
export function describeInventoryImport(
  result: InventoryImportResult,
  options: { dryRun: boolean; goodRowsOnly: boolean },
): { lines: string[]; failure: string | null } {
  const lines: string[] = [];
  if (result.mapping.length > 0 || result.unmapped.length > 0) {
    const width = Math.max(...[...result.mapping, ...result.unmapped].map((m) => m.header.length + 2));
    lines.push('Columns (header in the file → Vigil column):');
    for (const m of result.mapping)
      lines.push(`  ${`"${m.header}"`.padEnd(width)} → ${m.column}${m.chosen ? ' (as chosen)' : ''}`);
    for (const u of result.unmapped) {
      const why = u.looksLike ? `, as ${u.looksLike} already comes from another column` : '';
      lines.push(`  ${`"${u.header}"`.padEnd(width)} → kept in the asset's extra data${why}`);
    }
    if (result.unmapped.length === 0) lines.push('  (every header has a column)');
  }
  for (const e of result.errors)
    lines.push(`line ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}`);
  const unlisted = result.errorCount - result.errors.length;
  if (unlisted > 0)
    lines.push(`… and ${n(unlisted)} more ${unlisted === 1 ? 'error' : 'errors'} after these`);
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  if (result.problem) {
    const choose = result.needsAssetTag
      ? `; choose the header that identifies each asset with --map, as in --map "${result.unmapped[0]?.header ?? 'header'}=asset_tag"`
      : '';
    return { lines, failure: `nothing was imported: ${result.problem}${choose}` };
  }

  const bad = result.rowsWithErrors;
  const good = result.added + result.updated + result.unchanged;
  const counts = `${n(result.added)} added, ${n(result.updated)} updated, ${n(result.unchanged)} unchanged`;
  const kept =
    result.notInFile === 0
      ? 'An import never deletes assets; every stored asset is in this file.'
      : `An import never deletes assets: ${n(result.notInFile)} stored ${result.notInFile === 1 ? 'asset is' : 'assets are'} not in this file and ${result.notInFile === 1 ? 'is' : 'are'} kept as ${result.notInFile === 1 ? 'it is' : 'they are'}.`;
  const skipped = bad > 0 ? `; ${rowsWord(bad)} with errors not imported` : '';
  if (result.written) {
    lines.push(`${rowsWord(result.rows)} read: ${counts}${skipped}.`, kept);
    return { lines, failure: null };
  }
  if (options.dryRun) {
    lines.push(
      `Dry run, nothing written. ${rowsWord(result.rows)} read: would be ${counts}${skipped}.`,
      kept,
    );
    if (bad === 0 || options.goodRowsOnly) return { lines, failure: null };
  } else if (good > 0) {
    lines.push(
      `${rowsWord(result.rows)} read; nothing written. The ${rowsWord(good)} without errors would be ${counts}.`,
    );
  } else {
    lines.push(`${rowsWord(result.rows)} read; nothing written: every row has an error.`);
  }
  const verb = `${rowsWord(bad)} ${bad === 1 ? 'has' : 'have'} errors, so nothing ${options.dryRun ? 'would be' : 'was'} written`;
  const goodOnly = good > 0 ? `, or add --good-rows-only to import the ${rowsWord(good)} without errors` : '';
  return { lines, failure: `${verb}; fix them and import again${goodOnly}` };
}
