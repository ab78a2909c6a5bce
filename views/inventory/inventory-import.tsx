import { Csrf } from '../shared/layout';
import { Changes, Counts, type ImportOutcome, n, RowErrors, rows } from './import-outcome';

export type MatchingOutcome =
  | { ran: true; high: number; medium: number; low: number; assets: number }
  | { ran: false; reason: string };

/** The file form: shown first, and again with what was wrong with the file. */
export function ImportUploadPage({ view }: { view: { csrf: string; maxMb: number; error?: string } }) {
  return (
    <>
      <p>
        <a href="/inventory">← Inventory</a>
      </p>
      <h1>Import an inventory CSV</h1>
      <p>
        Export your devices from the CMMS as CSV (comma, semicolon or tab separated) with one row per device
        and a column that identifies each one (asset tag). Vigil first shows what the file would change and
        every row it cannot read; nothing is written until you confirm. An import adds and updates assets; it
        never deletes one.
      </p>
      {view.error && (
        <p class="alert" role="alert">
          {view.error}
        </p>
      )}
      <form method="post" action="/inventory/import" enctype="multipart/form-data" class="stack">
        <Csrf token={view.csrf} />
        <label for="inventory-file">CSV file (at most {view.maxMb} MB)</label>
        <input id="inventory-file" name="file" type="file" accept=".csv,.txt,.tsv,text/csv" required />
        <button type="submit">Check the file</button>
      </form>
    </>
  );
}

/** The choices the preview offers: a column for a header Vigil does not know, the order of dates. */
export type ImportChoicesView = {
  /** Every column a header can be put in. */
  columns: string[];
  /** The order of the file's dates: "mdy" (the default), "dmy" or "ymd". */
  dateOrder: string;
};

const dateOrderLabels: [string, string][] = [
  ['mdy', 'Month first (12/31/2019)'],
  ['dmy', 'Day first (31/12/2019, 31.12.2019)'],
  ['ymd', 'Year first (2019-12-31)'],
];

/** A header's column, as a select where a person may choose one (headers Vigil does not know, or chose). */
function ColumnSelect({
  index,
  header,
  current,
  columns,
}: {
  index: number;
  header: string;
  current: string;
  columns: string[];
}) {
  return (
    <select name={`map_${index}`} id={`map_${index}`} aria-label={`Vigil column for ${header}`}>
      <option value="extra" selected={current === 'extra'}>
        keep as extra data
      </option>
      {columns.map((column) => (
        <option value={column} selected={current === column}>
          {column}
        </option>
      ))}
    </select>
  );
}

