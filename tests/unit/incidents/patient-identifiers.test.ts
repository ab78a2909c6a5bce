import { describe, expect, it } from 'vitest';
import {
  identifierProblem,
  suggestedPatientCode,
  withheldText,
  withholdNames,
} from '../../../src/incidents/patient-identifiers';

/**
 * The narrative filter, on the forms patient identifiers really take in incident write-ups, HL7
 * messages pasted from the EHR, and MAUDE-style upper-case narratives. Each row: the text, and
 * what must not survive the filter.
 */
const identifying: [string, string[]][] = [
  // Names as HL7 PID-5 writes them.
  ['Order for DOE^JANE was paused.', ['DOE', 'JANE']],
  ['PID|1||4412||SMITH^JOHN^A||M', ['SMITH', 'JOHN']],
  ["Pump assigned to O'BRIEN^SEAN at 14:00.", ["O'BRIEN", 'SEAN']],
  // Last, First and initials.
  ['Doe, J. was on the pump for 3 h.', ['Doe']],
  ['Found Alvarez, M. unresponsive.', ['Alvarez']],
  ['J. Doe was receiving heparin.', ['Doe']],
  ['The pump for M. Alvarez alarmed twice.', ['Alvarez']],
  ['Seen by the nurse, then K. Kowalski was moved to ICU.', ['Kowalski']],
  // Labels.
  ['Patient: Jane Doe, 71 years.', ['Jane', 'Doe']],
  ['pt name: jane doe was admitted on 11/18.', ['jane', 'doe']],
  ['Pt name - John Smith', ['John', 'Smith']],
  ['Name: Maria Alvarez', ['Maria', 'Alvarez']],
  ['PATIENT NAME: MARIA ALVAREZ. PUMP STOPPED.', ['MARIA', 'ALVAREZ']],
  ['Patient: Doe, Jane', ['Doe', 'Jane']],
  ['Pt: Kowalski', ['Kowalski']],
  ['patient name=jose garcia', ['jose', 'garcia']],
  // Titles.
  ['Mrs. Alvarez called the nurse.', ['Alvarez']],
  ['MR SMITH WAS THE ROOMMATE.', ['SMITH']],
  // Medical record numbers.
  ['MRN 00412345 on the wristband.', ['00412345']],
  ['MRN: 7781234', ['7781234']],
  ['MR# 5512398 was scanned.', ['5512398']],
  ['Medical record number 44120987.', ['44120987']],
  ['medical record no. A-0091823', ['0091823']],
  // Social security numbers.
  ['SSN 123-45-6789 on the lab slip.', ['123-45-6789']],
  ['ssn: 123456789', ['123456789']],
  ['Social security number 123 45 6789', ['123 45 6789']],
  ['Lab slip read 987-65-4321.', ['987-65-4321']],
  // Dates of birth.
  ['DOB 03/04/1952', ['03/04/1952']],
  ['D.O.B.: 1952-03-04', ['1952-03-04']],
  ['date of birth 4 March 1952', ['4 March 1952']],
  ['Born on March 4, 1952, she was admitted.', ['March 4, 1952']],
  ['dob: 3-4-52', ['3-4-52']],
  ['birth date 04.03.1952', ['04.03.1952']],
  // Phone numbers.
  ["Daughter's phone (217) 555-0143.", ['555-0143']],
  ['Call back on 217-555-0143.', ['217-555-0143']],
  ['cell: +1 217 555 0143', ['555 0143']],
];

/** Text that names devices, lots, event dates and staff roles: it must pass untouched. */
const harmless = [
  'Alaris PC Unit 8015 stopped mid-infusion.',
  'BD Alaris Pump Module 8100, serial 12840771, lot 20240615A.',
  'Catalog 2L3107, REF 10015456, UDI (01)00885403123456.',
  'The event happened on 2026-11-19 at 22:40.',
  'Event date 11/19/2026; the facility became aware on 11/20/2026.',
  'The nurse paused the pump and called biomed.',
  'Channel B. The alarm did not sound.',
  'Reported to the U.S. Food and Drug Administration.',
  'Patient Safety Event report filed.',
  'The patient was stable; no harm.',
  'Smiths Medical, ICU Medical and Baxter, Inc. were contacted.',
  'Dr. Patel stopped the infusion.',
  'Pressure 120/80, rate 125 mL/h, VTBI 1000 mL.',
  'Software version 12.1.3, error code 255-1.',
  'Model 8015, firmware 9.33.',
  'MAUDE report 1234567-2026-00012 describes the same fault.',
  'Sequestered in Biomed Room 2, shelf 4.',
  'Patient: 71 years, female, 80 kg.',
  'PATIENT: NO HARM. IT WAS REPORTED THAT THE PUMP ALARMED ON CHANNEL B. THE NURSE RESTARTED IT.',
  'Channels A, B. and C were tested; Brand name: Alaris.',
  'Device name: Alaris PC Unit; User name: biomed1.',
];

describe('the narrative filter', () => {
  it('has at least 30 identifying forms to check', () =>
    expect(identifying.length).toBeGreaterThanOrEqual(30));

  it.each(identifying)('when the text is %j, then the identifier is withheld', (text, gone) => {
    const { value, removed } = withholdNames(text, []);
    for (const g of gone) expect(value).not.toContain(g);
    expect(removed).toBeGreaterThan(0);
  });

  it.each(harmless)('when the text is %j, then it passes untouched', (text) => {
    expect(withholdNames(text, [])).toEqual({ value: text, removed: 0 });
  });

  it('when the stored identifier is a name, then its words are blanked wherever they stand', () => {
    expect(withheldText('Alvarez was found by the nurse.', 'Maria Alvarez')).not.toContain('Alvarez');
  });

  it('when the text is empty, then nothing is returned', () => {
    expect(withheldText('  ', null)).toBeNull();
  });
});

describe('the coded patient identifier', () => {
  it.each([
    ['Jane Doe', 'name'],
    ['DOE^JANE', 'name'],
    ['Doe, J.', 'name'],
    ['J. Doe', 'name'],
    ['jane', 'name'],
    ['SMITH', 'name'],
    ['Patient: Jane Doe', 'name'],
    ['MRN 00412', 'medical record number'],
    ['00412345', 'medical record number'],
    ['MR#5512398', 'medical record number'],
    ['123-45-6789', 'social security number'],
    ['SSN 123456789', 'social security number'],
    ['03/04/1952', 'date of birth'],
    ['1952-03-04', 'date of birth'],
    ['DOB 4 March 1952', 'date of birth'],
  ])('when the identifier is %j, then it is refused as a %s', (value, kind) => {
    expect(identifierProblem(value)).toBe(kind);
  });

  it.each(['PT-2026-0001', 'PT-INC-2026-0014', 'JD', 'J.D.', 'JMA', 'A-17', ''])(
    'when the identifier is %j, then it is accepted',
    (value) => expect(identifierProblem(value)).toBeNull(),
  );

  it('when an incident is numbered, then the suggested code is made from that number alone', () => {
    expect(suggestedPatientCode('INC-2026-0014')).toBe('PT-2026-0014');
    expect(identifierProblem(suggestedPatientCode('INC-2026-0014'))).toBeNull();
  });
});
