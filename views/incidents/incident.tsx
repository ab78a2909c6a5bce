import type { KnownRecall, KnownReport, KnownSearch } from '../../src/incidents/known';
import { seriousLabels } from '../../src/incidents/medwatch/format';
import type { IncidentFile } from '../../src/incidents/queries';
import { stamped } from '../shared/time';
import { IncidentActions, IncidentAnalysis } from './incident-analysis';
import { type FoundAssets, IncidentDevices } from './incident-devices';
import { AlreadyKnown, IncidentEvidence } from './incident-evidence';
import { HeaderFields } from './incident-header-form';
import { ErrorFor, type FormError, outcomeLabels, PostForm, stateLabels, typedOr } from './incident-parts';
import { IncidentReportability, type ReportClock } from './incident-reportability';

export type HistoryLine = { at: string; actor: string; text: string };

export type IncidentPageView = {
  file: IncidentFile;
  /** Technicians and admins; a viewer gets no patient section and the free text withheld. */
  seesPatient: boolean;
  /** The non-identifying code offered for the patient identifier. */
  suggestedPatientCode: string;
  csrf: string;
  canWork: boolean;
  canAdmin: boolean;
  today: string;
  /** Now as YYYY-MM-DDTHH:MM, to prefill times. */
  nowMinute: string;
  keepUntil: string;
  clocks: ReportClock[];
  suggestedNumber: string;
  known: { recalls: KnownRecall[]; reports: KnownReport[]; reportTotal: number; searches: KnownSearch[] };
  history: HistoryLine[];
  maxUploadMb: number;
  error?: FormError;
  /** The analysis entry ("entry:7") or action ("action:3") whose form is open. */
  editing?: string;
  /** The assets a search for a device to add found, when one was sent without script. */
  found: FoundAssets;
};

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

/** Facts as a definition list, "—" for what is not recorded. */
function Facts({ rows }: { rows: [string, string | null][] }) {
  return (
    <dl class="record">
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd class="pre">{value ?? <span class="muted">—</span>}</dd>
        </>
      ))}
    </dl>
  );
}

/** The patient section, shown only to those who see it (see seesPatient). */
function PatientFacts({ incident: i }: { incident: IncidentFile['incident'] }) {
  return (
    <section id="patient" aria-labelledby="patient-title">
      <h3 id="patient-title">Patient</h3>
      <Facts
        rows={[
          ['Patient identifier', i.patientIdentifier],
          [
            'Age, sex, weight',
            [i.patientAge, i.patientSex, i.patientWeightKg && `${i.patientWeightKg} kg`]
              .filter(Boolean)
              .join(', ') || null,
          ],
          ['Patient history', i.patientHistory],
        ]}
      />
    </section>
  );
}

function Summary({ view }: { view: IncidentPageView }) {
  const i = view.file.incident;
  const rows: [string, string | null][] = [
    ['Event type', outcomeLabels[i.outcome]],
    ['Event date and time', i.eventAt?.replace('T', ' ') ?? null],
    ['Facility became aware', i.awareOn],
    ['Location', i.location],
    ['Reported by', i.reporter && `${i.reporter}${i.reporterOccupation ? ` (${i.reporterOccupation})` : ''}`],
    [
      'Reporter is a health professional',
      i.reporterHealthProfessional === null ? null : yesNo(i.reporterHealthProfessional),
    ],
    ['Reporter also told the FDA', i.reporterAlsoSentToFda],
    ['Harm severity', i.harm],
    ['Sentinel event', yesNo(i.sentinel)],
    ['Date of death', i.deathOn],
    ['Outcomes attributed to the event', i.seriousOutcomes?.map((o) => seriousLabels[o]).join('; ') || null],
    ['Description', i.description],
    ['Relevant tests', i.relevantTests],
    ['Other medical products', i.concomitantProducts],
    [
      'Problem codes',
      [
        i.patientProblemCodes && `patient ${i.patientProblemCodes}`,
        i.deviceProblemCodes && `device ${i.deviceProblemCodes}`,
      ]
        .filter(Boolean)
        .join('; ') || null,
    ],
    ['Opened', `${i.createdBy}, ${stamped(i.createdAt)}`],
    ['Keep the record until at least', `${view.keepUntil} (two years from the event, 803.18)`],
  ];
  return <Facts rows={rows} />;
}

