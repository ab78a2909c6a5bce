import { Timestamp } from '../shared/time';
import type { RunView } from './sync';

const n = (value: number) => value.toLocaleString('en-US');

const statusClass: Record<string, string> = {
  succeeded: 'ok',
  failed: 'failed',
  interrupted: 'failed',
  running: 'running',
};

/** The last sync runs and imports with their errors; refreshed when a watched run ends. */
export function SyncHistory({ runs, now }: { runs: RunView[]; now: Date }) {
  return (
    <section
      id="sync-history"
      aria-labelledby="history-title"
      hx-get="/sync-history"
      hx-trigger="sync-finished from:body"
      hx-swap="outerHTML"
    >
      <h2 id="history-title">History</h2>
      {runs.length === 0 ? (
        <p class="muted">No sync or import has run yet.</p>
      ) : (
        <table>
          <caption class="visually-hidden">
            {runs.length === 1
              ? 'The last sync run or import'
              : `The last ${runs.length} sync runs and imports, newest first`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Feed</th>
              <th scope="col">Kind</th>
              <th scope="col">Source</th>
              <th scope="col">Status</th>
              <th scope="col">Took</th>
              <th scope="col" class="num">
                Pages
              </th>
              <th scope="col" class="num">
                Added
              </th>
              <th scope="col" class="num">
                Updated
              </th>
              <th scope="col" class="num">
                Unchanged
              </th>
              <th scope="col" class="num">
                Skipped
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr>
                <td>
                  <Timestamp iso={run.startedAt} now={now} />
                </td>
                <th scope="row">{run.feed}</th>
                <td>{run.mode}</td>
                <td>{run.source}</td>
                <td>
                  <span class={statusClass[run.status] ?? ''}>{run.status}</span>
                  {run.error && <div class="error-text">{run.error}</div>}
                </td>
                <td>{run.duration}</td>
                <td class="num">{n(run.pages)}</td>
                <td class="num">{n(run.added)}</td>
                <td class="num">{n(run.updated)}</td>
                <td class="num">{n(run.unchanged)}</td>
                <td class="num">{n(run.skipped)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
