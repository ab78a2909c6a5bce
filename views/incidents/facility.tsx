import type { Facility, FacilityKey } from '../../src/incidents/facility';
import { Csrf } from '../shared/layout';

export type FacilityView = { values: Facility; gaps: string[]; saved: boolean; csrf: string; error?: string };

/** What each detail is, as the forms (3500A section F, Form 3419 items 1–6) ask for it. */
const fields: Record<FacilityKey, { label: string; hint?: string; type?: string; autocomplete?: string }> = {
  name: { label: 'Facility name', autocomplete: 'organization' },
  number: {
    label: 'CMS provider number or FDA-assigned number',
    hint: 'It begins every user facility report number (1234567-2026-0001).',
  },
  street: { label: 'Street address', autocomplete: 'street-address' },
  city: { label: 'City', autocomplete: 'address-level2' },
  state: { label: 'State', autocomplete: 'address-level1' },
  postalCode: { label: 'ZIP code', autocomplete: 'postal-code' },
  country: { label: 'Country', autocomplete: 'country-name' },
  contactName: { label: 'Contact person', hint: 'Who answers the FDA about these reports.' },
  contactTitle: { label: "Contact person's position title" },
  phone: { label: 'Phone', type: 'tel' },
  email: { label: 'E-mail', type: 'email' },
};

/** Forms need the facility's details; say which are missing and where they are kept. */
export function FacilityGaps({ gaps }: { gaps: string[] }) {
  if (gaps.length === 0) return null;
  return (
    <div class="alert" role="status">
      The facility's details are incomplete ({gaps.join(', ')} missing), so the forms lack them too. An admin
      keeps them on <a href="/admin/facility">the facility's details</a>.
    </div>
  );
}

/** The facility's details, kept by an admin, printed on every 3500A and on Form 3419. */
export function FacilityPage({ view }: { view: FacilityView }) {
  return (
    <>
      <h1>The facility's details</h1>
      <p>
        What the MedWatch 3500A (section F) and Form FDA 3419 (items 1–6) say about the reporting facility.
      </p>
      {view.saved && (
        <p class="notice" role="status">
          Saved.
        </p>
      )}
      {view.error && (
        <p class="alert" role="alert">
          Not saved: {view.error}
        </p>
      )}
      {view.gaps.length > 0 && <p>Still missing: {view.gaps.join(', ')}.</p>}
      <form method="post" action="/admin/facility" class="stack">
        <Csrf token={view.csrf} />
        {(Object.keys(fields) as FacilityKey[]).map((key) => {
          const f = fields[key];
          return (
            <div class="field">
              <label for={`facility-${key}`}>{f.label}</label>
              <input
                id={`facility-${key}`}
                name={key}
                type={f.type ?? 'text'}
                value={view.values[key] ?? ''}
                maxlength={300}
                autocomplete={f.autocomplete}
                class="wide"
                aria-describedby={f.hint ? `facility-${key}-hint` : undefined}
              />
              {f.hint && (
                <span class="muted" id={`facility-${key}-hint`}>
                  {f.hint}
                </span>
              )}
            </div>
          );
        })}
        <button type="submit">Save</button>
      </form>
    </>
  );
}
