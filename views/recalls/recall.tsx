import { Csrf } from '../shared/layout';
import { Stamped } from '../shared/time';
import { ClassBadge } from './class-and-due';
import { type ActivityView, Evidence, Notes, Timeline } from './recall-activity';
import { type AssetMatchView, type AssetRowContext, AssetTable } from './recall-assets';
import { CasePanel } from './recall-case';
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
