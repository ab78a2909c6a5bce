import { Csrf } from '../shared/layout';

/** The manufacturer's side of a case: our response, and the correction promised and done. */
export type ManufacturerView = {
  productResNumber: string;
  csrf: string;
  canWork: boolean;
  responseSentOn: string | null;
  responseSentBy: string | null;
  responseFile: { id: number; name: string } | null;
  correctionPromisedBy: string | null;
  correctionDoneOn: string | null;
  /** The promised day has passed and the correction is not recorded as done. */
  promiseLate: boolean;
  error?: string;
  /** The form as typed, when it came back with an error. */
  typed?: Record<string, string>;
};

/** The panel and its form (a plain form: it may carry the response as a file). */
export function ManufacturerPanel({ view }: { view: ManufacturerView }) {
  const action = `/recalls/${encodeURIComponent(view.productResNumber)}/manufacturer`;
  const value = (name: string, stored: string | null) => view.typed?.[name] ?? stored ?? '';
  return (
    <section id="manufacturer" aria-labelledby="manufacturer-title">
      <h2 id="manufacturer-title">The manufacturer’s side</h2>
      {view.error && (
        <p class="alert" role="alert">
          {view.error}
        </p>
      )}
      <dl class="facts">
        <dt>Response sent</dt>
        <dd>
          {view.responseSentOn ? (
            <>
              {view.responseSentOn} by {view.responseSentBy}
              {view.responseFile && (
                <>
                  {' '}
                  (
                  <a
                    href={`/recalls/${encodeURIComponent(view.productResNumber)}/evidence/${view.responseFile.id}`}
                  >
                    {view.responseFile.name}
                  </a>
                  )
                </>
              )}
            </>
          ) : (
            <span class="muted">Not recorded</span>
          )}
        </dd>
        <dt>Correction promised by</dt>
        <dd>
          {view.correctionPromisedBy ?? <span class="muted">Not recorded</span>}
          {view.promiseLate && <strong class="failed"> late: the day has passed</strong>}
        </dd>
        <dt>Correction done</dt>
        <dd>{view.correctionDoneOn ?? <span class="muted">Not recorded</span>}</dd>
      </dl>
      {view.canWork && (
        <form method="post" action={action} enctype="multipart/form-data" class="inline-fields">
          <Csrf token={view.csrf} />
          <span class="field">
            <label for="m-sent-on">Response sent on</label>
            <input
              id="m-sent-on"
              name="response_sent_on"
              type="date"
              value={value('response_sent_on', view.responseSentOn)}
            />
          </span>
          <span class="field">
            <label for="m-sent-by">Sent by (you, when empty)</label>
            <input
              id="m-sent-by"
              name="response_sent_by"
              value={value('response_sent_by', view.responseSentBy)}
            />
          </span>
          <span class="field">
            <label for="m-file">The response as sent (optional file)</label>
            <input id="m-file" name="file" type="file" />
          </span>
          <span class="field">
            <label for="m-promised">Correction promised by</label>
            <input
              id="m-promised"
              name="correction_promised_by"
              type="date"
              value={value('correction_promised_by', view.correctionPromisedBy)}
            />
          </span>
          <span class="field">
            <label for="m-done">Correction done on</label>
            <input
              id="m-done"
              name="correction_done_on"
              type="date"
              value={value('correction_done_on', view.correctionDoneOn)}
            />
          </span>
          <button type="submit">Save the manufacturer’s side</button>
        </form>
      )}
    </section>
  );
}
