import { stamped as minute, stampedDay } from '../shared/time';

/**
 * How a case stands against its due date: closed on or before it, closed after it, still open
 * past it, or still open with time left.
 */
export type Timeliness = 'on_time' | 'late' | 'overdue' | 'open' | 'before_vigil';

export type ComplianceTotals = {
  recalls: number;
  closed: number;
  closedOnTime: number;
  /** Recalls that were due by now: closed ones, and open ones past their due date. */
  due: number;
  /** closedOnTime / due, or null when nothing was due yet. */
  onTimeShare: number | null;
  openOverdue: number;
  openNotDue: number;
  medianDaysToClose: number | null;
  /** Devices the team dismissed as not this device, each with its reason. */
  dismissedDevices: number;
  /** Cases a baseline filed as history: recalls dealt with before Vigil, never counted as overdue. */
  beforeVigil: number;
};

export type ReportAsset = {
  assetTag: string;
  device: string | null;
  serialNumber: string | null;
  department: string | null;
  disposition: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
};

export type ReportRecall = {
  productResNumber: string;
  recallClass: string;
  firm: string | null;
  product: string;
  openedAt: string;
  due: string;
  state: string;
  assignedTo: string | null;
  closedAt: string | null;
  closedBy: string | null;
  daysToClose: number | null;
  timeliness: Timeliness;
  timelinessLabel: string;
  assets: ReportAsset[];
};

/** The compliance report for a range of days (both ends included), in words a surveyor reads. */
export type ComplianceReport = {
  from: string;
  to: string;
  generatedAt: string;
  recalls: ReportRecall[];
  totals: ComplianceTotals;
  byClass: { label: string; totals: ComplianceTotals }[];
  /** How many days before openFDA each early source told of the recalls we worked (median). */
  leadBySource: { source: string; recalls: number; medianDays: number | null }[];
};

type Recall = ReportRecall;

export type ComplianceView = {
  /** The range as typed, shown back in the form. */
  form: { from: string; to: string; error?: string };
  report: ComplianceReport | null;
};

const percent = (share: number | null) => (share === null ? 'n/a' : `${Math.round(share * 100)}%`);
const days = (n: number | null) => (n === null ? '–' : Number.isInteger(n) ? String(n) : n.toFixed(1));

const timelinessClass = {
  on_time: 'ok',
  late: 'failed',
  overdue: 'failed',
  open: 'muted',
  before_vigil: 'muted',
} as const;

function RangeForm({ form }: { form: ComplianceView['form'] }) {
  const query = new URLSearchParams({ from: form.from, to: form.to });
  return (
    <form method="get" action="/reports/compliance" class="range no-print" aria-label="Range of the report">
      {form.error && (
        <p class="alert" role="alert" id="range-error">
          {form.error}
        </p>
      )}
      <label for="from">Recalls opened from</label>{' '}
      <input
        id="from"
        name="from"
        type="date"
        value={form.from}
        aria-describedby={form.error ? 'range-error' : undefined}
      />{' '}
      <label for="to">to</label>{' '}
      <input
        id="to"
        name="to"
        type="date"
        value={form.to}
        aria-describedby={form.error ? 'range-error' : undefined}
      />{' '}
      <button type="submit">Show</button>
      {!form.error && (
        <>
          {' '}
          <a href={`/reports/compliance.csv?${query}`}>Download as CSV</a>{' '}
          <span class="muted">· use the browser's Print to print or save as PDF</span>
        </>
      )}
    </form>
  );
}

