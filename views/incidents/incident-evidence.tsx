import { isFaintRecall } from '../../src/incidents/faint-recalls';
import type { KnownRecall, KnownReport, KnownSearch } from '../../src/incidents/known';
import type { IncidentFile } from '../../src/incidents/queries';
import { fileSize } from '../shared/file-size';
import { stamped } from '../shared/time';
import { ErrorFor, Field, type FormError, PostForm, typedOr } from './incident-parts';
import { CustodyTable } from './incident-tables';

export function IncidentEvidence(props: {
  base: string;
  file: IncidentFile;
  csrf: string;
  canWork: boolean;
  now: string;
  maxUploadMb: number;
  error?: FormError;
}) {
  const { base, file, csrf, error } = props;
  const v = typedOr(error, 'custody');
  const f = typedOr(error, 'file');
  return (
    <section id="evidence" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence and chain of custody</h2>
      <h3>Chain of custody</h3>
      <CustodyTable custody={file.custody} />
      {props.canWork && (
        <details class="edit" open={error?.form === 'custody'}>
          <summary>Log a custody step</summary>
          <PostForm action={`${base}/custody`} csrf={csrf}>
            <ErrorFor error={error} form="custody" />
            <Field
              name="item"
              id="custody-item"
              label="Item (device, tubing set, packaging, memory card…)"
              value={v('item')}
              required
            />
            <Field
              name="at"
              id="custody-at"
              label="When"
              type="datetime-local"
              value={v('at', props.now)}
              required
            />
            <Field name="who" id="custody-who" label="Who had it" value={v('who')} required />
            <Field
              name="action"
              id="custody-action"
              label="What was done (received, handed to, sent to…)"
              value={v('action')}
              required
            />
            <Field name="why" id="custody-why" label="Why" value={v('why')} required />
            <button type="submit">Log the step</button>
          </PostForm>
        </details>
      )}
      <h3>Files</h3>
      {file.files.length === 0 ? (
        <p class="muted">No files kept yet (photos as found, error logs, the manufacturer's evaluation).</p>
      ) : (
        <ul>
          {file.files.map((e) => (
            <li>
              <a href={`${base}/files/${e.id}`}>{e.originalName}</a> — {e.description}{' '}
              <span class="muted">
                ({fileSize(e.size)}; {e.uploadedBy}, {stamped(e.uploadedAt)}; SHA-256{' '}
                <code>{e.sha256.slice(0, 16)}…</code>)
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.canWork && (
        <PostForm action={`${base}/files`} csrf={csrf} upload>
          <ErrorFor error={error} form="file" />
          <Field
            name="description"
            id="file-description"
            label="What the file shows"
            value={f('description')}
            required
          />
          <p class="field">
            <label for="file-upload">File (at most {props.maxUploadMb} MB)</label>
            <input id="file-upload" type="file" name="file" required />
          </p>
          <button type="submit">Keep the file</button>
        </PostForm>
      )}
      <h3>Linked recalls and MAUDE reports</h3>
      {file.links.length === 0 ? (
        <p class="muted">None linked yet. Link them from "What is already known" below.</p>
      ) : (
        <ul>
          {file.links.map((l) => (
            <li>
              {l.kind === 'recall' ? (
                <a href={`/recalls/${encodeURIComponent(l.key)}`}>Recall {l.key}</a>
              ) : (
                <>MAUDE report {l.key}</>
              )}
              {l.summary && <span> — {l.summary}</span>}
              {l.note && <span class="pre"> ({l.note})</span>}{' '}
              <span class="muted">
                linked by {l.linkedBy}, {stamped(l.linkedAt)}
              </span>
              {props.canWork && (
                <PostForm action={`${base}/links/remove`} csrf={csrf} class="inline">
                  <input type="hidden" name="kind" value={l.kind} />
                  <input type="hidden" name="key" value={l.key} />{' '}
                  <button type="submit" class="secondary">
                    Unlink
                  </button>
                </PostForm>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The last cell of a known recall or report: for those who may work, a button linking it as
 * evidence, or "Linked" once it is.
 */
function LinkCell({ known, kind, k }: { known: KnownProps; kind: 'recall' | 'maude'; k: string }) {
  if (!known.canWork) return <td />;
  if (known.linked.has(`${kind}:${k}`))
    return (
      <td>
        <span class="muted">Linked</span>
      </td>
    );
  return (
    <td>
      <PostForm action={`${known.base}/links`} csrf={known.csrf} class="inline">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="key" value={k} />
        <button
          type="submit"
          class="secondary"
          aria-label={`Link ${kind === 'recall' ? 'recall' : 'MAUDE report'} ${k} as evidence`}
        >
          Link as evidence
        </button>
      </PostForm>
    </td>
  );
}

const confidenceLabels = { high: 'High', medium: 'Medium', low: 'Low' } as const;

/** The matching engine's confidence in words, with its score, so a reader can weigh the lead. */
function Confidence({ r }: { r: KnownRecall }) {
  if (!r.confidence) return <>—</>;
  return (
    <>
      {confidenceLabels[r.confidence]}
      {r.score !== null && <span class="muted"> ({r.score.toFixed(2)})</span>}
      {r.decision === 'confirmed' && <span class="muted"> · confirmed</span>}
    </>
  );
}

function KnownRecalls({ known, recalls }: { known: KnownProps; recalls: KnownRecall[] }) {
  if (recalls.length === 0) return <p class="muted">Only low-confidence matches, below.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Recall</th>
          <th scope="col">Class</th>
          <th scope="col">Firm</th>
          <th scope="col">Device</th>
          <th scope="col">Confidence</th>
          <th scope="col">
            <span class="visually-hidden">Link</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {recalls.map((r) => (
          <tr>
            <td>
              <a href={`/recalls/${encodeURIComponent(r.productResNumber)}`}>{r.productResNumber}</a>
              {r.posted && <span class="muted"> ({r.posted})</span>}
            </td>
            <td>{r.classification ?? '—'}</td>
            <td>{r.firm ?? '—'}</td>
            <td>{r.assetTag}</td>
            <td class="confidence">
              <Confidence r={r} />
            </td>
            <LinkCell known={known} kind="recall" k={r.productResNumber} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type KnownProps = {
  base: string;
  csrf: string;
  canWork: boolean;
  recalls: KnownRecall[];
  reports: KnownReport[];
  reportTotal: number;
  searches: KnownSearch[];
  linked: Set<string>;
  error?: FormError;
};

/** Recalls matching the devices, and MAUDE reports for the same model or product code. */
export function AlreadyKnown(props: KnownProps) {
  const faint = props.recalls.filter(isFaintRecall);
  return (
    <section id="known" aria-labelledby="known-title">
      <h2 id="known-title">What is already known</h2>
      <ErrorFor error={props.error} form="link" />
      <h3>Recalls matching these devices</h3>
      {props.recalls.length === 0 ? (
        <p class="muted">No recall matches the devices of this incident.</p>
      ) : (
        <KnownRecalls known={props} recalls={props.recalls.filter((r) => !isFaintRecall(r))} />
      )}
      {faint.length > 0 && (
        <details class="faint-recalls">
          <summary>
            {faint.length} low-confidence {faint.length === 1 ? 'match' : 'matches'} not confirmed by anyone
          </summary>
          <KnownRecalls known={props} recalls={faint} />
        </details>
      )}
      <h3>MAUDE reports for the same model or product code</h3>
      {props.searches.length > 0 && (
        <ul>
          {props.searches.map((s) => (
            <li>
              <a href={s.href}>Reports for this model</a>{' '}
              <span class="muted">({s.assetTag}, in the MAUDE search)</span>
            </li>
          ))}
        </ul>
      )}
      {props.reports.length === 0 ? (
        <p class="muted">
          No MAUDE report in Vigil names the same model, or the same product code and manufacturer.
        </p>
      ) : (
        <>
          <p class="muted">
            {props.reportTotal} report{props.reportTotal === 1 ? '' : 's'}; the newest {props.reports.length}{' '}
            are shown.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Report</th>
                <th scope="col">Received</th>
                <th scope="col">Type</th>
                <th scope="col">Device</th>
                <th scope="col">Narrative</th>
                <th scope="col">
                  <span class="visually-hidden">Link</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.reports.map((r) => (
                <tr>
                  <td>{r.reportNumber ?? r.reportKey}</td>
                  <td>{r.dateReceived ?? '—'}</td>
                  <td>{r.eventType ?? '—'}</td>
                  <td>
                    {[r.manufacturer, r.brand, r.model].filter(Boolean).join(' · ')}
                    <br />
                    <span class="muted">{r.why}</span>
                  </td>
                  <td>{r.excerpt}</td>
                  <LinkCell known={props} kind="maude" k={r.reportKey} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
