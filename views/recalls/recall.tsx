import { Csrf } from '../shared/layout';
import { Stamped, stampedDay } from '../shared/time';
import { ClassBadge, DueText } from './class-and-due';
import { type ActivityView, Evidence, Notes, Timeline } from './recall-activity';
import { type AssetMatchView, type AssetRowContext, AssetTable } from './recall-assets';
import { ManufacturerPanel, type ManufacturerView } from './recall-manufacturer';
import { SourcesPanel, type SourcesView } from './recall-sources';
import { QuickActions, SeveralForm } from './recall-steps';
import { Summary } from './recall-summary';

type State = 'new' | 'acknowledged' | 'assigned' | 'in_progress' | 'closed';

export type CaseView = {
  state: State;
  stateLabel: string;
  assignee: string | null;
  openedAt: string;
  due: string;
  daysLeft: number;
  dueSetByHand: boolean;
  closedAt: string | null;
  closedBy: string | null;
  moves: { value: State; label: string }[];
  people: { id: number; name: string }[];
  /** The matched devices that keep the case open (no disposition yet, or affected). */
  openDevices: { assetTag: string; disposition: string | null }[];
  /** Every device is final and the case is open: the close is offered beside the devices. */
  canClose: boolean;
  /** The same, as the page says it: "BME-1001 (affected) and BME-1002 (no disposition)". */
  openDevicesText: string;
  /** No class yet: the due date follows the unclassified rule until the enforcement report comes. */
  dueProvisional: boolean;
  /** Filed as history by a baseline: when and by whom. */
  history: { at: string; by: string } | null;
  manufacturer: ManufacturerView;
};

/** A device a person said the recall does not apply to: who, when and why; it can be undone. */
export type DismissedView = {
  assetTag: string;
  model: string;
  reason: string;
  note: string | null;
  by: string;
  at: string;
};

export type RecordField = { label: string; value: string | null };

export type RecallView = {
  productResNumber: string;
  recallClass: 'I' | 'II' | 'III' | null;
  firm: string | null;
  title: string;
  fdaUrl: string | null;
  /** MAUDE reports from the recalling firm for the product code, prefilled in the search. */
  reportsHref: string | null;
  fields: RecordField[];
  /** Where the recall stands at the FDA, with the day it was terminated. */
  fda: { status: string | null; terminatedAt: string | null };
  /** What the page leads with, the FDA's words in full. */
  summary: { status: string | null; product: string | null; reason: string | null; action: string | null };
  /** High-confidence suggestions nobody has ruled on yet: "Confirm all high-confidence". */
  highWaiting: number;
  caseView: CaseView | null;
  counted: AssetMatchView[];
  countedTotal: number;
  assetPage: number;
  assetPages: number;
  assetsError?: string;
  candidates: AssetMatchView[];
  dismissed: DismissedView[];
  rowContext: AssetRowContext;
  activity: ActivityView;
  /** Early sources: the notice this page is, or the notices that told of this recall first. */
  sources: SourcesView;
  caseError?: string;
  /** What an in-place change just did, for screen readers (the live region). */
  announcement?: string;
};

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

/**
 * One screen per notice, decision first: the notice in brief, our devices with their evidence
 * and what to do about them, then the workflow, the notes, files and timeline, and the FDA's
 * whole record last.
 */
export function RecallPage({ view }: { view: RecallView }) {
  return (
    <>
      <h1>
        {view.productResNumber} <ClassBadge c={view.recallClass} />
      </h1>
      <Summary view={view} />
      <SourcesPanel view={view.sources} productResNumber={view.productResNumber} />
      <p id="recall-status" class="visually-hidden" role="status" aria-live="polite">
        {view.announcement ?? ''}
      </p>
      <AssetsSection view={view} />
      <CasePanel view={view} />
      {view.caseView && <ManufacturerPanel view={view.caseView.manufacturer} />}
      <Notes view={view.activity} />
      <Evidence view={view.activity} />
      <Timeline view={view.activity} />
      <section aria-labelledby="record-title">
        <h2 id="record-title">
          {view.sources.notice
            ? `The notice as Vigil holds it (from ${view.sources.notice.source})`
            : 'The FDA record'}
        </h2>
        <dl class="record">
          {view.fields
            .filter((f) => f.value)
            .map((f) => (
              <>
                <dt>{f.label}</dt>
                <dd class="pre">{f.value}</dd>
              </>
            ))}
        </dl>
      </section>
      {view.rowContext.canWork && <script src="/static/recall-keys.js" defer />}
    </>
  );
}