function Mapping({ outcome, choices }: { outcome: ImportOutcome; choices: ImportChoicesView }) {
  return (
    <table>
      <caption>Columns: header in the file → where Vigil keeps it</caption>
      <thead>
        <tr>
          <th scope="col">Header in the file</th>
          <th scope="col">Vigil column</th>
        </tr>
      </thead>
      <tbody>
        {outcome.mapping.map((m) => (
          <tr>
            <th scope="row">{m.header}</th>
            <td>
              {m.chosen ? (
                <ColumnSelect
                  index={m.index}
                  header={m.header}
                  current={m.column}
                  columns={choices.columns}
                />
              ) : (
                m.column
              )}
            </td>
          </tr>
        ))}
        {outcome.unmapped.map((u) => (
          <tr>
            <th scope="row">{u.header}</th>
            <td>
              {u.looksLike ? (
                `kept in the asset's other columns, as ${u.looksLike} already comes from another header`
              ) : (
                <>
                  <ColumnSelect index={u.index} header={u.header} current="extra" columns={choices.columns} />{' '}
                  <span class="muted">
                    not a header Vigil knows: kept in the asset's other columns unless you choose
                  </span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DateOrder({ choices }: { choices: ImportChoicesView }) {
  return (
    <p>
      <label for="date-format">Dates in the file are written</label>{' '}
      <select id="date-format" name="date_format">
        {dateOrderLabels.map(([value, label]) => (
          <option value={value} selected={choices.dateOrder === value}>
            {label}
          </option>
        ))}
      </select>
    </p>
  );
}

function Warnings({ outcome }: { outcome: ImportOutcome }) {
  if (outcome.warnings.length === 0) return null;
  return (
    <ul class="notice" role="status">
      {outcome.warnings.map((w) => (
        <li>{w.replace(/--map "([^"]+)=([^"]+)"/g, 'choose $2 for "$1" above')}</li>
      ))}
    </ul>
  );
}

export type ImportPreviewView = {
  csrf: string;
  uploadId: string;
  fileName: string;
  outcome: ImportOutcome;
  choices: ImportChoicesView;
  goodRowsOnly: boolean;
  error?: string;
};

/**
 * The dry run: what the file would change, every row error, the columns (with a choice for each
 * header Vigil does not know, and for the order of dates), and the form that checks again or
 * confirms. A file that cannot be imported as read (no asset tag column, dates in another order)
 * comes here too, so the choice that fixes it can be made.
 */
export function ImportPreviewPage({ view }: { view: ImportPreviewView }) {
  const { outcome } = view;
  const bad = outcome.rowsWithErrors;
  const good = outcome.added + outcome.updated + outcome.unchanged;
  return (
    <>
      <p>
        <a href="/inventory/import">← Choose another file</a>
      </p>
      <h1>Check the import of {view.fileName}</h1>
      <p class="notice" role="status">
        Nothing has been imported yet.
      </p>
      {outcome.problem ? (
        <p class="alert" role="alert">
          This file cannot be imported as it is read: {outcome.problem}. Choose below, then check again.
        </p>
      ) : (
        <Counts outcome={outcome} would={true} />
      )}
      <form method="post" action="/inventory/import/confirm" class="stack" aria-labelledby="confirm-title">
        <Csrf token={view.csrf} />
        <input type="hidden" name="upload" value={view.uploadId} />
        <h2>Columns</h2>
        <Warnings outcome={outcome} />
        <Mapping outcome={outcome} choices={view.choices} />
        <DateOrder choices={view.choices} />
        {/* Checking again needs no choice made: only the import waits for it. */}
        <button type="submit" formaction="/inventory/import/check" formnovalidate class="secondary">
          Check again with these choices
        </button>
        {!outcome.problem && (
          <>
            <h2>Assets that would change</h2>
            <Changes outcome={outcome} />
            <h2>Rows with errors</h2>
            <RowErrors outcome={outcome} />
          </>
        )}
        <h2 id="confirm-title">Import</h2>
        {view.error && (
          <p class="alert" role="alert">
            {view.error}
          </p>
        )}
        {outcome.problem ? (
          <p>Nothing can be imported until the choices above fix the file.</p>
        ) : good === 0 ? (
          <p>Every row has an error: fix the file and upload it again.</p>
        ) : (
          <>
            {bad > 0 && (
              <>
                <p>
                  With errors in {rows(bad)}, nothing is imported unless you choose to import the others. You
                  can also fix the file and upload it again.
                </p>
                {/* Required, so that the browser holds the import until the choice is made, script or not;
                    the stylesheet shows the button disabled until then. */}
                <label>
                  <input
                    type="checkbox"
                    name="good_rows_only"
                    value="true"
                    checked={view.goodRowsOnly}
                    required
                    aria-describedby="import-waits"
                  />{' '}
                  Import only the {rows(good)} without errors
                </label>
                <p id="import-waits" class="muted">
                  The import button waits for this choice.
                </p>
              </>
            )}
            <button type="submit" class="import">
              Import {rows(bad > 0 ? good : outcome.rows)}
            </button>
          </>
        )}
      </form>
    </>
  );
}

export type ImportDoneView = { fileName: string; outcome: ImportOutcome; matching: MatchingOutcome };

/** After the import: what changed, the rows left out, and what matching found. */
export function ImportDonePage({ view }: { view: ImportDoneView }) {
  const { outcome, matching } = view;
  const bad = outcome.rowsWithErrors;
  return (
    <>
      <h1>Imported {view.fileName}</h1>
      <p class="notice" role="status">
        The inventory is updated.
      </p>
      <Counts outcome={outcome} would={false} />
      {bad > 0 && (
        <>
          <h2>Rows left out</h2>
          <RowErrors outcome={outcome} />
        </>
      )}
      <h2>Recall matching</h2>
      {matching.ran ? (
        <p>
          {n(matching.assets)} new or changed assets were matched against the stored recalls:{' '}
          {n(matching.high)} high, {n(matching.medium)} medium and {n(matching.low)} low confidence
          suggestions. <a href="/">See the recalls that match your devices</a>.
        </p>
      ) : (
        <p>{matching.reason}</p>
      )}
      <p>
        <a href="/inventory">Back to the inventory</a>
      </p>
    </>
  );
}
