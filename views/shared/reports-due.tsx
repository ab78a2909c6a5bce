/** A report the facility owes, or a decision it has still to take, and by when. */
export type DueReport = {
  incidentId: number;
  incidentNumber: string;
  title: string;
  /** "FDA", "manufacturer", or null while reportability is undecided. */
  to: 'FDA' | 'manufacturer' | null;
  dueOn: string;
} & Clock;

/**
 * Where a deadline stands today: work days left (0 on the day it is due), or, once it has
 * passed, calendar days late (a report due on Friday is a day late on Saturday, whatever the
 * calendar of work days says).
 */
export type Clock = { overdue: boolean; workDaysLeft: number; daysLate: number };

const workDays = (n: number) => `${n} work day${n === 1 ? '' : 's'}`;
const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

function what(d: DueReport) {
  return d.to ? `MedWatch 3500A to the ${d.to}` : 'Reportability decision (a death or serious injury)';
}

/**
 * MDR reports owed and decisions pending. An overdue one is an alert (read out by screen readers
 * as the page loads) in the error colour, above everything else; none is hidden behind a link.
 */
export function DueReports({ due }: { due: DueReport[] }) {
  if (due.length === 0) return null;
  const overdue = due.filter((d) => d.overdue);
  const soon = due.filter((d) => !d.overdue);
  return (
    <section id="mdr-due" aria-labelledby="mdr-due-title" class={overdue.length ? 'alert' : 'due-soon'}>
      <h2 id="mdr-due-title">
        {overdue.length > 0
          ? `${overdue.length} MDR ${overdue.length === 1 ? 'report is' : 'reports are'} overdue`
          : 'MDR reports due (21 CFR 803)'}
      </h2>
      {overdue.length > 0 && (
        <ul role="alert">
          {overdue.map((d) => (
            <li>
              <strong>OVERDUE</strong> by {days(d.daysLate)}: {what(d)} for{' '}
              <a href={`/incidents/${d.incidentId}#reportability`}>{d.incidentNumber}</a> ({d.title}), due{' '}
              {d.dueOn}
            </li>
          ))}
        </ul>
      )}
      {soon.length > 0 && (
        <ul>
          {soon.map((d) => (
            <li>
              {what(d)} for <a href={`/incidents/${d.incidentId}#reportability`}>{d.incidentNumber}</a> (
              {d.title}): due {d.dueOn}, {d.workDaysLeft === 0 ? 'today' : `in ${workDays(d.workDaysLeft)}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