/** Devices a person said the recall does not apply to, with who, when and why, and an undo. */
function DismissedList({ view }: { view: RecallView }) {
  if (view.dismissed.length === 0) return null;
  const base = `/recalls/${encodeURIComponent(view.productResNumber)}/assets`;
  return (
    <section id="dismissed" aria-labelledby="dismissed-title">
      <h3 id="dismissed-title">Dismissed: not this device ({view.dismissed.length})</h3>
      <table>
        <caption>Devices the recall does not apply to, as decided by the team</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">Why</th>
            <th scope="col">Who and when</th>
            {view.rowContext.canWork && <th scope="col">Undo</th>}
          </tr>
        </thead>
        <tbody>
          {view.dismissed.map((d) => (
            <tr>
              <th scope="row">
                <a href={`/inventory/${encodeURIComponent(d.assetTag)}`}>{d.assetTag}</a>
                <br />
                <span class="muted">{d.model}</span>
              </th>
              <td>
                {d.reason}
                {d.note && (
                  <>
                    : <span>{d.note}</span>
                  </>
                )}
              </td>
              <td>
                {d.by}, <Stamped iso={d.at} />
              </td>
              {view.rowContext.canWork && (
                <td>
                  <form
                    method="post"
                    action={`${base}/${encodeURIComponent(d.assetTag)}/decision`}
                    hx-post={`${base}/${encodeURIComponent(d.assetTag)}/decision`}
                    hx-target="#assets"
                    hx-swap="outerHTML"
                  >
                    <Csrf token={view.rowContext.csrf} />
                    <input type="hidden" name="decision" value="undo" />
                    <button type="submit" class="secondary">
                      Undo dismissal of {d.assetTag}
                    </button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Our devices: those the recall counts, the low-confidence candidates and the dismissed. The
 * page section and the fragment every in-place change to a device answers with, so each count
 * on it is redrawn with the change.
 */
export function AssetsSection({ view }: { view: RecallView }) {
  return (
    <section id="assets" aria-labelledby="assets-title">
      <h2 id="assets-title">Our devices</h2>
      {view.assetsError && (
        <p class="alert" role="alert">
          {view.assetsError}
        </p>
      )}
      <QuickActions view={view} />
      {view.countedTotal === 0 ? (
        <p class="muted">No device we own is matched to this recall.</p>
      ) : (
        <>
          {view.rowContext.canWork && view.caseView && view.caseView.state !== 'closed' && (
            <SeveralForm view={view} />
          )}
          {view.rowContext.canWork && view.caseView?.state !== 'closed' && (
            <p class="muted keys">
              Keys: j and k move between devices, c confirms, d dismisses (asking why).
            </p>
          )}
          <AssetTable
            assets={view.counted}
            ctx={view.rowContext}
            selectable={view.rowContext.canWork && view.caseView !== null && view.caseView.state !== 'closed'}
            caption={
              view.assetPages > 1
                ? `Matched assets, best evidence first: ${view.countedTotal} in all, page ${view.assetPage} of ${view.assetPages}`
                : `Matched assets, best evidence first: ${view.countedTotal}`
            }
          />
          {view.assetPages > 1 && (
            <nav aria-label="Pages of matched assets" class="pages">
              {view.assetPage > 1 && <a href={`?assets=${view.assetPage - 1}#assets`}>Previous assets</a>}
              {view.assetPage < view.assetPages && (
                <a href={`?assets=${view.assetPage + 1}#assets`}>Next assets</a>
              )}
            </nav>
          )}
        </>
      )}
      {view.candidates.length > 0 && (
        <details class="candidates">
          <summary>
            {view.candidates.length} low-confidence{' '}
            {view.candidates.length === 1 ? 'candidate' : 'candidates'}: check and confirm or dismiss
          </summary>
          <AssetTable assets={view.candidates} ctx={view.rowContext} caption="Low-confidence candidates" />
        </details>
      )}
      <DismissedList view={view} />
    </section>
  );
}

/**
 * The answer to an in-place change of a device: the devices section, with the workflow panel
 * and the announcement swapped out of band, so no count on the page is left stale.
 */
export function AssetsChanged({ view }: { view: RecallView }) {
  return (
    <>
      <AssetsSection view={view} />
      <CasePanel view={view} oob />
      <Timeline view={view.activity} oob />
      <p id="recall-status" class="visually-hidden" role="status" aria-live="polite" hx-swap-oob="true">
        {view.announcement ?? ''}
      </p>
    </>
  );
}
