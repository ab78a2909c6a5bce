import type { Address, MedwatchInput, SeriousOutcome } from './input';

/** How the 3500A writes values: dates as dd-Mmm-yyyy, yes/no, joined parts, its own labels. */

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `YYYY-MM-DD` (or an ISO date-time) → `dd-Mmm-yyyy`; null if it is not a real calendar day. */
export function formDate(value: string | undefined): string | null {
  const m = value?.trim().match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${m[3]}-${months[month - 1]}-${m[1]}`;
}

export const text = (value: string | undefined | null): string | null => {
  const t = value?.trim();
  return t ? t : null;
};
export const yesNo = (value: boolean | undefined) => (value === undefined ? null : value ? 'Yes' : 'No');
export const joined = (parts: (string | null | undefined)[], sep = ', ') =>
  text(parts.filter(Boolean).join(sep));

export function address(a: Address | undefined): string | null {
  if (!a) return null;
  const cityLine = joined([a.city, joined([a.state, a.postalCode], ' ')]);
  return joined([a.street, cityLine, a.country]);
}

export const seriousLabels: Record<SeriousOutcome, string> = {
  life_threatening: 'Life-threatening',
  hospitalization: 'Hospitalization (initial or prolonged)',
  disability: 'Disability or permanent damage',
  congenital_anomaly: 'Congenital anomaly/birth defect',
  required_intervention: 'Required intervention to prevent permanent impairment/damage (devices)',
  other_serious: 'Other serious (important medical events)',
};
export const locationLabels = {
  hospital: 'Hospital',
  home: 'Home',
  nursing_home: 'Nursing home',
  outpatient_treatment: 'Outpatient treatment facility',
  outpatient_diagnostic: 'Outpatient diagnostic facility',
  ambulatory_surgical: 'Ambulatory surgical facility',
  other: 'Other',
} as const;
export const operatorLabels = {
  health_professional: 'Health professional',
  lay_user_patient: 'Lay user/patient',
  other: 'Other',
} as const;

/** F9: how old the device was at the event, from its manufacture or first use. */
export function deviceAge(d: MedwatchInput['device'], eventOn: string | undefined): string | null {
  const start = [d?.manufacturedOn, d?.inServiceOn].filter((x) => formDate(x)).sort()[0];
  if (!start || !formDate(eventOn)) return null;
  const [sy, sm] = start.slice(0, 7).split('-').map(Number) as [number, number];
  const [ey, em] = eventOn!.trim().slice(0, 7).split('-').map(Number) as [number, number];
  const total = (ey - sy) * 12 + (em - sm);
  if (total < 0) return null;
  if (total < 12) return `${total} month${total === 1 ? '' : 's'}`;
  const years = Math.floor(total / 12);
  return `${years} year${years === 1 ? '' : 's'}`;
}
