import { Csrf } from '../shared/layout';
import { Timestamp } from '../shared/time';
import { SyncHistory } from './sync-history';

export type FeedView = {
  feed: string;
  title: string;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** A bulk file loaded with `vigil import`: a load of the feed like a sync. */
  lastImportAt: string | null;
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

/** One sync run or bulk import, as the history and the progress show it. */
export type RunView = {
  id: number;
  feed: string;
  mode: string;
  source: string;
  status: string;
  startedAt: string;
  duration: string;
  pages: number;
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  error: string | null;
};

/** What the polled part of the page shows: the feeds and the runs under way. */
export type FeedsView = {
  now: Date;
  feeds: FeedView[];
  running: RunView[];
  nextSyncAt: string | null;
  openFdaUrl: string;
  /** Seconds until htmx asks again: short while something runs. */
  pollSeconds: number;
};

export type SyncView = FeedsView & {
  counts: { table: string; rows: number }[];
  history: RunView[];
  csrf: string;
  /** Whether this person may start a sync (technicians and admins). */
  canSync: boolean;
  /** False where no scheduler runs (a server started without one). */
  syncAvailable: boolean;
  notice: { text: string; kind: 'ok' | 'alert' } | null;
  /** The email digest, when mail is set up; null otherwise. */
  digest: { lastSentAt: string | null; lastError: string | null } | null;
};

/** How the email digest went: a failure stays on show until a digest goes out again. */
function DigestState({ digest, now }: { digest: NonNullable<SyncView['digest']>; now: Date }) {
  return (
    <section aria-labelledby="digest-title">
      <h2 id="digest-title">Email digest</h2>
      {digest.lastError && (
        <p class="alert" role="alert">
          The last digest could not be sent: {digest.lastError}. The recalls it would have listed go out with
          the next one.
        </p>
      )}
      <p>
        Last sent: <Timestamp iso={digest.lastSentAt} now={now} />
      </p>
    </section>
  );
}

const n = (value: number) => value.toLocaleString('en-US');

function Outcome({ feed }: { feed: FeedView }) {
  if (feed.running) return <span class="running">syncing now</span>;
  if (feed.lastError) return <span class="failed">last attempt failed</span>;
  if (feed.lastSuccessAt) return <span class="ok">up to date</span>;
  if (feed.lastImportAt) return <span class="ok">loaded from a bulk file</span>;
  return <span class="muted">not loaded yet</span>;
}

function Progress({ runs, now }: { runs: RunView[]; now: Date }) {
  if (runs.length === 0) return null;
  return (
    <div class="progress">
      <h3>Under way</h3>
      <ul>
        {runs.map((run) => (
          <li>
            <strong>{run.feed}</strong>: {run.mode === 'import' ? 'bulk import' : `${run.mode} sync`} from{' '}
            {run.source}, started <Timestamp iso={run.startedAt} now={now} />. So far {n(run.pages)}{' '}
            {run.pages === 1 ? 'page' : 'pages'}: {n(run.added)} added, {n(run.updated)} updated,{' '}
            {n(run.unchanged)} unchanged
            {run.skipped > 0 ? `, ${n(run.skipped)} skipped` : ''} ({run.duration}).
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * When each feed was last synced, why the last attempt failed, and what a sync under way has
 * done so far. Also the fragment htmx polls: every 2 s while something runs, every 30 s otherwise.
 */
export function FeedTable({ view }: { view: FeedsView }) {
  const failing = view.feeds.filter((f) => f.lastError && !f.running);
  // While a run is watched, the poll says so: its answer after the run ends refreshes the history.
  const poll = view.running.length > 0 || view.pollSeconds < 30 ? '/sync-status?watching=1' : '/sync-status';
  return (
    <section
      id="feeds"
      aria-labelledby="feeds-title"
      hx-get={poll}
      hx-trigger={`every ${view.pollSeconds}s`}
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
      <Progress runs={view.running} now={view.now} />
      <table>
        <thead>
          <tr>
            <th scope="col">Feed</th>
            <th scope="col">Status</th>
            <th scope="col">Last synced</th>
            <th scope="col">Last attempt</th>
            <th scope="col">Last bulk import</th>
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
              <td>
                {feed.lastImportAt ? (
                  <Timestamp iso={feed.lastImportAt} now={view.now} />
                ) : (
                  <span class="muted">none</span>
                )}
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
      <p class="muted">
        Source: {view.openFdaUrl}
        {view.nextSyncAt && (
          <>
            . Next scheduled sync <Timestamp iso={view.nextSyncAt} now={view.now} />
          </>
        )}
      </p>
    </section>
  );
}

function SyncNow({ view }: { view: SyncView }) {
  return (
    <section aria-labelledby="sync-now-title">
      <h2 id="sync-now-title" class="visually-hidden">
        Sync now
      </h2>
      {view.notice && (
        <p
          class={view.notice.kind === 'ok' ? 'notice' : 'alert'}
          role={view.notice.kind === 'ok' ? 'status' : 'alert'}
        >
          {view.notice.text}
        </p>
      )}
      {!view.syncAvailable ? (
        <p class="muted">
          Sync on demand is not available here: this Vigil runs without its scheduler. Run{' '}
          <code>vigil sync</code> on the server instead.
        </p>
      ) : view.canSync ? (
        <form method="post" action="/sync">
          <Csrf token={view.csrf} />
          <button type="submit">Sync now</button>{' '}
          <span class="muted">Fetches what openFDA has published since the last sync, for every feed.</span>
        </form>
      ) : null}
    </section>
  );
}

export function SyncPage({ view }: { view: SyncView }) {
  return (
    <>
      <h1>Sync with openFDA</h1>
      <SyncNow view={view} />
      <FeedTable view={view} />
      <noscript>
        <p class="muted">Reload this page to see a sync's progress.</p>
      </noscript>
      <SyncHistory runs={view.history} now={view.now} />
      {view.digest && <DigestState digest={view.digest} now={view.now} />}
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
