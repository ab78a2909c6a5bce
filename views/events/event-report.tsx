/** A label and what the record says; the value is never empty where it is shown. */
export type LabelledValue = [label: string, value: string | null];

export type EventReportView = {
  reportKey: string;
  reportNumber: string | null;
  eventType: string | null;
  dateReceived: string | null;
  /** The FDA's own MAUDE page for the report, when it has an MDR report key. */
  fdaUrl: string | null;
  fields: LabelledValue[];
  manufacturer: LabelledValue[];
  devices: { heading: string; fields: LabelledValue[]; searchHref: string | null }[];
  narratives: { type: string; date: string | null; patient: string | null; text: string }[];
  patients: { heading: string; fields: LabelledValue[] }[];
  /** Fields the page has no label for, under the FDA's own names. */
  other: LabelledValue[];
};

function FieldList({ rows, caption }: { rows: LabelledValue[]; caption?: string }) {
  if (rows.length === 0) return <p class="muted">{caption ?? 'Nothing recorded.'}</p>;
  return (
    <dl class="record">
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd class="pre">{value}</dd>
        </>
      ))}
    </dl>
  );
}

/**
 * One MAUDE report as the FDA published it: the report, the manufacturer, every device, every
 * narrative (upper case, as MAUDE keeps them, line breaks kept; redactions such as (b)(6) as they
 * are) and what happened to each patient.
 */
export function EventReportPage({ view }: { view: EventReportView }) {
  const name = view.reportNumber ?? view.reportKey;
  return (
    <>
      <p>
        <a href="/events">← MAUDE search</a>
      </p>
      <h1>MAUDE report {name}</h1>
      <p class="lead">
        {[view.eventType, view.dateReceived && `received ${view.dateReceived}`].filter(Boolean).join(', ')}
      </p>
      {view.fdaUrl && (
        <p>
          <a href={view.fdaUrl} rel="noopener noreferrer">
            The FDA's MAUDE page for this report
          </a>
        </p>
      )}
      <section aria-labelledby="report-title">
        <h2 id="report-title">The report</h2>
        <FieldList rows={view.fields} />
      </section>
      <section aria-labelledby="maker-title">
        <h2 id="maker-title">Manufacturer</h2>
        <FieldList rows={view.manufacturer} caption="The report names no manufacturer." />
      </section>
      <section aria-labelledby="devices-title">
        <h2 id="devices-title">Devices</h2>
        {view.devices.length === 0 && <p class="muted">The report lists no device.</p>}
        {view.devices.map((d) => (
          <>
            <h3>{d.heading}</h3>
            <FieldList rows={d.fields} />
            {d.searchHref && (
              <p>
                <a href={d.searchHref}>Reports for this model</a>
              </p>
            )}
          </>
        ))}
      </section>
      <section aria-labelledby="narratives-title">
        <h2 id="narratives-title">Narratives</h2>
        {view.narratives.length === 0 && <p class="muted">The report has no narrative.</p>}
        {view.narratives.map((n) => (
          <>
            <h3>
              {n.type}
              {(n.date || n.patient) && (
                <span class="muted">
                  {' '}
                  (
                  {[n.date && `reported ${n.date}`, n.patient && `patient ${n.patient}`]
                    .filter(Boolean)
                    .join(', ')}
                  )
                </span>
              )}
            </h3>
            <p class="pre">{n.text}</p>
          </>
        ))}
      </section>
      <section aria-labelledby="patients-title">
        <h2 id="patients-title">Patients</h2>
        {view.patients.length === 0 && <p class="muted">The report gives no patient outcome.</p>}
        {view.patients.map((p) => (
          <>
            <h3>{p.heading}</h3>
            <FieldList rows={p.fields} caption="No outcome recorded." />
          </>
        ))}
      </section>
      {view.other.length > 0 && (
        <section aria-labelledby="other-title">
          <h2 id="other-title">Other fields of the record</h2>
          <FieldList rows={view.other} />
        </section>
      )}
    </>
  );
}
