import { Timestamp } from './time';

export type FeedView = {
  feed: string;
  title: string;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  sourceLastUpdated: string | null;
  running: boolean;
  lastRun: {
    mode: string;
    status: string;
    startedAt: string;
    pages: number;
    added: number;
    updated: number;
    skipped: number;
  } | null;
};

export type HomeView = {
  now: Date;
  feeds: FeedView[];
  counts: { table: string; rows: number }[];
  nextSyncAt: string | null;
  openFdaUrl: string;
};

function Outcome({ feed }: { feed: FeedView }) {
  if (feed.running) return <span class="running">syncing now</span>;
  if (feed.lastError) return <span class="failed">last attempt failed</span>;
  if (feed.lastSuccessAt) return <span class="ok">up to date</span>;
  return <span class="muted">not synced yet</span>;
}

/**
 * When each feed was last synced and why the last attempt failed. Also the fragment that htmx
 * polls, so a sync in progress shows up without reloading the page.
 */
export function FeedTable({ view }: { view: HomeView }) {
  const failing = view.feeds.filter((f) => f.lastError && !f.running);
  return (
    <section
      id="feeds"
      aria-labelledby="feeds-title"
      hx-get="/sync-status"
      hx-trigger="every 30s"
      hx-swap="outerHTML"
    >
      <h2 id="feeds-title">openFDA feeds</h2>
      {failing.length > 0 && (
        <div class="alert" role="alert">
          <strong>
            {failing.length === 1
              ? 'A feed could not be synced'
              : `${failing.length} feeds could not be synced`}
            .
          </strong>{' '}
          Vigil keeps serving what it has and keeps retrying
          {view.nextSyncAt ? (
            <>
              ; next attempt <Timestamp iso={view.nextSyncAt} now={view.now} />
            </>
          ) : null}
          .
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Feed</th>
            <th scope="col">Status</th>
            <th scope="col">Last synced</th>
            <th scope="col">Last attempt</th>
            <th scope="col">FDA data as of</th>
            <th scope="col">Last run</th>
          </tr>
        </thead>
        <tbody>
          {view.feeds.map((feed) => (
            <tr>
              <th scope="row">{feed.title}</th>
              <td>
                <Outcome feed={feed} />
                {feed.lastError && !feed.running && <div class="error-text">{feed.lastError}</div>}
              </td>
              <td>
                <Timestamp iso={feed.lastSuccessAt} now={view.now} />
              </td>
              <td>
                <Timestamp iso={feed.lastAttemptAt} now={view.now} />
              </td>
              <td>{feed.sourceLastUpdated ?? <span class="muted">unknown</span>}</td>
              <td>
                {feed.lastRun ? (
                  <>
                    {feed.lastRun.mode} {feed.lastRun.status}: {feed.lastRun.added} added,{' '}
                    {feed.lastRun.updated} updated
                    {feed.lastRun.skipped > 0 ? `, ${feed.lastRun.skipped} skipped` : ''}
                  </>
                ) : (
                  <span class="muted">none</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">Source: {view.openFdaUrl}</p>
    </section>
  );
}

export function HomePage({ view }: { view: HomeView }) {
  return (
    <>
      <h1>Vigil status</h1>
      <FeedTable view={view} />
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">What is stored</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col" class="num">
                Rows
              </th>
            </tr>
          </thead>
          <tbody>
            {view.counts.map((c) => (
              <tr>
                <td>{c.table}</td>
                <td class="num">{c.rows.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
