import { Csrf } from '../shared/layout';
import { SequesteredBadge, type SequesteredMark } from '../shared/sequestered';
import { stampedDay } from '../shared/time';

export type AssetMatchView = {
  assetTag: string;
  model: string;
  serialNumber: string | null;
  place: string;
  score: number;
  confidence: 'high' | 'medium' | 'low';
  reasons: string[];
  lotStatus: string | null;
  decision: 'confirmed' | 'dismissed' | null;
  decidedBy: string | null;
  disposition: string | null;
  dispositionLabel: string | null;
  dispositionNote: string | null;
  dispositionBy: string | null;
  dispositionAt: string | null;
  sequestered: SequesteredMark | null;
};

export type AssetRowContext = {
  productResNumber: string;
  csrf: string;
  canWork: boolean;
  hasCase: boolean;
  dispositions: { value: string; label: string }[];
  dismissalReasons: { value: string; label: string }[];
  /** A refused change to one device's row, with the form it came from and what was typed in it. */
  error?: {
    assetTag: string;
    message: string;
    form: 'dismiss' | 'disposition';
    typed?: Record<string, string>;
  };
};

const lotLabels: Record<string, string> = {
  affected: 'its lot or serial is listed: affected',
  not_affected: 'its lot or serial is not among those listed',
  unknown: 'the recall lists lots or serials; this one could not be checked',
};

/** Confirms the pair; htmx redraws the devices section, a plain post comes back to the page. */
function ConfirmButton(props: { action: string; assetTag: string; csrf: string }) {
  return (
    <form method="post" action={props.action} hx-post={props.action} hx-target="#assets" hx-swap="outerHTML">
      <Csrf token={props.csrf} />
      <input type="hidden" name="decision" value="confirmed" />
      <button type="submit" data-key="confirm">
        Confirm {props.assetTag}
      </button>
    </form>
  );
}

/**
 * "Not this device": asks why before it dismisses (ECRI and RASMAS record a reason for every
 * "not applicable"); the reasons are the workflow's, with "other" needing the note.
 */