export function IncidentPage({ view }: { view: IncidentPageView }) {
  const { file, csrf, error } = view;
  const i = file.incident;
  const base = `/incidents/${i.id}`;
  const canWork = view.canWork && !i.archivedAt;
  const linked = new Set(file.links.map((l) => `${l.kind}:${l.key}`));
  const overdue = view.clocks.filter((c) => c.overdue && !c.sentOn);
  const a = typedOr(error, 'archive');
  return (
    <>
      <h1>
        {i.number}: {i.title}
      </h1>
      <p>
        <strong>{stateLabels[i.state]}</strong> · {outcomeLabels[i.outcome]} · aware on {i.awareOn}
        {i.sentinel && ' · sentinel event'}
      </p>
      {/* An archived record shows no forms, so a refused change says why up here. */}
      {i.archivedAt && error && error.form !== 'archive' && (
        <p class="alert" role="alert">
          {error.message}
        </p>
      )}
      {i.archivedAt && (
        <p class="alert" role="status">
          Archived on {stamped(i.archivedAt)}: {i.archivedWhy}. The record is kept as it was; restore it to
          change it.
        </p>
      )}
      {overdue.length > 0 && (
        <p class="alert" role="alert">
          <strong>OVERDUE:</strong> the MedWatch report to the {overdue.map((c) => c.to).join(' and the ')}{' '}
          was due {overdue[0]!.dueOn}. <a href="#reportability">Record it as sent</a> once it has gone.
        </p>
      )}
      <nav aria-label="Sections of the record" class="no-print">
        <a href="#record">Record</a> · <a href="#devices">Devices</a> · <a href="#evidence">Evidence</a> ·{' '}
        <a href="#known">Already known</a> · <a href="#analysis">Analysis</a> · <a href="#actions">Actions</a>{' '}
        · <a href="#reportability">Reportability</a> · <a href="#forms">Forms</a> ·{' '}
        <a href="#history">History</a>
      </nav>
      <section id="record" aria-labelledby="record-title">
        <h2 id="record-title">The record</h2>
        <Summary view={view} />
        {view.seesPatient && <PatientFacts incident={i} />}
        {canWork && (
          <details class="edit" open={error?.form === 'details'}>
            <summary>Correct or complete the record</summary>
            <PostForm action={`${base}/details`} csrf={csrf}>
              <ErrorFor error={error} form="details" />
              <HeaderFields
                stored={i}
                error={error}
                form="details"
                suggestedPatientCode={view.suggestedPatientCode}
              />
              <button type="submit">Save the record</button>
            </PostForm>
          </details>
        )}
      </section>
      <IncidentDevices
        base={base}
        devices={file.devices}
        csrf={csrf}
        canWork={canWork}
        error={error}
        found={view.found}
      />
      <IncidentEvidence
        base={base}
        file={file}
        csrf={csrf}
        canWork={canWork}
        now={view.nowMinute}
        maxUploadMb={view.maxUploadMb}
        error={error}
      />
      <AlreadyKnown base={base} csrf={csrf} canWork={canWork} linked={linked} error={error} {...view.known} />
      <IncidentAnalysis
        base={base}
        file={file}
        csrf={csrf}
        canWork={canWork}
        error={error}
        editing={view.editing}
      />
      <IncidentActions
        base={base}
        file={file}
        csrf={csrf}
        canWork={canWork}
        editing={view.editing}
        today={view.today}
        error={error}
      />
      <IncidentReportability
        base={base}
        file={file}
        csrf={csrf}
        canWork={canWork}
        clocks={view.clocks}
        suggestedNumber={view.suggestedNumber}
        manufacturerOnFile={file.devices.some((d) => Boolean(d.details.manufacturer))}
        today={view.today}
        error={error}
      />
      <section id="forms" aria-labelledby="forms-title">
        <h2 id="forms-title">Forms and reports</h2>
        <ul>
          <li>
            <a href={`${base}/3500a`}>MedWatch 3500A draft</a> (printable page) ·{' '}
            <a href={`${base}/3500a.pdf`}>PDF</a>
          </li>
          <li>
            <a href={`${base}/report`}>Investigation report</a> (printable) · for the{' '}
            <a href={`${base}/report?for=fda`}>FDA</a> or the{' '}
            <a href={`${base}/report?for=manufacturer`}>manufacturer</a>, with patient identifiers withheld
          </li>
          <li>
            <a href="/reports/3419">Form 3419 annual report</a>
          </li>
        </ul>
      </section>
      <section id="history" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol class="timeline">
          {view.history.map((h) => (
            <li>
              <span class="muted">{stamped(h.at)}</span> {h.actor}: {h.text}
            </li>
          ))}
        </ol>
      </section>
      {view.canAdmin && (
        <section id="archive" aria-labelledby="archive-title" class="no-print">
          <h2 id="archive-title">Archive</h2>
          <ErrorFor error={error} form="archive" />
          {i.archivedAt ? (
            <PostForm action={`${base}/restore`} csrf={csrf} class="inline-fields">
              <button type="submit">Restore the incident</button>
            </PostForm>
          ) : (
            <PostForm action={`${base}/archive`} csrf={csrf} class="inline-fields">
              <p class="field">
                <label for="archive-why">Why archive it</label>
                <input id="archive-why" name="why" value={a('why')} required />
              </p>
              <button type="submit" class="secondary">
                Archive
              </button>
              <small class="muted">
                Incidents are never deleted: an archived one leaves the lists and can be restored.
              </small>
            </PostForm>
          )}
        </section>
      )}
    </>
  );
}
