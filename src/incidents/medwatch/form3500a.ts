import type { Address, MedwatchInput, SeriousOutcome } from './input';
import { patientIdentifier, withholdNames } from './names';

/**
 * The MedWatch Form FDA 3500A as a user facility fills it in for a device event: sections A
 * (patient), B (adverse event or product problem), D (suspect medical device), E (initial
 * reporter) and F (for use by user facility/importer). C (drugs), G and H (manufacturers) are
 * not a user facility's to complete.
 *
 * Numbering follows the 4/16 edition of the form and its instructions ("Form FDA 3500A
 * Supplement (4/16)"), whose blocks 21 CFR 803.32 lists element by element. Where the form packs
 * several entries into one block, this draft splits them and says so in the id:
 * - D4 holds model, catalog, serial, lot, expiration date, UDI and "other #"; here `D4.model`,
 *   `D4.catalog` and so on. A software version has no block of its own; it goes into `D4.other`.
 * - E1 holds the reporter's name, address, phone and e-mail in one field.
 * - B2's check boxes become one line ("Death (12-Mar-2026); Life-threatening").
 * - A5 (ethnicity and race), added in later editions, is left out: 803.32 does not ask for it
 *   and it is more about the patient than the form needs.
 * Dates are written dd-mmm-yyyy, as the instructions ask (12 October 2016 → 12-Oct-2016).
 *
 * Patient names: 803.32(a)(1) allows "name or other identifier", but the form's instructions ask
 * for initials or another identifier, never the name, and Vigil holds no names. So: the input has
 * no name field and only the fields it declares are read, so a name carried on the object under
 * some other property never reaches the draft; an A1 value that looks like a full name or an SSN
 * is withheld and its words blanked from the narratives; and the narratives (B5, B6, B7, D11) lose
 * titled names ("Mrs. Alvarez"), "patient name: …" phrases and SSN-shaped numbers (see names.ts).
 * That is a safety net, not a guarantee; the notes say what was withheld.
 */

export type DraftField = { id: string; label: string; value: string | null };
export type DraftSection = { id: 'A' | 'B' | 'D' | 'E' | 'F'; title: string; fields: DraftField[] };
/** A field the FDA expects (21 CFR 803.32) that the draft does not have yet. */
export type MissingField = { id: string; label: string; rule: string };

export type Draft3500A = {
  title: string;
  edition: string;
  /** When the draft was made, `YYYY-MM-DD`. */
  generatedOn: string;
  sections: DraftSection[];
  missing: MissingField[];
  /** What was withheld or could not be read, for the page to show beside the draft. */
  notes: string[];
};

export const draftTitle = 'MedWatch FDA 3500A — DRAFT, not for submission as is';
const edition = 'Form FDA 3500A (4/16)';

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

const text = (value: string | undefined | null): string | null => {
  const t = value?.trim();
  return t ? t : null;
};
const yesNo = (value: boolean | undefined) => (value === undefined ? null : value ? 'Yes' : 'No');
const joined = (parts: (string | null | undefined)[], sep = ', ') => text(parts.filter(Boolean).join(sep));

function address(a: Address | undefined): string | null {
  if (!a) return null;
  const cityLine = joined([a.city, joined([a.state, a.postalCode], ' ')]);
  return joined([a.street, cityLine, a.country]);
}

const seriousLabels: Record<SeriousOutcome, string> = {
  life_threatening: 'Life-threatening',
  hospitalization: 'Hospitalization (initial or prolonged)',
  disability: 'Disability or permanent damage',
  congenital_anomaly: 'Congenital anomaly/birth defect',
  required_intervention: 'Required intervention to prevent permanent impairment/damage (devices)',
  other_serious: 'Other serious (important medical events)',
};
const locationLabels = {
  hospital: 'Hospital',
  home: 'Home',
  nursing_home: 'Nursing home',
  outpatient_treatment: 'Outpatient treatment facility',
  outpatient_diagnostic: 'Outpatient diagnostic facility',
  ambulatory_surgical: 'Ambulatory surgical facility',
  other: 'Other',
} as const;
const operatorLabels = {
  health_professional: 'Health professional',
  lay_user_patient: 'Lay user/patient',
  other: 'Other',
} as const;

