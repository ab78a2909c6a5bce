import type { IncidentFile } from '../../src/incidents/queries';
import { facilityZone } from '../../src/shared/clock';
import { stamped } from '../shared/time';
import { when } from './incident-parts';

/** The chain of custody, on the record page and in the printed report alike. */
/**
 * A custody step's time in the facility's local time: typed ones as typed; steps stored with a
 * zone (as sequestering stamped them before) converted, saying the zone.
 */
const custodyTime = (at: string) => (/(Z|[+-]\d\d:\d\d)$/.test(at) ? stamped(at) : when(at));

export function CustodyTable({ custody }: { custody: IncidentFile['custody'] }) {
  if (custody.length === 0)
    return <p class="muted">Nothing logged yet. Sequestering a device logs it here.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">When ({facilityZone()} time)</th>
          <th scope="col">Item</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Why</th>
          <th scope="col">Recorded by</th>
        </tr>
      </thead>
      <tbody>
        {custody.map((c) => (
          <tr>
            <td>{custodyTime(c.at)}</td>
            <td>{c.item}</td>
            <td>{c.who}</td>
            <td>{c.action}</td>
            <td class="pre">{c.why}</td>
            <td>{c.recordedBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The reports recorded as sent, on the record page and in the printed report alike. */
export function SentTable({ reports }: { reports: IncidentFile['reports'] }) {
  if (reports.length === 0) return <p>No report is recorded as sent.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">To</th>
          <th scope="col">Sent on</th>
          <th scope="col">Report number</th>
          <th scope="col">Report</th>
          <th scope="col">Recorded by</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => (
          <tr>
            <td>
              {r.recipient}
              {r.recipientName && <> ({r.recipientName})</>}
            </td>
            <td>{r.sentOn}</td>
            <td>{r.reportNumber}</td>
            <td>
              {r.followUp === 0 ? 'Initial' : `Follow-up #${r.followUp}`}
              {r.note && <div class="muted pre">{r.note}</div>}
            </td>
            <td>{r.recordedBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
