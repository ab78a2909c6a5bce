import { facilityDay } from '../../shared/clock';
import { patientIdentifier, withholdNames } from '../patient-identifiers';
import { missingFields } from './expected';
import {
  address,
  deviceAge,
  formDate,
  joined,
  locationLabels,
  operatorLabels,
  seriousLabels,
  text,
  yesNo,
} from './format';
import type { MedwatchInput } from './input';

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
 * some other property never reaches the draft; an A1 value that looks like a name, record number,
 * SSN or date of birth is withheld (a name's words are also blanked from the narratives); and the
 * narratives (B5, B6, B7, D11) lose the identifiers patient-identifiers.ts recognises.
 * That is a safety net, not a guarantee; the notes say what was withheld.
 */

export { formDate } from './format';

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
  if (!identifier && patient.identifier?.trim()) {
    notes.push(
      'A1 looked like a name, medical record number, social security number or date of birth and was withheld: use a code instead.',
    );
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

  missing.push(...missingFields(sections, input));
  if (b1 === null && outcome && !adverse && problem === undefined) {
    notes.push(
      `B1: a ${outcome.replace('_', ' ')} is neither an adverse event nor, as recorded, a product problem.`,
    );
  }

  return {
    title: draftTitle,
    edition,
    generatedOn: facilityDay(generatedAt),
    sections,
    missing,
    notes,
  };
}
