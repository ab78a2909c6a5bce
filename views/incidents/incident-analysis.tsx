import type { Child } from 'hono/jsx';
import type { IncidentFile } from '../../src/incidents/queries';
import { nextIncidentStates } from '../../src/incidents/workflow';
import { ActionForm, AnalysisEntry, EntryControls, nameOf } from './analysis-entry';
import { FactorList, Fishbone } from './fishbone';
import {
  ErrorFor,
  Field,
  type FormError,
  PostForm,
  Select,
  stateLabels,
  TextArea,
  typedOr,
  when,
} from './incident-parts';

const categories = ['equipment', 'people', 'process', 'environment', 'materials', 'management'] as const;
const strengths = {
  stronger: 'Stronger (architectural or forcing functions, simplification, standardised equipment)',
  intermediate: 'Intermediate (checklists, redundancy, software enhancements, less distraction)',
  weaker: 'Weaker (warnings, new policy, training)',
} as const;
const statusLabels = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
} as const;
const kinds = [
  ['timeline', 'Timeline event'],
  ['interview', 'Interview'],
  ['why', 'Why (the next of the five whys)'],
  ['factor', 'Contributing factor'],
  ['causal_statement', 'Causal statement'],
] as const;

export function IncidentAnalysis(props: {
  base: string;
  file: IncidentFile;
  csrf: string;
  canWork: boolean;
  error?: FormError;
  editing?: string;
}) {
  const { base, file, csrf, error } = props;
  const entries = file.analysis;
  const place = { base, csrf, section: 'analysis' as const };
  // The entry whose form is open: asked for by Edit, or refused on saving and shown again.
  const open = error?.form.startsWith('entry:') ? error.form : props.editing;
  const entry = (e: (typeof entries)[number], children?: Child) => (
    <AnalysisEntry
      place={place}
      entry={e}
      canWork={props.canWork}
      editing={open === `entry:${e.id}`}
      error={error}
    >
      {children}
    </AnalysisEntry>
  );
  const timeline = entries.filter((e) => e.kind === 'timeline' || e.kind === 'interview');
  const whys = entries.filter((e) => e.kind === 'why').sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const causal = entries.filter((e) => e.kind === 'causal_statement');
  const factors = entries.filter((e) => e.kind === 'factor');
  const v = typedOr(error, 'analysis');
  const m = typedOr(error, 'method');
  return (
    <section id="analysis" aria-labelledby="analysis-title">
      <h2 id="analysis-title">Root-cause analysis</h2>
      <p>
        <strong>Method:</strong> {file.incident.method ?? <span class="muted">not recorded</span>}
      </p>
      {props.canWork && (
        <PostForm action={`${base}/method`} csrf={csrf} class="inline-fields">
          <ErrorFor error={error} form="method" />
          <Field
            name="method"
            id="analysis-method"
            label="Method (RCA², five whys, fishbone…)"
            value={m('method', file.incident.method)}
          />
          <button type="submit" class="secondary">
            Save method
          </button>
        </PostForm>
      )}
      <h3>Timeline and interviews</h3>
      {timeline.length === 0 ? (
        <p class="muted">No events yet.</p>
      ) : (
        <ol class="timeline">
          {timeline.map((e) =>
            entry(
              e,
              <>
                <strong>{when(e.at)}</strong> {e.kind === 'interview' && <em>Interview: </em>}
                <span class="pre">{e.text}</span>
              </>,
            ),
          )}
        </ol>
      )}
      <h3>Five whys</h3>
      {whys.length === 0 ? <p class="muted">No whys yet.</p> : <ol>{whys.map((e) => entry(e))}</ol>}
      <h3>Contributing factors</h3>
      <div class="fishbone-wrap">
        <figure>
          <Fishbone problem={file.incident.title} factors={factors} />
          <figcaption class="muted">
            Fishbone (Ishikawa) diagram; the same factors are listed beside it.
          </figcaption>
        </figure>
        <FactorList factors={factors} item={(f) => entry(f)} />
      </div>
      <h3>Causal statements</h3>
      {causal.length === 0 ? (
        <p class="muted">None yet. Actions are planned once there is a causal statement.</p>
      ) : (
        <ul>{causal.map((e) => entry(e))}</ul>
      )}
      {props.canWork && (
        <details class="edit" open={error?.form === 'analysis'}>
          <summary>Add to the analysis</summary>
          <PostForm action={`${base}/analysis`} csrf={csrf} swap="analysis">
            <ErrorFor error={error} form="analysis" />
            <Select
              name="kind"
              id="analysis-kind"
              label="Entry"
              value={v('kind', 'timeline')}
              options={kinds}
            />
            <Field
              name="at"
              id="analysis-at"
              label="When (timeline events and interviews)"
              type="datetime-local"
              value={v('at')}
            />
            <Select
              name="category"
              id="analysis-category"
              label="Category (contributing factors)"
              value={v('category')}
              options={[['', '—'], ...categories.map((c) => [c, c[0]!.toUpperCase() + c.slice(1)] as const)]}
            />
            <TextArea name="text" id="analysis-text" label="Text" value={v('text')} required />
            <button type="submit">Add</button>
          </PostForm>
        </details>
      )}
    </section>
  );
}

