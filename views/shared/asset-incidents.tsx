import { outcomeLabels, stateLabels } from './incident-words';
import { incidentHref } from './sequestered';
import { stampedDay } from './time';

/** An incident investigation the asset is part of, and what became of the device in it. */
export type AssetIncident = {
  id: number;
  number: string;
  title: string;
  outcome: string;
  state: string;
  awareOn: string;
  archivedAt: string | null;
  sequesteredAt: string | null;
  sequesteredWhere: string | null;
  releasedAt: string | null;
};

/** An enum value as words: "serious_injury" → "serious injury". */
export const words = (value: string) => value.replace(/_/g, ' ');
const day = stampedDay;
const heldNow = (i: AssetIncident) => i.sequesteredAt !== null && i.releasedAt === null;

/** Said first on the asset's page: whoever is about to put the device back in use must see it. */
export function SequesteredNotice({ incidents }: { incidents: AssetIncident[] }) {
  const held = incidents.filter(heldNow);
  if (held.length === 0) return null;
  return (
    <div class="alert" role="status" id="sequestered">
      {held.map((i) => (
        <p>
          <strong>Sequestered</strong> since <time datetime={i.sequesteredAt!}>{day(i.sequesteredAt!)}</time>
          {i.sequesteredWhere && <> in {i.sequesteredWhere}</>} for{' '}
          <a href={incidentHref(i.id)}>{i.number}</a> — do not return to service until released.
        </p>
      ))}
    </div>
  );
}

function deviceInIncident(i: AssetIncident) {
  if (heldNow(i)) return `sequestered since ${day(i.sequesteredAt!)}`;
  if (i.releasedAt) return `released ${day(i.releasedAt)}`;
  return 'not sequestered';
}

/** The investigations the asset is part of, archived ones marked as such. */
export function AssetIncidents({ incidents }: { incidents: AssetIncident[] }) {
  if (incidents.length === 0) return <p>This asset is not part of any incident investigation.</p>;
  return (
    <table>
      <caption class="visually-hidden">Incident investigations this asset is part of</caption>
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Title</th>
          <th scope="col">Event type</th>
          <th scope="col">State</th>
          <th scope="col">Aware on</th>
          <th scope="col">This device</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr>
            <th scope="row">
              <a href={incidentHref(i.id)}>{i.number}</a>
              {i.archivedAt && <div class="muted">archived {day(i.archivedAt)}</div>}
            </th>
            <td>{i.title}</td>
            <td>{outcomeLabels[i.outcome as keyof typeof outcomeLabels] ?? words(i.outcome)}</td>
            <td>{stateLabels[i.state as keyof typeof stateLabels] ?? words(i.state)}</td>
            <td>{i.awareOn}</td>
            <td>
              {deviceInIncident(i)}
              {i.sequesteredWhere && (
                <div class="muted">
                  {heldNow(i) ? 'kept in' : 'was kept in'} {i.sequesteredWhere}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
