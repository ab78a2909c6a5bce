import type { IncidentDraft } from '../../src/incidents/drafts';
import type { DraftField } from '../../src/incidents/medwatch/form3500a';
import { Empty } from '../shared/facts';
import { incidentHref } from '../shared/sequestered';
import { FacilityGaps } from './facility';

/** The query that asks for the same draft again: which device, which follow-up. */
export function draftQuery(d: { devices: string[]; assetTag: string | null; followUp: number }): string {
  const q = new URLSearchParams();
  if (d.assetTag && d.devices.length > 1) q.set('device', d.assetTag);
  if (d.followUp > 0) q.set('followUp', String(d.followUp));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const blockId = (id: string) => `block-${id}`;

function Field({ field }: { field: DraftField }) {
  return (
    <tr id={blockId(field.id)}>
      <th scope="row" class="block">
        {field.id}
      </th>
      <td>{field.label}</td>
      <td class="pre">{field.value ?? <Empty />}</td>
    </tr>
  );
}

function Chooser({ view }: { view: IncidentDraft }) {
  return (
    <form method="get" action={`${incidentHref(view.incident.id)}/3500a`} class="inline-fields">
      {view.devices.length > 1 && (
        <div class="field">
          <label for="device">Device</label>
          <select id="device" name="device">
            {view.devices.map((tag) => (
              <option value={tag} selected={tag === view.assetTag}>
                {tag}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for="followUp">Follow-up number (0 for the initial report)</label>
        <input id="followUp" name="followUp" type="number" min="0" max="99" value={String(view.followUp)} />
      </div>
      <button type="submit">Show</button>
    </form>
  );
}

/**
 * The MedWatch 3500A draft as a printable page: every block with its id and value, what 21 CFR
 * 803.32 still expects, and the notes on anything withheld.
 */
export function MedwatchDraftPage({ view }: { view: IncidentDraft }) {
  const { draft, incident } = view;
  const query = draftQuery(view);
  return (
    <>
      <h1>
        MedWatch 3500A draft: <a href={incidentHref(incident.id)}>{incident.number}</a>
      </h1>
      <p class="draft-mark" role="note">
        DRAFT — not for submission as is
      </p>
      <p>
        {incident.title}. {view.followUp > 0 ? `Follow-up #${view.followUp}` : 'Initial report'}
        {view.assetTag ? <>, device {view.assetTag}</> : ', no device recorded'}. {draft.edition}, drafted{' '}
        {draft.generatedOn} from the record: review every block, and correct the record, not the copy.
      </p>
      <p class="no-print">
        <a href={`${incidentHref(incident.id)}/3500a.pdf${query}`}>Download the draft as PDF</a>{' '}
        <span class="muted">· use the browser's Print to print this page</span>
      </p>
      <Chooser view={view} />
      <FacilityGaps gaps={view.facilityGaps} />
      {draft.notes.length > 0 && (
        <section aria-labelledby="notes">
          <h2 id="notes">Notes</h2>
          <ul>
            {draft.notes.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="missing">
        <h2 id="missing">What 21 CFR 803.32 expects and the draft does not have yet</h2>
        {draft.missing.length === 0 ? (
          <p>Nothing: every block the regulation asks for is filled in.</p>
        ) : (
          <ul class="missing">
            {draft.missing.map((m) => (
              <li>
                <a href={`#${blockId(m.id)}`}>{m.id}</a> {m.label} <span class="muted">({m.rule})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {draft.sections.map((section) => (
        <section aria-labelledby={`section-${section.id}`} class="form-section">
          <h2 id={`section-${section.id}`}>
            {section.id}. {section.title}
          </h2>
          <table class="form-blocks">
            <thead>
              <tr>
                <th scope="col">Block</th>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {section.fields.map((f) => (
                <Field field={f} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
