import type { Form3419 } from '../../src/incidents/form3419';
import { address } from '../../src/incidents/medwatch/format';
import { Empty, Fact } from '../shared/facts';
import { FacilityGaps } from './facility';

export type Form3419View = {
  /** The year as typed, shown back in the picker. */
  form: { year: string; error?: string };
  report: Form3419 | null;
  /** Item 5, the date of the annual report: today. */
  reportDate: string;
  facilityGaps: string[];
};

function YearForm({ form }: { form: Form3419View['form'] }) {
  return (
    <form method="get" action="/reports/3419" class="range" aria-label="Reporting year">
      {form.error && (
        <p class="alert" role="alert" id="year-error">
          {form.error}
        </p>
      )}
      <label for="year">Reporting year</label>{' '}
      <input
        id="year"
        name="year"
        inputmode="numeric"
        size={6}
        value={form.year}
        aria-describedby={form.error ? 'year-error' : undefined}
      />{' '}
      <button type="submit">Show</button>
      {!form.error && (
        <>
          {' '}
          <a href={`/reports/3419.csv?${new URLSearchParams({ year: form.year })}`}>
            Download the entries as CSV
          </a>{' '}
          <span class="muted">· use the browser's Print to print or save as PDF</span>
        </>
      )}
    </form>
  );
}

/** Items 1–6 of 21 CFR 803.33(a): who reports, for which year, how many, and who to ask. */
function FacilityItems({ report, reportDate }: { report: Form3419; reportDate: string }) {
  const f = report.facility;
  const where = address({
    street: f.street,
    city: f.city,
    state: f.state,
    postalCode: f.postalCode,
    country: f.country,
  });
  return (
    <dl class="record">
      <Fact term="1. CMS provider or FDA-assigned number">{f.number}</Fact>
      <Fact term="2. Reporting year">{String(report.year)}</Fact>
      <Fact term="3. Facility name and address">{[f.name, where].filter(Boolean).join(', ')}</Fact>
      <Fact term="4. Total number of reports">{String(report.total)}</Fact>
      <Fact term="5. Date of this report; report numbers">
        {reportDate}
        {report.total > 0 && `; ${report.lowestNumber} through ${report.highestNumber}`}
      </Fact>
      <Fact term="6. Contact person">
        {[f.contactName, f.contactTitle, f.phone, f.email].filter(Boolean).join(', ')}
      </Fact>
    </dl>
  );
}

function Entries({ report }: { report: Form3419 }) {
  if (report.entries.length === 0)
    return (
      <p class="lead">
        No reports were sent in {report.year}. A facility that sent no MDR reports in a year need not file
        Form 3419 for it.
      </p>
    );
  const cell = (v: string | null) => v ?? <Empty />;
  return (
    <table class="entries">
      <caption class="visually-hidden">Reports sent in {report.year}</caption>
      <thead>
        <tr>
          <th scope="col">Report number</th>
          <th scope="col">Manufacturer name and address</th>
          <th scope="col">Brand and common name</th>
          <th scope="col">Model, catalog, serial, lot</th>
          <th scope="col">Brief description</th>
          <th scope="col">Submitted to</th>
        </tr>
      </thead>
      <tbody>
        {report.entries.map((e) => (
          <tr>
            <th scope="row">
              {e.reportNumber}
              <div class="muted">
                {e.incidentNumber}, sent {e.firstSentOn}
              </div>
            </th>
            <td>{cell(e.manufacturer)}</td>
            <td>{cell(e.brandAndCommonName)}</td>
            <td>{cell(e.modelCatalogSerialLot)}</td>
            <td>{cell(e.description)}</td>
            <td>{e.submittedTo.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Form FDA 3419, the user facility's annual report: the facility's items, then one entry per report. */
export function Form3419Page({ view }: { view: Form3419View }) {
  const { report } = view;
  return (
    <>
      <h1>Form FDA 3419: annual user facility report{report && `, ${report.year}`}</h1>
      <p>
        The summary of the MDR reports (MedWatch 3500A) the facility sent in a calendar year, due January 1 of
        the year after (21 CFR 803.33). Built from the reports recorded as sent, one entry per user facility
        report number; follow-ups are not new entries.
      </p>
      <YearForm form={view.form} />
      {report && (
        <>
          <p>
            <strong>Due on {report.dueOn}.</strong>
          </p>
          <FacilityGaps gaps={view.facilityGaps} />
          <h2>The facility (items 1–6)</h2>
          <FacilityItems report={report} reportDate={view.reportDate} />
          <h2>The reports (item 7)</h2>
          <Entries report={report} />
        </>
      )}
    </>
  );
}