function DismissForm(props: { action: string; id: string; assetTag: string; ctx: AssetRowContext }) {
  const error =
    props.ctx.error?.assetTag === props.assetTag && props.ctx.error.form === 'dismiss'
      ? props.ctx.error
      : null;
  return (
    <details class="dismiss" open={error !== null}>
      <summary>Not this device…</summary>
      <form
        method="post"
        action={props.action}
        hx-post={props.action}
        hx-target="#assets"
        hx-swap="outerHTML"
        class="stack"
      >
        <Csrf token={props.ctx.csrf} />
        <input type="hidden" name="decision" value="dismissed" />
        {error && (
          <p class="alert" role="alert">
            {error.message}
          </p>
        )}
        <label for={`${props.id}-reason`}>Why the recall does not apply to {props.assetTag}</label>
        <select id={`${props.id}-reason`} name="reason" required>
          <option value="">Choose…</option>
          {props.ctx.dismissalReasons.map((r) => (
            <option value={r.value} selected={error?.typed?.reason === r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <label for={`${props.id}-why`}>Note (needed for "other")</label>
        <input id={`${props.id}-why`} name="note" maxlength={2000} value={error?.typed?.note ?? ''} />
        <button type="submit" class="secondary">
          Dismiss {props.assetTag}
        </button>
      </form>
    </details>
  );
}

/** One matched asset: the evidence, the decision on the match, and what was done about it. */
export function AssetRow({
  a,
  ctx,
  selectable,
}: {
  a: AssetMatchView;
  ctx: AssetRowContext;
  selectable?: boolean;
}) {
  const base = `/recalls/${encodeURIComponent(ctx.productResNumber)}/assets/${encodeURIComponent(a.assetTag)}`;
  const id = `asset-${a.assetTag.replace(/[^\w-]/g, '_')}`;
  const error =
    ctx.error?.assetTag === a.assetTag && ctx.error.form === 'disposition' ? ctx.error.message : null;
  return (
    // The row takes focus for the keys (j/k, c, d) of recall-keys.js; it is never a tab stop.
    <tr id={id} data-asset={a.assetTag} tabindex={-1}>
      {selectable && (
        <td>
          {a.decision !== 'dismissed' && (
            <>
              <label class="visually-hidden" for={`${id}-tick`}>
                Select {a.assetTag}
              </label>
              <input
                id={`${id}-tick`}
                type="checkbox"
                name="tags"
                value={a.assetTag}
                form="devices-several"
              />
            </>
          )}
        </td>
      )}
      <th scope="row">
        <a href={`/inventory/${encodeURIComponent(a.assetTag)}`}>{a.assetTag}</a>
        {a.sequestered && (
          <>
            <br />
            <SequesteredBadge mark={a.sequestered} />
          </>
        )}
        <br />
        <span class="muted">{a.model}</span>
        {a.serialNumber && (
          <>
            <br />
            <span class="muted">S/N {a.serialNumber}</span>
          </>
        )}
        {a.place && (
          <>
            <br />
            <span class="muted">{a.place}</span>
          </>
        )}
      </th>
      <td>
        <strong>{a.confidence}</strong> <span class="muted">({a.score.toFixed(2)})</span>
        <ul class="reasons">
          {a.reasons.map((r) => (
            <li>{r}</li>
          ))}
          {a.lotStatus && <li>{lotLabels[a.lotStatus] ?? a.lotStatus}</li>}
        </ul>
      </td>
      <td>
        {a.decision ? (
          <span class={a.decision === 'confirmed' ? 'ok' : 'muted'}>
            {a.decision} by {a.decidedBy}
          </span>
        ) : (
          <span class="muted">not yet confirmed</span>
        )}
        {ctx.canWork && a.decision !== 'confirmed' && (
          <ConfirmButton action={`${base}/decision`} assetTag={a.assetTag} csrf={ctx.csrf} />
        )}
        {ctx.canWork && a.decision !== 'dismissed' && (
          <DismissForm action={`${base}/decision`} id={id} assetTag={a.assetTag} ctx={ctx} />
        )}
      </td>
      <td>
        {a.dispositionLabel ? (
          <p>
            <strong>{a.dispositionLabel}</strong>
            <br />
            <span class="muted">
              {a.dispositionBy}, {a.dispositionAt && stampedDay(a.dispositionAt)}
            </span>
            {a.dispositionNote && (
              <>
                <br />
                {a.dispositionNote}
              </>
            )}
          </p>
        ) : (
          <p class="muted">No disposition yet.</p>
        )}
        {error && (
          <p class="alert" role="alert">
            {error}
          </p>
        )}
        {ctx.canWork && ctx.hasCase && a.decision !== 'dismissed' && (
          <form
            method="post"
            action={`${base}/disposition`}
            hx-post={`${base}/disposition`}
            hx-target="#assets"
            hx-swap="outerHTML"
            class="stack"
          >
            <Csrf token={ctx.csrf} />
            <label for={`${id}-disposition`}>Disposition of {a.assetTag}</label>
            <select id={`${id}-disposition`} name="disposition" required>
              <option value="">Choose…</option>
              {ctx.dispositions.map((d) => (
                <option value={d.value} selected={d.value === a.disposition}>
                  {d.label}
                </option>
              ))}
            </select>
            <label for={`${id}-note`}>Note</label>
            <input id={`${id}-note`} name="note" value={a.dispositionNote ?? ''} />
            <button type="submit">Save disposition</button>
          </form>
        )}
      </td>
    </tr>
  );
}

export function AssetTable({
  assets,
  ctx,
  caption,
  selectable,
}: {
  assets: AssetMatchView[];
  ctx: AssetRowContext;
  caption: string;
  /** Boxes to tick rows for the disposition of several at once (the case is open, the viewer works it). */
  selectable?: boolean;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {selectable && (
            <th scope="col">
              <span class="visually-hidden">Select</span>
            </th>
          )}
          <th scope="col">Asset</th>
          <th scope="col">Why it matched</th>
          <th scope="col">Match</th>
          <th scope="col">Disposition</th>
        </tr>
      </thead>
      <tbody>
        {assets.map((a) => (
          <AssetRow a={a} ctx={ctx} selectable={selectable} />
        ))}
      </tbody>
    </table>
  );
}
