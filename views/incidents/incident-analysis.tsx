import type { IncidentFile } from '../../src/incidents/queries';
import { nextIncidentStates } from '../../src/incidents/workflow';
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
}) {
  const { base, file, csrf, error } = props;
  const entries = file.analysis;
  const timeline = entries.filter((e) => e.kind === 'timeline' || e.kind === 'interview');
  const whys = entries.filter((e) => e.kind === 'why').sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const causal = entries.filter((e) => e.kind === 'causal_statement');
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
          {timeline.map((e) => (
            <li>
              <strong>{when(e.at)}</strong> {e.kind === 'interview' && <em>Interview: </em>}
              <span class="pre">{e.text}</span>
            </li>
          ))}
        </ol>
      )}
      <h3>Five whys</h3>
      {whys.length === 0 ? (
        <p class="muted">No whys yet.</p>
      ) : (
        <ol>
          {whys.map((e) => (
            <li class="pre">{e.text}</li>
          ))}
        </ol>
      )}
      <h3>Contributing factors</h3>
      <dl class="record">
        {categories.map((c) => {
          const factors = entries.filter((e) => e.kind === 'factor' && e.category === c);
          return (
            <>
              <dt>{c[0]!.toUpperCase() + c.slice(1)}</dt>
              <dd>
                {factors.length ? (
                  factors.map((f) => <p class="pre">{f.text}</p>)
                ) : (
                  <span class="muted">—</span>
                )}
              </dd>
            </>
          );
        })}
      </dl>
      <h3>Causal statements</h3>
      {causal.length === 0 ? (
        <p class="muted">None yet. Actions are planned once there is a causal statement.</p>
      ) : (
        <ul>
          {causal.map((e) => (
            <li class="pre">{e.text}</li>
          ))}
        </ul>
      )}
      {props.canWork && (
        <details class="edit" open={error?.form === 'analysis'}>
          <summary>Add to the analysis</summary>
          <PostForm action={`${base}/analysis`} csrf={csrf}>
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
}) {
  const { base, file, csrf, error } = props;
  const v = typedOr(error, 'action');
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
              return (
                <tr>
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
                      <PostForm action={`${base}/actions/${a.id}`} csrf={csrf} class="inline-fields">
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
          <PostForm action={`${base}/actions`} csrf={csrf}>
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
