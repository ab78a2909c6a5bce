/** What an import did, or would do, as the page shows it. */
export type ImportOutcome = {
  mapping: { header: string; column: string; index: number; chosen?: boolean }[];
  unmapped: { header: string; looksLike: string | null; index: number }[];
  /** Known columns left empty while a header kept as extra data may hold them. */
  warnings: string[];
  /** What stops the file (no asset tag column, dates in another order), if anything. */
  problem: string | null;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  notInFile: number;
  /** The first errors by line; errorCount says how many there are in all. */
  errors: { line: number; column: string | null; message: string }[];
  errorCount: number;
  rowsWithErrors: number;
  /** For each stored asset the file changes, which fields, from what to what. */
  changes?: {
    assetTag: string;
    fields: { field: string; before: string | null; after: string | null; extra?: true }[];
  }[];
};

export const n = (value: number) => value.toLocaleString('en-US');
export const rows = (count: number) => `${n(count)} ${count === 1 ? 'row' : 'rows'}`;

export function RowErrors({ outcome }: { outcome: ImportOutcome }) {
  if (outcome.errors.length === 0) return <p>Every row can be imported.</p>;
  return (
    <table>
      <caption>
        {rows(outcome.rowsWithErrors)} with errors (line 1 is the header)
        {outcome.errorCount > outcome.errors.length &&
          `; the first ${n(outcome.errors.length)} of ${n(outcome.errorCount)} errors are listed`}
      </caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            Line
          </th>
          <th scope="col">Column</th>
          <th scope="col">What is wrong</th>
        </tr>
      </thead>
      <tbody>
        {outcome.errors.map((e) => (
          <tr>
            <th scope="row" class="num">
              {e.line}
            </th>
            <td>{e.column ?? <span class="muted">the whole row</span>}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Counts({ outcome, would }: { outcome: ImportOutcome; would: boolean }) {
  const verb = would ? 'would be' : 'were';
  return (
    <p>
      {rows(outcome.rows)} read. Of the rows without errors, {n(outcome.added)} {verb} added,{' '}
      {n(outcome.updated)} {verb} updated and {n(outcome.unchanged)} {would ? 'would stay' : 'stayed'}{' '}
      unchanged.{' '}
      {outcome.notInFile > 0 &&
        `${n(outcome.notInFile)} stored ${outcome.notInFile === 1 ? 'asset is' : 'assets are'} not in this file and ${would ? 'would be' : 'were'} kept as they are.`}
    </p>
  );
}

/** A stored field's name as a reader says it: serialNumber is "serial number"; extra headers as the file spells them. */
const fieldName = (field: string) => field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const changesListed = 100;

/** Which stored assets the file would change, and in each which field, from what to what. */
export function Changes({ outcome }: { outcome: ImportOutcome }) {
  const changes = outcome.changes ?? [];
  if (changes.length === 0) return <p class="muted">No stored asset would change.</p>;
  const listed = changes.slice(0, changesListed);
  const value = (v: string | null) => (v === null ? <span class="muted">(empty)</span> : v);
  return (
    <>
      <table class="changes">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">Field</th>
            <th scope="col">Now</th>
            <th scope="col">After the import</th>
          </tr>
        </thead>
        <tbody>
          {listed.flatMap((c) =>
            c.fields.map((f) => (
              <tr>
                <td data-label="Asset">
                  <a href={`/inventory/${encodeURIComponent(c.assetTag)}`}>{c.assetTag}</a>
                </td>
                <td data-label="Field">{f.extra ? f.field : fieldName(f.field)}</td>
                <td data-label="Now">
                  <del>{value(f.before)}</del>
                </td>
                <td data-label="After">
                  <ins>{value(f.after)}</ins>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      {changes.length > listed.length && (
        <p class="muted">
          And {n(changes.length - listed.length)} more assets; the first {n(listed.length)} are listed.
        </p>
      )}
    </>
  );
}
