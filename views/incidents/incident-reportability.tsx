import type { Clock } from '../../src/incidents/due';
import type { IncidentFile } from '../../src/incidents/queries';
import { stamped } from '../shared/time';
import { ErrorFor, Field, type FormError, outcomeLabels, PostForm, Select, typedOr } from './incident-parts';
import { SentTable } from './incident-tables';

/** A required report with its clock, as the page shows it. */
export type ReportClock = Clock & {
  to: 'FDA' | 'manufacturer';
  rule: string;
  dueOn: string;
  sentOn: string | null;
};

function Radio({
  name,
  value,
  checked,
  label,
}: {
  name: string;
  value: string;
  checked: boolean;
  label: string;
}) {
  return (
    <label>
      <input type="radio" name={name} value={value} checked={checked} required /> {label}
    </label>
  );
}

function clockText(c: ReportClock) {
  if (c.sentOn) return `sent ${c.sentOn}`;
  if (c.overdue) return `OVERDUE by ${c.daysLate} day${c.daysLate === 1 ? '' : 's'}`;
  return c.workDaysLeft === 0
    ? 'due today'
    : `${c.workDaysLeft} work day${c.workDaysLeft === 1 ? '' : 's'} left`;
}

/**
 * The guided 21 CFR 803 decision: the facts are asked as questions, and the answer says who must
 * be told and by when, with every step of the reasoning, which is kept with the decision.
 */
export function IncidentReportability(props: {
  base: string;
  file: IncidentFile;
  csrf: string;
  canWork: boolean;
  clocks: ReportClock[];
  suggestedNumber: string;
  manufacturerOnFile: boolean;
  today: string;
  error?: FormError;
}) {
  const { base, file, csrf, error } = props;
  const i = file.incident;
  const d = file.decision;
  const facts = typedOr(error, 'decide');
  const contributed = facts(
    'contributed',
    i.deviceMayHaveContributed === null ? '' : i.deviceMayHaveContributed ? 'yes' : 'no',
  );
  const known = facts(
    'manufacturerKnown',
    i.manufacturerKnown === null
      ? props.manufacturerOnFile
        ? 'yes'
        : ''
      : i.manufacturerKnown
        ? 'yes'
        : 'no',
  );
  const r = typedOr(error, 'report');
  return (
    <section id="reportability" aria-labelledby="reportability-title">
      <h2 id="reportability-title">Reportability (21 CFR 803)</h2>
      {d ? (
        <>
          <p class={d.reportable ? 'lead failed' : 'lead'}>
            {d.reportable
              ? `Reportable: MedWatch 3500A to ${d.reports.map((x) => `the ${x.to}`).join(' and ')}`
              : 'No mandatory MDR report'}
          </p>
          {props.clocks.length > 0 && (
            <table>
              <caption class="visually-hidden">Reports required and their deadlines</caption>
              <thead>
                <tr>
                  <th scope="col">To</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Due (10 work days)</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {props.clocks.map((c) => (
                  <tr>
                    <td>{c.to}</td>
                    <td>{c.rule}</td>
                    <td>{c.dueOn}</td>
                    <td class={c.overdue && !c.sentOn ? 'failed' : c.sentOn ? 'ok' : undefined}>
                      {clockText(c)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Reasoning (kept in the MDR event file, 803.18)</h3>
          <ul class="reasoning">
            {d.reasoning.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          {d.otherDeadlines.map((o) => (
            <p>
              <strong>{o.what}:</strong> due {o.dueOn}
            </p>
          ))}
          <p class="muted">
            Decided by {i.decidedBy} on {stamped(i.decidedAt)}, from these facts: event type{' '}
            {outcomeLabels[i.outcome].toLowerCase()}; a device{' '}
            {i.deviceMayHaveContributed ? 'may have caused or contributed;' : 'did not cause or contribute;'}{' '}
            manufacturer {i.manufacturerKnown ? 'known' : 'not known'}; aware on {i.awareOn}.
          </p>
        </>
      ) : (
        <p class={i.outcome === 'death' || i.outcome === 'serious_injury' ? 'alert' : undefined}>
          Not decided yet.
          {(i.outcome === 'death' || i.outcome === 'serious_injury') &&
            ' This event involved a death or serious injury: if a device may have contributed, a report is due within 10 work days of the aware date.'}
        </p>
      )}
      {props.canWork && (
        <details class="edit" open={!d || error?.form === 'decide'}>
          <summary>{d ? 'Decide again on new facts' : 'Decide reportability'}</summary>
          <PostForm action={`${base}/reportability`} csrf={csrf}>
            <ErrorFor error={error} form="decide" />
            <p>
              The record says the event was: <strong>{outcomeLabels[i.outcome]}</strong>, and the facility
              became aware on <strong>{i.awareOn}</strong>. Correct those in the record first if they are
              wrong.
            </p>
            <fieldset>
              <legend>
                Does the information reasonably suggest that a device caused or may have caused or contributed
                to the event?
              </legend>
              <Radio
                name="contributed"
                value="yes"
                checked={contributed === 'yes'}
                label="Yes, or it may have"
              />
              <Radio name="contributed" value="no" checked={contributed === 'no'} label="No" />
            </fieldset>
            <fieldset>
              <legend>Is the device's manufacturer known?</legend>
              <Radio name="manufacturerKnown" value="yes" checked={known === 'yes'} label="Yes" />
              <Radio name="manufacturerKnown" value="no" checked={known === 'no'} label="No" />
            </fieldset>
            <button type="submit">Decide</button>
          </PostForm>
        </details>
      )}
      <h3 id="reports-sent">Reports sent</h3>
      <SentTable reports={file.reports} />
      {props.canWork && d && (
        <details class="edit" open={error?.form === 'report'}>
          <summary>Record a report as sent</summary>
          <PostForm action={`${base}/reports`} csrf={csrf}>
            <ErrorFor error={error} form="report" />
            <Select
              name="recipient"
              id="report-recipient"
              label="Sent to"
              value={r(
                'recipient',
                d.reports.find((x) => !file.reports.some((s) => s.recipient === x.to))?.to ?? '',
              )}
              options={[
                ['', 'Choose…'],
                ['FDA', 'FDA'],
                ['manufacturer', 'Manufacturer'],
              ]}
              required
            />
            <Field
              name="recipientName"
              id="report-recipient-name"
              label="Addressed to (manufacturer's name)"
              value={r('recipientName')}
            />
            <Field
              name="sentOn"
              id="report-sent-on"
              label="Sent on"
              type="date"
              value={r('sentOn', props.today)}
              required
            />
            <Field
              name="reportNumber"
              id="report-number"
              label="User facility report number"
              value={r('reportNumber', props.suggestedNumber)}
              hint="Facility number, year and sequence; a follow-up keeps the initial report's number."
            />
            <Field
              name="followUp"
              id="report-follow-up"
              label="Follow-up number (0 for the initial report)"
              type="number"
              value={r('followUp', '0')}
            />
            <Field
              name="note"
              id="report-note"
              label="Note (how it was sent, acknowledgement)"
              value={r('note')}
            />
            <button type="submit">Record as sent</button>
          </PostForm>
        </details>
      )}
    </section>
  );
}