export function IncidentActions(props: {
  base: string;
  file: IncidentFile;
  csrf: string;
  canWork: boolean;
  today: string;
  error?: FormError;
  editing?: string;
}) {
  const { base, file, csrf, error } = props;
  const v = typedOr(error, 'action');
  const place = { base, csrf, section: 'actions' as const };
  const open = error?.form.startsWith('action:') ? error.form : props.editing;
  const state = file.incident.state;
  return (
    <section id="actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      {file.actions.length === 0 ? (
        <p class="muted">No actions planned yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Strength</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Measure of effect</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {file.actions.map((a) => {
              const late = (a.status === 'planned' || a.status === 'in_progress') && a.dueOn < props.today;
              if (props.canWork && open === `action:${a.id}`)
                return <ActionForm place={place} action={a} error={error} />;
              return (
                <tr id={`action-${a.id}`}>
                  <td class="pre">{a.text}</td>
                  <td>{a.strength[0]!.toUpperCase() + a.strength.slice(1)}</td>
                  <td>{a.owner}</td>
                  <td class={late ? 'failed' : undefined}>
                    {a.dueOn}
                    {late && ' (late)'}
                  </td>
                  <td class="pre">{a.measure}</td>
                  <td>
                    {props.canWork ? (
                      <PostForm
                        action={`${base}/actions/${a.id}`}
                        csrf={csrf}
                        class="inline-fields"
                        swap="actions"
                      >
                        <label class="visually-hidden" for={`action-status-${a.id}`}>
                          Status of the action
                        </label>
                        <select id={`action-status-${a.id}`} name="status">
                          {Object.entries(statusLabels).map(([value, label]) => (
                            <option value={value} selected={value === a.status}>
                              {label}
                            </option>
                          ))}
                        </select>
                        <button type="submit" class="secondary">
                          Set
                        </button>
                      </PostForm>
                    ) : (
                      statusLabels[a.status]
                    )}
                    {props.canWork && (
                      <EntryControls
                        {...place}
                        kind="action"
                        id={a.id}
                        name={`the action ${nameOf(a.text)}`}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ErrorFor error={error} form="action-status" />
      {props.canWork && (
        <details class="edit" open={error?.form === 'action'}>
          <summary>Plan an action</summary>
          <PostForm action={`${base}/actions`} csrf={csrf} swap="actions">
            <ErrorFor error={error} form="action" />
            <TextArea name="text" id="action-text" label="Action" value={v('text')} required />
            <Select
              name="strength"
              id="action-strength"
              label="Strength on the action hierarchy"
              value={v('strength')}
              options={[['', 'Choose…'], ...Object.entries(strengths)]}
              required
            />
            <Field name="owner" id="action-owner" label="Owner" value={v('owner')} required />
            <Field name="dueOn" id="action-due" label="Due" type="date" value={v('dueOn')} required />
            <TextArea
              name="measure"
              id="action-measure"
              label="How its effect will be measured"
              value={v('measure')}
              required
            />
            <button type="submit">Plan the action</button>
          </PostForm>
        </details>
      )}
      <h3 id="state">Investigation state: {stateLabels[state]}</h3>
      <ErrorFor error={error} form="state" />
      {props.canWork && (
        <PostForm action={`${base}/state`} csrf={csrf} class="inline-fields">
          {nextIncidentStates(state).map((to) => (
            <button
              type="submit"
              name="to"
              value={to}
              class={to === 'open' || (to === 'analysis' && state === 'actions') ? 'secondary' : undefined}
            >
              Move to {stateLabels[to].toLowerCase()}
            </button>
          ))}
        </PostForm>
      )}
    </section>
  );
}
