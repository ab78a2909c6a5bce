import { Csrf } from '../shared/layout';
import { stampedDay, Timestamp } from '../shared/time';

/** What a MAUDE history is fetched for. */
export type HistoryKind = 'manufacturer' | 'product_code';

/** One history fetch as its page, its progress and the list show it. */
export type FetchView = {
  id: number;
  kind: HistoryKind;
  value: string;
  status: 'running' | 'succeeded' | 'failed';
  fetched: number;
  added: number;
  total: number | null;
  capped: boolean;
  error: string | null;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  duration: string;
  /** The local MAUDE search for the same manufacturer or product code. */
  searchUrl: string;
};

export type FetchPageView = {
  fetch: FetchView;
  now: Date;
  csrf: string;
  canWork: boolean;
  /** Why this page was shown after asking: a fetch started, one already running, or a recent one. */
  asked: 'started' | 'running' | 'recent' | null;
};

export type HistoryListView = {
  fetches: FetchView[];
  now: Date;
  csrf: string;
  canWork: boolean;
  /** What was typed into the form, and what is wrong with it, after a refused ask. */
  form?: { kind: string; value: string; problem: string };
};

const n = (value: number) => value.toLocaleString('en-US');

const kindLabel = (kind: HistoryKind) => (kind === 'manufacturer' ? 'Manufacturer' : 'Product code');

const statusClass = { running: 'running', succeeded: 'ok', failed: 'failed' } as const;

/**
 * Offered beside a MAUDE search by manufacturer or product code that finds few or no reports:
 * the sync covers only recent years of what the hospital follows, and openFDA may hold more.
 */
export function HistoryOffer({ kind, value, csrf }: { kind: HistoryKind; value: string; csrf: string }) {
  return (
    <form method="post" action="/events/history" class="inline">
      <Csrf token={csrf} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="value" value={value} />
      <button type="submit">Fetch {value}’s full history from openFDA</button>
    </form>
  );
}

function Outcome({ fetch }: { fetch: FetchView }) {
  if (fetch.status === 'running')
    return (
      <p role="status">
        <span class="running">Fetching</span>: {n(fetch.fetched)}
        {fetch.total !== null ? ` of ${n(fetch.total)}` : ''} reports so far ({fetch.duration}).
      </p>
    );
  if (fetch.status === 'failed')
    return (
      <div class="alert" role="alert">
        <strong>The fetch failed</strong>: {fetch.error}
      </div>
    );
  if (fetch.fetched === 0)
    return (
      <p class="notice" role="status">
        openFDA has no MAUDE reports for {fetch.value}.
      </p>
    );
  return (
    <p class="notice" role="status">
      <span class="ok">Done</span>: {n(fetch.fetched)} reports fetched ({n(fetch.added)} new here) in{' '}
      {fetch.duration}.
      {fetch.capped && fetch.total !== null && (
        <>
          {' '}
          openFDA holds {n(fetch.total)}; Vigil fetched the newest {n(fetch.fetched)}, its limit for one
          fetch, to stay inside openFDA’s daily request allowance.
        </>
      )}
    </p>
  );
}

/**
 * How a fetch stands. Also the fragment htmx polls every 2 s while it runs; the answer after it
 * ends carries no trigger, so the polling stops there.
 */
export function HistoryProgress({ fetch, now }: { fetch: FetchView; now: Date }) {
  const running = fetch.status === 'running';
  const poll = running
    ? {
        'hx-get': `/events/history/${fetch.id}/progress`,
        'hx-trigger': 'every 2s',
        'hx-swap': 'outerHTML',
      }
    : {};
  return (
    <section id="history-progress" aria-labelledby="history-progress-title" {...poll}>
      <h2 id="history-progress-title" class="visually-hidden">
        Progress
      </h2>
      {running && (
        <progress
          max={fetch.total ?? undefined}
          value={fetch.total ? fetch.fetched : undefined}
          aria-label="Reports fetched"
        />
      )}
      <Outcome fetch={fetch} />
      <p>
        Asked by {fetch.requestedBy}, <Timestamp iso={fetch.startedAt} now={now} />.{' '}
        {fetch.fetched > 0 && <a href={fetch.searchUrl}>Search these reports</a>}
      </p>
    </section>
  );
}

