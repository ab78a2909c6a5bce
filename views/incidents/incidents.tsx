import type { DueReport } from '../../src/incidents/due';
import { DueReports } from '../shared/reports-due';
import { stampedDay } from '../shared/time';
import { HeaderFields } from './incident-header-form';
import { type FormError, outcomeLabels, PostForm, stateLabels } from './incident-parts';

export type IncidentListItem = {
  id: number;
  number: string;
  title: string;
  outcome: keyof typeof outcomeLabels;
  state: keyof typeof stateLabels;
  awareOn: string;
  location: string | null;
  devices: string | null;
  reportable: boolean | null;
  archivedAt: string | null;
};

export type IncidentListView = {
  rows: IncidentListItem[];
  archived: boolean;
  state: string;
  q: string;
  canWork: boolean;
  due: DueReport[];
};

const reportableText = (r: boolean | null) =>
  r === null ? 'Undecided' : r ? 'Reportable' : 'Not reportable';

export function IncidentListPage({ view }: { view: IncidentListView }) {
  const csv = `/incidents.csv${view.archived ? '?archived=1' : ''}`;
  return (
    <>
      <h1>{view.archived ? 'Archived incidents' : 'Incidents'}</h1>
      {!view.archived && <DueReports due={view.due} />}
      <p>
        {view.canWork && (
          <>
            <a class="button" href="/incidents/new">
              Record an incident
            </a>{' '}
          </>
        )}
        <a href={csv}>Export as CSV</a> ·{' '}
        {view.archived ? (
          <a href="/incidents">Live incidents</a>
        ) : (
          <a href="/incidents?archived=1">Archive</a>
        )}{' '}
        · <a href="/reports/3419">Form 3419 annual report</a>
      </p>
      <form method="get" action="/incidents" class="filters" aria-label="Find incidents">
        {view.archived && <input type="hidden" name="archived" value="1" />}
        <p class="field">
          <label for="incident-q">Search</label>
          <input
            id="incident-q"
            name="q"
            type="search"
            value={view.q}
            placeholder="Number, title, location, asset tag"
          />
        </p>
        <p class="field">
          <label for="incident-state">State</label>
          <select id="incident-state" name="state">
            <option value="">Any</option>
            {Object.entries(stateLabels).map(([value, label]) => (
              <option value={value} selected={value === view.state}>
                {label}
              </option>
            ))}
          </select>
        </p>
        <button type="submit">Filter</button>
      </form>
      {view.rows.length === 0 ? (
        <p class="muted">{view.q || view.state ? 'No incident matches.' : 'No incidents recorded.'}</p>
      ) : (
        <table>
          <caption class="visually-hidden">Incidents, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Title</th>
              <th scope="col">Event type</th>
              <th scope="col">Aware on</th>
              <th scope="col">Devices</th>
              <th scope="col">Reportability</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/incidents/${r.id}`}>{r.number}</a>
                </td>
                <td>
                  {r.title}
                  {r.location && <span class="muted"> · {r.location}</span>}
                </td>
                <td>{outcomeLabels[r.outcome]}</td>
                <td>{r.awareOn}</td>
                <td>{r.devices ?? '—'}</td>
                <td>{reportableText(r.reportable)}</td>
                <td>
                  {stateLabels[r.state]}
                  {r.archivedAt && <span class="muted"> (archived {stampedDay(r.archivedAt)})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function NewIncidentPage({ csrf, error, today }: { csrf: string; error?: FormError; today: string }) {
  return (
    <>
      <h1>Record an incident</h1>
      <p class="lead">
        Record what is known now; everything can be completed later. If a device may have caused or
        contributed to a death or serious injury, the 10-work-day clock runs from the day the facility became
        aware.
      </p>
      <PostForm action="/incidents" csrf={csrf}>
        {error && (
          <p class="alert" role="alert">
            {error.message}
          </p>
        )}
        <HeaderFields stored={{ awareOn: today }} error={error} form="new" />
        <button type="submit">Record the incident</button>
      </PostForm>
    </>
  );
}
