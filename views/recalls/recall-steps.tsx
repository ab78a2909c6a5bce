import { Csrf } from '../shared/layout';
import type { RecallView } from './recall';

/**
 * One disposition for several devices: those ticked in the table (the boxes belong to this form
 * through their form attribute), or every one not yet finished.
 */
export function SeveralForm({ view }: { view: RecallView }) {
  const action = `/recalls/${encodeURIComponent(view.productResNumber)}/dispositions`;
  const rest = view.caseView?.openDevices.length ?? 0;
  return (
    <form
      id="devices-several"
      method="post"
      action={action}
      hx-post={action}
      hx-target="#assets"
      hx-swap="outerHTML"
      class="inline-fields"
    >
      <Csrf token={view.rowContext.csrf} />
      <span class="field">
        <label for="rest-disposition">Disposition for several devices</label>
        <select id="rest-disposition" name="disposition" required>
          <option value="">Choose…</option>
          {view.rowContext.dispositions.map((d) => (
            <option value={d.value}>{d.label}</option>
          ))}
        </select>
      </span>
      <span class="field">
        <label for="rest-note">Note</label>
        <input id="rest-note" name="note" />
      </span>
      <button type="submit" name="scope" value="selected">
        Record for the ticked devices
      </button>
      {rest > 0 && (
        <button type="submit" name="scope" value="rest">
          Record for all {rest} {rest === 1 ? 'device' : 'devices'} not yet finished
        </button>
      )}
    </form>
  );
}

/** The one-step moves of the devices section: confirm the strongest matches, close when done. */
export function QuickActions({ view }: { view: RecallView }) {
  const base = `/recalls/${encodeURIComponent(view.productResNumber)}`;
  const c = view.caseView;
  if (!view.rowContext.canWork) return null;
  const confirm = view.highWaiting > 0;
  const close = c?.canClose ?? false;
  if (!confirm && !close) return null;
  return (
    <div class="quick">
      {confirm && (
        <form
          method="post"
          action={`${base}/confirm-high`}
          hx-post={`${base}/confirm-high`}
          hx-target="#assets"
          hx-swap="outerHTML"
        >
          <Csrf token={view.rowContext.csrf} />
          <button type="submit">Confirm all high-confidence ({view.highWaiting})</button>
        </form>
      )}
      {close && (
        <form
          method="post"
          action={`${base}/state`}
          hx-post={`${base}/state`}
          hx-target="#assets"
          hx-swap="outerHTML"
        >
          <Csrf token={view.rowContext.csrf} />
          <input type="hidden" name="to" value="closed" />
          <button type="submit">Close the recall: every device is final</button>
        </form>
      )}
    </div>
  );
}