const askedNotice = (view: FetchPageView) => {
  if (view.asked === 'running')
    return 'A fetch of this history is already under way: its progress is below. Vigil did not start another.';
  if (view.asked === 'recent')
    return `This history was fetched on ${stampedDay(view.fetch.finishedAt ?? view.fetch.startedAt)}, within the last week, so Vigil did not ask openFDA again.`;
  return null;
};

export function HistoryFetchPage({ view }: { view: FetchPageView }) {
  const { fetch } = view;
  const notice = askedNotice(view);
  return (
    <>
      <p>
        <a href="/events/history">All history fetches</a>
      </p>
      <h1>
        MAUDE history of {fetch.kind === 'manufacturer' ? '' : 'product code '}
        {fetch.value}
      </h1>
      {notice && (
        <p class="notice" role="status">
          {notice} <a href={fetch.searchUrl}>Search the reports</a>.
        </p>
      )}
      <HistoryProgress fetch={fetch} now={view.now} />
      <noscript>
        <p class="muted">Reload this page to see the fetch’s progress.</p>
      </noscript>
      {view.canWork && fetch.status !== 'running' && (
        <form method="post" action="/events/history">
          <Csrf token={view.csrf} />
          <input type="hidden" name="kind" value={fetch.kind} />
          <input type="hidden" name="value" value={fetch.value} />
          <input type="hidden" name="force" value="1" />
          <button type="submit">Fetch again from openFDA</button>{' '}
          <span class="muted">Reports already held are updated, never doubled.</span>
        </form>
      )}
    </>
  );
}

function AskForm({ view }: { view: HistoryListView }) {
  const kind = view.form?.kind ?? 'manufacturer';
  return (
    <form method="post" action="/events/history" class="inline-fields">
      <Csrf token={view.csrf} />
      <label>
        Fetch by{' '}
        <select name="kind">
          <option value="manufacturer" selected={kind === 'manufacturer'}>
            Manufacturer
          </option>
          <option value="product_code" selected={kind === 'product_code'}>
            Product code
          </option>
        </select>
      </label>
      <label>
        Name or code{' '}
        <input
          name="value"
          value={view.form?.value ?? ''}
          required
          maxlength={200}
          aria-invalid={view.form ? 'true' : undefined}
          aria-describedby={view.form ? 'ask-problem' : undefined}
        />
      </label>
      <button type="submit">Fetch history from openFDA</button>
      {view.form && (
        <p id="ask-problem" class="alert" role="alert">
          {view.form.problem}
        </p>
      )}
    </form>
  );
}

export function HistoryListPage({ view }: { view: HistoryListView }) {
  return (
    <>
      <h1>MAUDE histories from openFDA</h1>
      <p class="muted">
        The sync keeps the recent reports of what the hospital follows. A manufacturer’s or product code’s
        older reports are fetched here on request and kept with the rest.
      </p>
      {view.canWork && <AskForm view={view} />}
      {view.fetches.length === 0 ? (
        <p class="muted">No history has been fetched yet.</p>
      ) : (
        <table>
          <caption class="visually-hidden">
            The last {view.fetches.length} history fetches, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Asked for</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Reports
              </th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {view.fetches.map((f) => (
              <tr>
                <td>
                  <Timestamp iso={f.startedAt} now={view.now} />
                </td>
                <td>
                  {kindLabel(f.kind)}: <a href={`/events/history/${f.id}`}>{f.value}</a>
                </td>
                <td>
                  <span class={statusClass[f.status]}>{f.status}</span>
                  {f.error && <div class="error-text">{f.error}</div>}
                </td>
                <td class="num">
                  {n(f.fetched)}
                  {f.total !== null && f.total !== f.fetched ? ` of ${n(f.total)}` : ''}
                </td>
                <td>{f.requestedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
