import { type CanonicalColumn, canonicalColumns, type HeaderMapping } from './columns';
import type { CsvRecord } from './csv';

/** Columns an export should fill, and that matching, triage and reports rely on. */
const expected: CanonicalColumn[] = [
  'manufacturer',
  'model',
  'serial_number',
  'device_name',
  'department',
  'status',
];

/**
 * Warnings for known columns that end up empty though the file may hold them under a header
 * kept as extra data: the column's own header is blank in every row while another header for the
 * same column has values ("Department" empty, "Dept Name" filled); or no header is the column at
 * all while some headers were not recognised ("Servicio", "Abteilung"). Each says how to choose.
 */
export function emptyColumnWarnings(headers: HeaderMapping, records: CsvRecord[]): string[] {
  const filled = (index: number) => records.some((r) => (r.cells[index] ?? '').trim() !== '');
  const warnings: string[] = [];
  const unknown = headers.unmapped.filter((u) => u.looksLike === null && filled(u.index));
  const absent: CanonicalColumn[] = [];
  for (const column of canonicalColumns.filter((c) => expected.includes(c))) {
    const mapped = headers.mapping.find((m) => m.column === column);
    const twin = headers.unmapped.find((u) => u.looksLike === column && filled(u.index));
    if (mapped && !filled(mapped.index) && twin) {
      warnings.push(
        `${column} is empty in every row under "${mapped.header}", while "${twin.header}", kept as extra data, has values; to use it: --map "${twin.header}=${column}"`,
      );
    } else if (!mapped) absent.push(column);
  }
  if (absent.length > 0 && unknown.length > 0 && records.length > 0) {
    const names = unknown.map((u) => `"${u.header}"`).join(', ');
    const columns =
      absent.length === 1 ? absent[0]! : `${absent.slice(0, -1).join(', ')} or ${absent.at(-1)}`;
    warnings.push(
      `no header is ${columns}, so ${absent.length === 1 ? 'it stays' : 'they stay'} empty; the headers kept as extra data are ${names}: if one of them is ${absent.length === 1 ? 'it' : 'one of these'}, choose it, as in --map "${unknown[0]!.header}=${absent[0]}"`,
    );
  }
  return warnings;
}