function deviceAge(d: MedwatchInput['device'], eventOn: string | undefined): string | null {
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

/**
 * Builds the 3500A draft from what the investigation knows. Pure: the same input and date give
 * the same draft; `generatedAt` is the only clock it reads.
 */
export function draft3500A(input: MedwatchInput, generatedAt: Date = new Date()): Draft3500A {
  const { event = {}, patient = {}, device = {}, facility = {}, initialReporter: reporter = {} } = input;
  const notes: string[] = [];
  const missing: MissingField[] = [];

  const dateField = (id: string, label: string, value: string | undefined): DraftField => {
    const v = formDate(value);
    if (text(value) && !v)
      notes.push(`${id} ${label}: "${value}" is not a date (YYYY-MM-DD) and was left blank.`);
    return { id, label, value: v };
  };

  // A1: an identifier, never a name.
  const { identifier, nameWords } = patientIdentifier(patient.identifier);
  if (nameWords.length) {
    notes.push('A1 looked like a name or a social security number and was withheld: use a code instead.');
  }
  const narrative = (id: string, label: string, value: string | undefined): DraftField => {
    const s = withholdNames(value, nameWords);
    if (s.removed) notes.push(`${id} ${label}: ${s.removed} possible patient name(s) or number(s) withheld.`);
    return { id, label, value: s.value };
  };

  const outcome = event.outcome;
  const adverse = outcome === 'death' || outcome === 'serious_injury';
  const problem = event.productProblem ?? (outcome === 'malfunction' ? true : undefined);
  const b1 = joined([adverse ? 'Adverse event' : null, problem ? 'Product problem' : null], '; ');
  const b2 = joined(
    [
      outcome === 'death' ? `Death${formDate(event.deathOn) ? ` (${formDate(event.deathOn)})` : ''}` : null,
      ...(event.seriousOutcomes ?? []).map((o) => seriousLabels[o]),
    ],
    '; ',
  );

  const sections: DraftSection[] = [
    {
      id: 'A',
      title: 'Patient information',
      fields: [
        { id: 'A1', label: 'Patient identifier', value: identifier },
        {
          id: 'A2',
          label: 'Age at time of event',
          value: patient.age ? `${patient.age.value} ${patient.age.unit}` : null,
        },
        {
          id: 'A3',
          label: 'Sex',
          value: patient.sex ? (patient.sex === 'female' ? 'Female' : 'Male') : null,
        },
        {
          id: 'A4',
          label: 'Weight',
          value: patient.weight ? `${patient.weight.value} ${patient.weight.unit}` : null,
        },
      ],
    },
    {
      id: 'B',
      title: 'Adverse event or product problem',
      fields: [
        { id: 'B1', label: 'Adverse event and/or product problem', value: b1 },
        { id: 'B2', label: 'Outcome attributed to adverse event', value: b2 },
        dateField('B3', 'Date of event', event.occurredOn),
        dateField('B4', 'Date of this report', facility.reportDate),
        narrative('B5', 'Describe event or problem', event.description),
        narrative('B6', 'Relevant tests/laboratory data, including dates', event.relevantTests),
        narrative(
          'B7',
          'Other relevant history, including preexisting medical conditions',
          event.relevantHistory,
        ),
      ],
    },
    {
      id: 'D',
      title: 'Suspect medical device',
      fields: [
        { id: 'D1', label: 'Brand name', value: text(device.brandName) },
        { id: 'D2a', label: 'Common device name', value: text(device.commonName) },
        { id: 'D2b', label: 'Procode', value: text(device.productCode)?.toUpperCase() ?? null },
        {
          id: 'D3',
          label: 'Manufacturer name, city and state',
          value: joined([device.manufacturerName, address(device.manufacturerAddress)]),
        },
        { id: 'D4.model', label: 'Model #', value: text(device.model) },
        { id: 'D4.lot', label: 'Lot #', value: text(device.lot) },
        { id: 'D4.catalog', label: 'Catalog #', value: text(device.catalog) },
        dateField('D4.expiry', 'Expiration date', device.expiresOn),
        { id: 'D4.serial', label: 'Serial #', value: text(device.serial) },
        { id: 'D4.udi', label: 'Unique identifier (UDI) #', value: text(device.udi) },
        {
          id: 'D4.other',
          label: 'Other #',
          value: joined([
            device.otherNumber,
            text(device.softwareVersion) ? `Software version ${text(device.softwareVersion)}` : null,
          ]),
        },
        {
          id: 'D5',
          label: 'Operator of device',
          value: device.operator
            ? device.operator === 'other' && text(device.operatorOther)
              ? `Other: ${text(device.operatorOther)}`
              : operatorLabels[device.operator]
            : null,
        },
        dateField('D6', 'If implanted, give date', device.implantedOn),
        dateField('D7', 'If explanted, give date', device.explantedOn),
        {
          id: 'D8',
          label: 'Is this a single-use device that was reprocessed and reused on a patient?',
          value: yesNo(device.singleUseReprocessed),
        },
        {
          id: 'D9',
          label: 'If yes to D8, name and address of reprocessor',
          value: joined([device.reprocessorName, address(device.reprocessorAddress)]),
        },
        {
          id: 'D10',
          label: 'Device available for evaluation? (Do not send to FDA)',
          value: formDate(device.returnedToManufacturerOn)
            ? `Returned to manufacturer on ${formDate(device.returnedToManufacturerOn)}`
            : yesNo(device.availableForEvaluation),
        },
        narrative('D11', 'Concomitant medical products and therapy dates', event.concomitantProducts),
      ],
    },
    {
      id: 'E',
      title: 'Initial reporter',
      fields: [
        {
          id: 'E1',
          label: 'Name, address, phone and e-mail',
          value: joined([reporter.name, address(reporter.address), reporter.phone, reporter.email], '; '),
        },
        { id: 'E2', label: 'Health professional?', value: yesNo(reporter.healthProfessional) },
        { id: 'E3', label: 'Occupation', value: text(reporter.occupation) },
        {
          id: 'E4',
          label: 'Initial reporter also sent report to FDA',
          value: reporter.alsoSentToFda
            ? { yes: 'Yes', no: 'No', unknown: 'Unknown' }[reporter.alsoSentToFda]
            : null,
        },
      ],
    },
    {
      id: 'F',
      title: 'For use by user facility/importer (devices only)',
      fields: [
        { id: 'F1', label: 'User facility or importer', value: 'User facility' },
        { id: 'F2', label: 'UF/importer report number', value: text(facility.reportNumber) },
        {
          id: 'F3',
          label: 'User facility or importer name/address',
          value: joined([facility.name, address(facility.address)]),
        },
        { id: 'F4', label: 'Contact person', value: text(facility.contactPerson) },
        { id: 'F5', label: 'Phone number', value: text(facility.phone) },
        dateField('F6', 'Date user facility or importer became aware of event', event.awareOn),
        {
          id: 'F7',
          label: 'Type of report',
          value:
            facility.reportType === 'follow_up'
              ? `Follow-up${facility.followUpNumber ? ` #${facility.followUpNumber}` : ''}`
              : facility.reportType === 'initial'
                ? 'Initial'
                : null,
        },
        dateField('F8', 'Date of this report', facility.reportDate),
        { id: 'F9', label: 'Approximate age of device', value: deviceAge(device, event.occurredOn) },
        {
          id: 'F10',
          label: 'Event problem codes (patient code; device code)',
          value: joined(
            [
              event.patientProblemCodes?.length ? `Patient: ${event.patientProblemCodes.join(', ')}` : null,
              event.deviceProblemCodes?.length ? `Device: ${event.deviceProblemCodes.join(', ')}` : null,
            ],
            '; ',
          ),
        },
        {
          id: 'F11',
          label: 'Report sent to FDA?',
          value: formDate(facility.sentToFdaOn) ? `Yes, ${formDate(facility.sentToFdaOn)}` : null,
        },
        {
          id: 'F12',
          label: 'Location where event occurred',
          value: event.location
            ? event.location === 'other' && text(event.locationOther)
              ? `Other: ${text(event.locationOther)}`
              : locationLabels[event.location]
            : null,
        },
        {
          id: 'F13',
          label: 'Report sent to manufacturer?',
          value: formDate(facility.sentToManufacturerOn)
            ? `Yes, ${formDate(facility.sentToManufacturerOn)}`
            : null,
        },
        {
          id: 'F14',
          label: 'Manufacturer name/address',
          value: joined([device.manufacturerName, address(device.manufacturerAddress)]),
        },
      ],
    },
  ];

  const byId = new Map(sections.flatMap((s) => s.fields.map((f) => [f.id, f] as const)));
  const expect = (id: string, rule: string, when = true) => {
    const f = byId.get(id);
    if (when && f && f.value === null) missing.push({ id, label: f.label, rule });
  };
  for (const [id, rule] of expected) expect(id, rule);
  // Conditional blocks: asked for only when the facts make them apply.
  expect('B2', '21 CFR 803.32(b)(2)', adverse);
  expect('D6', '21 CFR 803.32(c)', device.implanted === true);
  expect('D9', '21 CFR 803.32(c)', device.singleUseReprocessed === true);
  if (outcome === 'death' && !formDate(event.deathOn)) {
    missing.push({ id: 'B2', label: 'Date of death', rule: '21 CFR 803.32(b)(2)' });
  }
  if (facility.reportType === 'follow_up' && !facility.followUpNumber) {
    missing.push({ id: 'F7', label: 'Follow-up number', rule: '21 CFR 803.32(e)(7)' });
  }
  if (b1 === null && outcome && !adverse && problem === undefined) {
    notes.push(
      `B1: a ${outcome.replace('_', ' ')} is neither an adverse event nor, as recorded, a product problem.`,
    );
  }

  return {
    title: draftTitle,
    edition,
    generatedOn: generatedAt.toISOString().slice(0, 10),
    sections,
    missing,
    notes,
  };
}

/** The elements 21 CFR 803.32 asks a user facility for "if known", by the block they fill. */
const expected: [string, string][] = [
  ['A1', '21 CFR 803.32(a)(1)'],
  ['A2', '21 CFR 803.32(a)(2)'],
  ['A3', '21 CFR 803.32(a)(3)'],
  ['A4', '21 CFR 803.32(a)(4)'],
  ['B1', '21 CFR 803.32(b)(1)'],
  ['B3', '21 CFR 803.32(b)(3)'],
  ['B4', '21 CFR 803.32(b)(4)'],
  ['B5', '21 CFR 803.32(b)(5)'],
  ['B6', '21 CFR 803.32(b)(6)'],
  ['B7', '21 CFR 803.32(b)(7)'],
  ['D1', '21 CFR 803.32(c)'],
  ['D2a', '21 CFR 803.32(c)'],
  ['D2b', '21 CFR 803.32(c)'],
  ['D3', '21 CFR 803.32(c)'],
  ['D4.model', '21 CFR 803.32(c)'],
  ['D4.catalog', '21 CFR 803.32(c)'],
  ['D4.serial', '21 CFR 803.32(c)'],
  ['D4.lot', '21 CFR 803.32(c)'],
  ['D4.expiry', '21 CFR 803.32(c)'],
  ['D4.udi', '21 CFR 803.32(c)'],
  ['D5', '21 CFR 803.32(c)'],
  ['D8', '21 CFR 803.32(c)'],
  ['D10', '21 CFR 803.32(c)'],
  ['E1', '21 CFR 803.32(d)'],
  ['E2', '21 CFR 803.32(d)'],
  ['E3', '21 CFR 803.32(d)'],
  ['F2', '21 CFR 803.32(e)(2)'],
  ['F3', '21 CFR 803.32(e)(3)'],
  ['F4', '21 CFR 803.32(e)(4)'],
  ['F5', '21 CFR 803.32(e)(5)'],
  ['F6', '21 CFR 803.32(e)(6)'],
  ['F7', '21 CFR 803.32(e)(7)'],
  ['F8', '21 CFR 803.32(e)(8)'],
  ['F9', '21 CFR 803.32(e)(9)'],
  ['F10', '21 CFR 803.32(e)(10)'],
  ['F12', '21 CFR 803.32(e)(12)'],
  ['F14', '21 CFR 803.32(e)(14)'],
];