function TotalsTable({ report }: { report: NonNullable<ComplianceView['report']> }) {
  const rows = [{ label: 'All classes', totals: report.totals }, ...report.byClass];
  return (
    <table class="totals">
      <caption>Totals, all recalls and by class</caption>
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col" class="num">
            Recalls
          </th>
          <th scope="col" class="num">
            Closed
          </th>
          <th scope="col" class="num">
            Closed by the due date
          </th>
          <th scope="col" class="num">
            Share on time
          </th>
          <th scope="col" class="num">
            Open, overdue
          </th>
          <th scope="col" class="num">
            Open, not yet due
          </th>
          <th scope="col" class="num">
            Median days to close
          </th>
          <th scope="col" class="num">
            Devices dismissed
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ label, totals: t }) => (
          <tr>
            <th scope="row">{label}</th>
            <td class="num">{t.recalls}</td>
            <td class="num">{t.closed}</td>
            <td class="num">{t.closedOnTime}</td>
            <td class="num">
              {percent(t.onTimeShare)} <span class="muted">of {t.due} due</span>
            </td>
            <td class="num">{t.openOverdue}</td>
            <td class="num">{t.openNotDue}</td>
            <td class="num">{days(t.medianDaysToClose)}</td>
            <td class="num">{t.dismissedDevices}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AssetTable({ recall }: { recall: Recall }) {
  if (recall.assets.length === 0) return <p class="muted">No matched assets remain under this recall.</p>;
  return (
    <table class="assets">
      <caption>Assets under {recall.productResNumber}</caption>
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col">Device</th>
          <th scope="col">Serial</th>
          <th scope="col">Department</th>
          <th scope="col">Disposition</th>
          <th scope="col">Recorded by</th>
          <th scope="col">Recorded at</th>
        </tr>
      </thead>
      <tbody>
        {recall.assets.map((a) => (
          <tr>
            <th scope="row">{a.assetTag}</th>
            <td>{a.device ?? ''}</td>
            <td>{a.serialNumber ?? ''}</td>
            <td>{a.department ?? ''}</td>
            <td>
              {a.disposition ?? <span class="failed">none recorded</span>}
              {a.note && <div class="muted">{a.note}</div>}
            </td>
            <td>{a.decidedBy ?? ''}</td>
            <td>{a.decidedAt ? minute(a.decidedAt) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const recallColumns = 12;

function RecallTable({ recalls }: { recalls: Recall[] }) {
  return (
    <table class="compliance">
      <caption>Each recall, with the assets it matched beneath it</caption>
      <thead>
        <tr>
          <th scope="col">Recall</th>
          <th scope="col">Class</th>
          <th scope="col">Firm</th>
          <th scope="col">Product</th>
          <th scope="col">Opened</th>
          <th scope="col">Due</th>
          <th scope="col">State</th>
          <th scope="col">Assigned to</th>
          <th scope="col">Closed</th>
          <th scope="col">Closed by</th>
          <th scope="col" class="num">
            Days to close
          </th>
          <th scope="col">On time</th>
        </tr>
      </thead>
      {recalls.map((r) => (
        <tbody class="recall">
          <tr>
            <th scope="row">
              <a href={`/recalls/${encodeURIComponent(r.productResNumber)}`}>{r.productResNumber}</a>
            </th>
            <td>{r.recallClass}</td>
            <td>{r.firm ?? ''}</td>
            <td>{r.product}</td>
            <td>{stampedDay(r.openedAt)}</td>
            <td>{r.due}</td>
            <td>{r.state}</td>
            <td>{r.assignedTo ?? ''}</td>
            <td>{r.closedAt ? stampedDay(r.closedAt) : ''}</td>
            <td>{r.closedBy ?? ''}</td>
            <td class="num">{days(r.daysToClose)}</td>
            <td class={timelinessClass[r.timeliness]}>{r.timelinessLabel}</td>
          </tr>
          <tr class="recall-assets">
            <td colspan={recallColumns}>
              <AssetTable recall={r} />
            </td>
          </tr>
        </tbody>
      ))}
    </table>
  );
}

/** Time to notice: the lead each early source gave on openFDA, over the recalls we worked. */
function LeadTable({ report }: { report: ComplianceReport }) {
  if (report.leadBySource.length === 0) return null;
  return (
    <>
      <h2>Time to notice</h2>
      <table>
        <thead>
          <tr>
            <th>Source</th>
            <th class="num">Recalls it told first</th>
            <th class="num">Median days before openFDA posted them</th>
          </tr>
        </thead>
        <tbody>
          {report.leadBySource.map((l) => (
            <tr>
              <td>{l.source}</td>
              <td class="num">{l.recalls}</td>
              <td class="num">{l.medianDays === null ? '–' : days(l.medianDays)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The recall compliance report: the range form, totals by class, and every recall with its assets. */
export function CompliancePage({ view }: { view: ComplianceView }) {
  const report = view.report;
  return (
    <>
      <h1>
        Recall compliance
        {report && (
          <>
            : {report.from} to {report.to}
          </>
        )}
      </h1>
      {report && (
        <p class="muted">
          Recalls matched to our devices whose cases opened in this range. Generated{' '}
          <time datetime={report.generatedAt}>{minute(report.generatedAt)}</time>.
        </p>
      )}
      <RangeForm form={view.form} />
      <p class="no-print">
        Also: <a href="/reports/3419">Form FDA 3419</a>, the annual summary of the MDR reports the facility
        sent.
      </p>
      {report && (
        <>
          <h2>Totals</h2>
          <p>
            {report.totals.recalls} recalls; {report.totals.closed} closed, {report.totals.closedOnTime} of
            them by the due date ({percent(report.totals.onTimeShare)} of the {report.totals.due} that were
            due); {report.totals.openOverdue} still open and overdue;{' '}
            {report.totals.beforeVigil > 0 &&
              `${report.totals.beforeVigil} before Vigil (filed as history); `}
            {report.totals.medianDaysToClose === null
              ? 'none closed yet, so no median time to close.'
              : `median ${days(report.totals.medianDaysToClose)} days to close.`}
          </p>
          <TotalsTable report={report} />
          <LeadTable report={report} />
          <h2>Recalls</h2>
          {report.recalls.length === 0 ? (
            <p>No recall case was opened in this range.</p>
          ) : (
            <RecallTable recalls={report.recalls} />
          )}
        </>
      )}
    </>
  );
}
