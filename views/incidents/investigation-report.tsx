import type { IncidentFile } from '../../src/incidents/queries';
import type { RequiredReport } from '../../src/incidents/reportability';
import { words } from '../shared/asset-incidents';
import { Empty, Fact } from '../shared/facts';
import { incidentHref } from '../shared/sequestered';
import { stamped } from '../shared/time';
import { detailLabel } from './incident-devices';
import { outcomeLabels, stateLabels, when } from './incident-parts';
import { CustodyTable } from './incident-tables';
import { AnalysisPart, ReportabilityPart } from './investigation-analysis';

export type InvestigationReportView = {
  file: IncidentFile;
  /** Printed for a recipient of the 3500A, its free text withheld; null for the event file. */
  recipient: 'fda' | 'manufacturer' | null;
  /** Whether the reader sees the patient section (see seesPatient). */
  showPatient: boolean;
  /** 21 CFR 803.18(b): the event file is kept at least two years from the event. */
  keepUntil: string;
  outstanding: RequiredReport[];
  printedAt: string;
  printedBy: string;
};

function EventPart({ view }: { view: InvestigationReportView }) {
  const i = view.file.incident;
  return (
    <section aria-labelledby="event">
      <h2 id="event">The event</h2>
      <dl class="record">
        <Fact term="Event at">{i.eventAt && when(i.eventAt)}</Fact>
        <Fact term="Facility aware on">{i.awareOn}</Fact>
        <Fact term="Reporter">
          {i.reporter}
          {i.reporter && i.reporterOccupation && `, ${i.reporterOccupation}`}
        </Fact>
        <Fact term="Location">{i.location}</Fact>
        <Fact term="Event type">{outcomeLabels[i.outcome]}</Fact>
        {i.deathOn && <Fact term="Date of death">{i.deathOn}</Fact>}
        <Fact term="Harm">{i.harm && words(i.harm)}</Fact>
        <Fact term="Sentinel event">{i.sentinel ? 'Yes' : 'No'}</Fact>
        <Fact term="State">{stateLabels[i.state]}</Fact>
        <Fact term="Patient problem codes">{i.patientProblemCodes}</Fact>
        <Fact term="Device problem codes">{i.deviceProblemCodes}</Fact>
        <Fact term="Opened">
          {stamped(i.createdAt)} by {i.createdBy}
        </Fact>
        <Fact term="Records kept until">{view.keepUntil} (21 CFR 803.18: two years from the event)</Fact>
        <Fact term="Archived">
          {i.archivedAt ? `${stamped(i.archivedAt)}: ${i.archivedWhy ?? ''}` : 'No'}
        </Fact>
      </dl>
      <h3>Description</h3>
      <p class="pre">{i.description ?? <Empty />}</p>
      <h3>Relevant tests and laboratory data</h3>
      <p class="pre">{i.relevantTests ?? <Empty />}</p>
      <h3>Other medical products in use</h3>
      <p class="pre">{i.concomitantProducts ?? <Empty />}</p>
    </section>
  );
}

function PatientPart({ incident: i }: { incident: IncidentFile['incident'] }) {
  return (
    <section aria-labelledby="patient">
      <h2 id="patient">Patient</h2>
      <p class="muted">Vigil keeps an identifier, never a name.</p>
      <dl class="record">
        <Fact term="Identifier">{i.patientIdentifier}</Fact>
        <Fact term="Age">{i.patientAge}</Fact>
        <Fact term="Sex">{i.patientSex}</Fact>
        <Fact term="Weight">{i.patientWeightKg && `${i.patientWeightKg} kg`}</Fact>
        <Fact term="Relevant history">{i.patientHistory && <span class="pre">{i.patientHistory}</span>}</Fact>
      </dl>
    </section>
  );
}

function DevicesPart({ devices }: { devices: IncidentFile['devices'] }) {
  return (
    <section aria-labelledby="devices">
      <h2 id="devices">Devices</h2>
      {devices.length === 0 && <p>No device is recorded.</p>}
      {devices.map((d) => (
        <div class="part">
          <h3>{d.assetTag}</h3>
          <p>
            {d.sequesteredAt
              ? `Sequestered ${stamped(d.sequesteredAt)}${d.sequesteredWhere ? ` in ${d.sequesteredWhere}` : ''}${d.releasedAt ? `; released ${stamped(d.releasedAt)}` : '; still held'}.`
              : 'Not sequestered.'}
          </p>
          <dl class="record">
            {Object.entries(d.details).map(([key, value]) => (
              <Fact term={detailLabel(key)}>
                <span class="pre">{value}</span>
              </Fact>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}

function EvidencePart({ file }: { file: IncidentFile }) {
  return (
    <section aria-labelledby="evidence">
      <h2 id="evidence">Evidence</h2>
      <h3>Chain of custody</h3>
      <CustodyTable custody={file.custody} />
      <h3>Files</h3>
      {file.files.length === 0 ? (
        <p>No files kept.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">What it shows</th>
              <th scope="col">File</th>
              <th scope="col" class="num">
                Bytes
              </th>
              <th scope="col">SHA-256</th>
              <th scope="col">Kept by</th>
            </tr>
          </thead>
          <tbody>
            {file.files.map((f) => (
              <tr>
                <td>{f.description}</td>
                <td>{f.originalName}</td>
                <td class="num">{f.size}</td>
                <td>
                  <code class="hash">{f.sha256}</code>
                </td>
                <td>
                  {f.uploadedBy}, {stamped(f.uploadedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Linked recalls and MAUDE reports</h3>
      {file.links.length === 0 ? (
        <p>None linked.</p>
      ) : (
        <ul>
          {file.links.map((l) => (
            <li>
              {l.kind === 'recall' ? 'Recall' : 'MAUDE report'} {l.key}
              {l.summary && <>: {l.summary}</>}
              {l.note && <div class="pre">Why: {l.note}</div>}
              <div class="muted">
                Linked by {l.linkedBy}, {stamped(l.linkedAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The whole investigation as one printable document, for the MDR event file and for surveyors. */
export function InvestigationReportPage({ view }: { view: InvestigationReportView }) {
  const { incident } = view.file;
  return (
    <>
      <h1>
        Investigation report: {incident.number}
        {incident.archivedAt && ' (archived)'}
      </h1>
      <p class="lead">{incident.title}</p>
      <p class="muted">
        Printed {stamped(view.printedAt)}. Printed by {view.printedBy}.
      </p>
      {view.recipient && (
        <p>
          <strong>
            Prepared for {view.recipient === 'fda' ? 'the FDA' : 'the manufacturer'}: patient identifiers
            withheld
          </strong>{' '}
          from the free text (names, record numbers, social security numbers, dates of birth and phone numbers
          Vigil recognises). Read it through before sending: a name in a form Vigil does not recognise still
          gets through.
        </p>
      )}
      <p class="no-print">
        <a href={incidentHref(incident.id)}>Back to the record</a> · use the browser's Print to print or save
        as PDF
      </p>
      <EventPart view={view} />
      {view.showPatient && <PatientPart incident={incident} />}
      <DevicesPart devices={view.file.devices} />
      <EvidencePart file={view.file} />
      <AnalysisPart file={view.file} />
      <ReportabilityPart file={view.file} outstanding={view.outstanding} />
    </>
  );
}
