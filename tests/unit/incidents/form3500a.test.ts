import { describe, expect, it } from 'vitest';
import { type Draft3500A, draft3500A, formDate } from '../../../src/incidents/medwatch/form3500a';
import type { MedwatchInput } from '../../../src/incidents/medwatch/input';

const generatedAt = new Date('2026-03-16T09:30:00Z');

/** An infusion-pump free-flow death, reported by the hospital's risk manager. */
const death: MedwatchInput = {
  event: {
    outcome: 'death',
    deathOn: '2026-03-05',
    seriousOutcomes: ['life_threatening'],
    productProblem: true,
    occurredOn: '2026-03-04',
    awareOn: '2026-03-05T08:15:00-05:00',
    description: 'Pump delivered the full bag of heparin in 20 minutes; no occlusion alarm sounded.',
    relevantTests: 'aPTT > 150 s at 14:05 on 04 Mar 2026.',
    relevantHistory: 'Atrial fibrillation; chronic kidney disease stage 3.',
    location: 'hospital',
    patientProblemCodes: ['E2006'],
    deviceProblemCodes: ['A0401'],
  },
  patient: {
    identifier: 'INC-2026-014',
    age: { value: 71, unit: 'years' },
    sex: 'female',
    weight: { value: 68, unit: 'kg' },
  },
  device: {
    brandName: 'Alaris',
    commonName: 'Pump, infusion',
    productCode: 'frn',
    manufacturerName: 'CareFusion 303, Inc.',
    manufacturerAddress: { city: 'San Diego', state: 'CA' },
    model: '8100',
    catalog: '8100',
    serial: '12345678',
    lot: 'L2291',
    expiresOn: '2027-01-31',
    udi: '(01)10885403810016(21)12345678',
    softwareVersion: '12.1.2',
    operator: 'health_professional',
    singleUseReprocessed: false,
    availableForEvaluation: true,
    manufacturedOn: '2019-06-10',
  },
  facility: {
    name: 'St. Example Medical Center',
    address: { street: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' },
    contactPerson: 'Dana Risk',
    phone: '+1 217 555 0100',
    reportNumber: '1234567890-2026-0001',
    reportType: 'initial',
    reportDate: '2026-03-16',
    sentToFdaOn: '2026-03-17',
  },
  initialReporter: {
    name: 'Sam Nurse',
    address: { city: 'Springfield', state: 'IL' },
    phone: '+1 217 555 0111',
    healthProfessional: true,
    occupation: 'Registered nurse',
    alsoSentToFda: 'no',
  },
};

const field = (d: Draft3500A, id: string) =>
  d.sections.flatMap((s) => s.fields).find((f) => f.id === id)?.value;
const everything = (d: Draft3500A) => JSON.stringify(d);

describe('the 3500A draft', () => {
  const d = draft3500A(death, generatedAt);

  it('when built, then it has sections A, B, D, E, F in form order and the generated day', () => {
    expect(d.sections.map((s) => s.id)).toEqual(['A', 'B', 'D', 'E', 'F']);
    expect(d.generatedOn).toBe('2026-03-16');
    expect(d.title).toBe('MedWatch FDA 3500A — DRAFT, not for submission as is');
  });

  it.each([
    ['A1', 'INC-2026-014'],
    ['A2', '71 years'],
    ['A3', 'Female'],
    ['A4', '68 kg'],
    ['B1', 'Adverse event; Product problem'],
    ['B2', 'Death (05-Mar-2026); Life-threatening'],
    ['B3', '04-Mar-2026'],
    ['B4', '16-Mar-2026'],
    ['B5', 'Pump delivered the full bag of heparin in 20 minutes; no occlusion alarm sounded.'],
    ['D1', 'Alaris'],
    ['D2a', 'Pump, infusion'],
    ['D2b', 'FRN'],
    ['D3', 'CareFusion 303, Inc., San Diego, CA'],
    ['D4.model', '8100'],
    ['D4.serial', '12345678'],
    ['D4.expiry', '31-Jan-2027'],
    ['D4.udi', '(01)10885403810016(21)12345678'],
    ['D4.other', 'Software version 12.1.2'],
    ['D5', 'Health professional'],
    ['D6', null],
    ['D8', 'No'],
    ['D10', 'Yes'],
    ['E1', 'Sam Nurse; Springfield, IL; +1 217 555 0111'],
    ['E2', 'Yes'],
    ['E4', 'No'],
    ['F1', 'User facility'],
    ['F2', '1234567890-2026-0001'],
    ['F3', 'St. Example Medical Center, 1 Main St, Springfield, IL 62701'],
    ['F6', '05-Mar-2026'],
    ['F7', 'Initial'],
    ['F8', '16-Mar-2026'],
    ['F9', '6 years'],
    ['F10', 'Patient: E2006; Device: A0401'],
    ['F11', 'Yes, 17-Mar-2026'],
    ['F12', 'Hospital'],
    ['F13', null],
    ['F14', 'CareFusion 303, Inc., San Diego, CA'],
  ])('when a device-related death is drafted, then %s is %j', (id, value) => {
    expect(field(d, id)).toBe(value);
  });

  it('when every field the FDA expects is known, then nothing is missing and nothing is withheld', () => {
    expect(d.missing).toEqual([]);
    expect(d.notes).toEqual([]);
  });
});

describe('what is missing', () => {
  const missingIds = (input: MedwatchInput) => draft3500A(input, generatedAt).missing.map((m) => m.id);

  it.each<[string, MedwatchInput, string[], string[]]>([
    [
      'an empty record',
      {},
      ['A1', 'A2', 'B1', 'B3', 'B5', 'D1', 'D3', 'D4.serial', 'E1', 'F2', 'F6', 'F7', 'F14'],
      ['B2', 'D6', 'D9'],
    ],
    ['a death without its date', { event: { ...death.event, deathOn: undefined } }, ['B2'], []],
    ['a serious injury without outcomes', { event: { outcome: 'serious_injury' } }, ['B2'], []],
    ['a malfunction (no outcome to report)', { event: { outcome: 'malfunction' } }, [], ['B1', 'B2']],
    ['an implant without its date', { device: { implanted: true } }, ['D6'], []],
    ['a reprocessed single-use device', { device: { singleUseReprocessed: true } }, ['D9'], []],
    ['a follow-up without its number', { facility: { reportType: 'follow_up' } }, ['F7'], []],
  ])('when %s, then the missing list has what applies and not what does not', (_, input, has, hasNot) => {
    const ids = missingIds(input);
    for (const id of has) expect(ids).toContain(id);
    for (const id of hasNot) expect(ids).not.toContain(id);
  });

  it('when a field is missing, then the rule asking for it is named', () => {
    const m = draft3500A({}, generatedAt).missing.find((x) => x.id === 'F6');
    expect(m).toEqual({
      id: 'F6',
      label: 'Date user facility or importer became aware of event',
      rule: '21 CFR 803.32(e)(6)',
    });
  });

  it('when a date is not a date, then it is left blank and a note says why', () => {
    const d = draft3500A({ event: { occurredOn: 'last Tuesday' } }, generatedAt);
    expect(field(d, 'B3')).toBeNull();
    expect(d.notes.join(' ')).toContain('"last Tuesday" is not a date');
  });
});

describe('dates as the form wants them (dd-mmm-yyyy)', () => {
  it.each([
    ['2016-10-12', '12-Oct-2016'],
    ['2024-02-29', '29-Feb-2024'],
    ['2023-02-29', null],
    ['2026-03-05T23:59:00-08:00', '05-Mar-2026'],
    ['', null],
    [undefined, null],
  ])('when %j, then %j', (input, out) => expect(formDate(input)).toBe(out));
});

/**
 * The rule: no patient name reaches the draft. The input has no name field and only known fields
 * are read; A1 must be an identifier (a value that looks like a full name or an SSN is withheld,
 * and its words are blanked from the narratives); titled names, "patient name: …" phrases and
 * SSN-shaped numbers are blanked from the narratives, with a note saying so.
 */
describe('patient names never appear', () => {
  it.each<[string, MedwatchInput, string[]]>([
    [
      'a name carried on the object in a property the form does not know',
      { ...death, patient: { ...death.patient, patientName: 'Maria Alvarez' } as MedwatchInput['patient'] },
      ['Alvarez'],
    ],
    [
      'a name typed as the identifier and repeated in the narrative',
      {
        patient: { identifier: 'Maria Alvarez' },
        event: { description: 'Alvarez was found unresponsive; maria alvarez had been on the pump 3 h.' },
      },
      ['Alvarez', 'alvarez', 'Maria', 'maria'],
    ],
    [
      'a surname and given name with a comma',
      { patient: { identifier: "O'Brien, Sean" }, event: { relevantHistory: "O'Brien has diabetes." } },
      ["O'Brien", 'Sean'],
    ],
    [
      'titled names and a labelled name in free text',
      {
        event: {
          description:
            'Mrs. Alvarez called the nurse. Patient name: Maria Alvarez. Mr Smith was the roommate.',
          relevantTests: 'SSN 123-45-6789 on the lab slip.',
        },
      },
      ['Alvarez', 'Smith', 'Maria', '123-45-6789'],
    ],
    ['an SSN as the identifier', { patient: { identifier: '123-45-6789' } }, ['123-45-6789']],
    ['a medical record number as the identifier', { patient: { identifier: 'MRN 00412' } }, ['00412']],
    ['an HL7 name as the identifier', { patient: { identifier: 'DOE^JANE' } }, ['DOE', 'JANE']],
  ])('when %s, then the name is not in the draft', (_, input, names) => {
    const d = draft3500A(input, generatedAt);
    const json = everything(d);
    for (const name of names) expect(json).not.toContain(name);
  });

  it('when the identifier is withheld, then A1 is blank, missing, and a note tells the user why', () => {
    const d = draft3500A({ patient: { identifier: 'Maria Alvarez' } }, generatedAt);
    expect(field(d, 'A1')).toBeNull();
    expect(d.missing.map((m) => m.id)).toContain('A1');
    expect(d.notes[0]).toMatch(/A1 looked like a name/);
  });

  it.each(['JA', 'J.A.', 'INC-2026-014', 'PT-2026-0014'])(
    'when the identifier is %j, then it is kept',
    (id) => {
      expect(field(draft3500A({ patient: { identifier: id } }, generatedAt), 'A1')).toBe(id);
    },
  );

  it('when a narrative names the clinician as Dr., then it is kept (staff are not the patient)', () => {
    const d = draft3500A({ event: { description: 'Dr. Patel stopped the infusion.' } }, generatedAt);
    expect(field(d, 'B5')).toBe('Dr. Patel stopped the infusion.');
  });
});
