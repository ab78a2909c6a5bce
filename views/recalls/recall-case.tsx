import { Csrf } from '../shared/layout';
import { stampedDay } from '../shared/time';
import { DueText } from './class-and-due';
import type { RecallView } from './recall';

/** What keeps the case from closing; shown to everyone, so a viewer sees it too. */
function CaseHold({ view }: { view: RecallView }) {
  const c = view.caseView;
  if (!c || c.state === 'closed' || c.openDevices.length === 0) return null;
  const n = c.openDevices.length;
  return (
    <p id="case-hold" class="muted">
      {c.openDevicesText} {n === 1 ? 'keeps' : 'keep'} the recall open: each needs a final disposition (not
      affected, removed from service, corrected or returned to vendor), or the match dismissed with its
      reason, before the recall can be closed.
    </p>
  );
}

/** The workflow panel; `oob` when it rides along an in-place change to the devices. */
export function CasePanel({ view, oob }: { view: RecallView; oob?: boolean }) {
  const c = view.caseView;
  const action = `/recalls/${encodeURIComponent(view.productResNumber)}`;
  if (!c)
    return (
      <section id="case" aria-labelledby="case-title" hx-swap-oob={oob ? 'true' : undefined}>
        <h2 id="case-title">Workflow</h2>
        <p>
          No device we own matches this recall at medium confidence or above, so there is no case to work.
        </p>
      </section>
    );
  return (
    <section id="case" aria-labelledby="case-title" hx-swap-oob={oob ? 'true' : undefined}>
      <h2 id="case-title">Workflow</h2>
      {view.caseError && (
        <p class="alert" role="alert">
          {view.caseError}
        </p>
      )}
      <dl class="facts">
        <dt>State</dt>
        <dd>
          <strong>{c.stateLabel}</strong>
          {c.assignee && ` (assigned to ${c.assignee})`}
          {c.history && (
            <>
              {' '}
              <span class="badge">Before Vigil</span>{' '}
              <span class="muted">
                filed as history by a baseline, {stampedDay(c.history.at)} by {c.history.by}
              </span>
            </>
          )}
        </dd>
        <dt>At the FDA</dt>
        <dd>
          {view.fda.status ?? 'No status given'}
          {view.fda.terminatedAt && ` on ${view.fda.terminatedAt}`}
          {view.fda.terminatedAt && c.state !== 'closed' && !c.history && (
            <strong class="running"> The FDA has terminated this recall; it is still open here.</strong>
          )}
        </dd>
        <dt>Opened</dt>
        <dd>{stampedDay(c.openedAt)}</dd>
        <dt>Due</dt>
        <dd>
          <DueText due={c.due} daysLeft={c.daysLeft} closed={c.state === 'closed'} />
          {c.dueSetByHand
            ? ' (set by hand)'
            : c.dueProvisional
              ? ' (provisional: the recall has no class yet, so the rule for unclassified recalls gives it)'
              : ' (from the recall class)'}
        </dd>
        {c.closedAt && (
          <>
            <dt>Closed</dt>
            <dd>
              {stampedDay(c.closedAt)} by {c.closedBy}
            </dd>
          </>
        )}
      </dl>
      {!view.rowContext.canWork && <CaseHold view={view} />}
      {view.rowContext.canWork && (
        <>
          <form method="post" action={`${action}/state`} class="inline-fields">
            <Csrf token={view.rowContext.csrf} />
            <span class="field">
              <label for="case-to">Move to</label>
              <select id="case-to" name="to" required>
                {c.moves.map((m) => (
                  <option value={m.value}>{m.label}</option>
                ))}
              </select>
            </span>
            <span class="field">
              <label for="case-assignee">Assign to (when assigning)</label>
              <select id="case-assignee" name="assignee">
                <option value="">Nobody</option>
                {c.people.map((p) => (
                  <option value={String(p.id)} selected={p.name === c.assignee}>
                    {p.name}
                  </option>
                ))}
              </select>
            </span>
            <button type="submit">Update workflow</button>
          </form>
          <CaseHold view={view} />
          <form method="post" action={`${action}/due`} class="inline-fields">
            <Csrf token={view.rowContext.csrf} />
            <span class="field">
              <label for="case-due">Due date</label>
              <input id="case-due" name="due" type="date" value={c.dueSetByHand ? c.due : ''} />
            </span>
            <button type="submit">Set due date</button>
            <span class="muted"> Leave empty to use the class rule.</span>
          </form>
        </>
      )}
    </section>
  );
}
