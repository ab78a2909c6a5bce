import { describe, expect, it } from 'vitest';
import type { incidents } from '../../../src/db/schema';
import { keepUntil } from '../../../src/incidents/archive';
import { draft3500A } from '../../../src/incidents/medwatch/form3500a';
import { type FormSource, medwatchInputOf } from '../../../src/incidents/medwatch/from-record';

const incident: typeof incidents.$inferSelect = {
  id: 1,
  number: 'INC-2026-0001',
  title: 'Infusion stopped without alarm',
  eventAt: '2026-11-19T22:40',
  awareOn: '2026-11-20',
  reporter: 'Dana Nurse',
  reporterOccupation: 'Registered nurse',
  location: 'ICU Bay 4',
  outcome: 'death',
  harm: 'death',
  sentinel: true,
  description: 'Pump stopped; no occlusion alarm sounded.',
  deathOn: '2026-11-20',
  seriousOutcomes: ['life_threatening'],
  reporterHealthProfessional: true,
  reporterAlsoSentToFda: 'no',
  relevantTests: null,
  concomitantProducts: null,
  patientProblemCodes: '2645',
  deviceProblemCodes: '1069, 2993',
  patientIdentifier: 'PT-1',
  patientAge: '71 years',
  patientSex: 'female',
  patientWeightKg: '80.5',
  patientHistory: 'Heart failure',
  state: 'open',
  deviceMayHaveContributed: true,
  manufacturerKnown: true,
  reportability: null,
  decidedBy: null,
  decidedAt: null,
  method: null,
  archivedAt: null,
  archivedWhy: null,
  createdBy: 'Pat',
  createdAt: '2026-11-20T15:00:00.000Z',
  updatedAt: '2026-11-20T15:00:00.000Z',
};

const source: FormSource = {
  incident,
  device: {
    assetTag: 'BME-1001',
    details: {
      manufacturer: 'Acme',
      model: 'FM-2',
      serialNumber: 'S1',
      singleUseReprocessed: 'no',
      operator: 'health_professional',
    },
  },
  facility: {
    name: 'General Hospital',
    city: 'Springfield',
    number: '1234567',
    contactName: 'Chris Lead',
    phone: '555-0100',
  },
  reports: [],
  suggestedNumber: '1234567-2026-0001',
  today: '2026-11-21',
};

const fieldsOf = (s: FormSource, followUp = 0) =>
  Object.fromEntries(
    draft3500A(medwatchInputOf(s, followUp), new Date('2026-11-21T10:00:00Z')).sections.flatMap((x) =>
      x.fields.map((f) => [f.id, f.value]),
    ),
  );

describe('the 3500A drafted from a stored incident', () => {
  it('when the record is complete, then each block carries the value the record holds', () => {
    const f = fieldsOf(source);
    expect(f).toMatchObject({
      A1: 'PT-1',
      A2: '71 years',
      A3: 'Female',
      A4: '80.5 kg',
      B2: 'Death (20-Nov-2026); Life-threatening',
      B3: '19-Nov-2026',
      B5: 'Pump stopped; no occlusion alarm sounded.',
      B7: 'Heart failure',
      'D4.model': 'FM-2',
      'D4.serial': 'S1',
      'D4.other': 'Asset tag BME-1001',
      D5: 'Health professional',
      D8: 'No',
      F2: '1234567-2026-0001',
      F6: '20-Nov-2026',
      F7: 'Initial',
      F10: 'Patient: 2645; Device: 1069, 2993',
      E1: 'Dana Nurse; Springfield; 555-0100',
      E2: 'Yes',
      E3: 'Registered nurse',
      E4: 'No',
    });
  });

  it('when reports were sent, then their number and dates are printed, and a follow-up says which', () => {
    const sent = (recipient: 'FDA' | 'manufacturer', sentOn: string) => ({
      id: 1,
      incidentId: 1,
      recipient,
      recipientName: null,
      sentOn,
      reportNumber: '1234567-2026-0009',
      followUp: 0,
      note: null,
      recordedBy: 'Pat',
      recordedAt: sentOn,
    });
    const f = fieldsOf(
      { ...source, reports: [sent('FDA', '2026-11-24'), sent('manufacturer', '2026-11-25')] },
      2,
    );
    expect(f).toMatchObject({
      F2: '1234567-2026-0009',
      F7: 'Follow-up #2',
      F11: 'Yes, 24-Nov-2026',
      F13: 'Yes, 25-Nov-2026',
    });
  });

  it('when the age is not in the stored form, then A2 is left empty rather than guessed', () => {
    expect(fieldsOf({ ...source, incident: { ...incident, patientAge: 'about seventy' } }).A2).toBeNull();
  });
});

describe('what 21 CFR 803.32 asks, for each event type', () => {
  /** A record holding everything a user facility knows of an event, as the pages let it be kept. */
  const complete = (
    outcome: FormSource['incident']['outcome'],
    more: Partial<FormSource['incident']> = {},
  ) => ({
    ...source,
    incident: {
      ...incident,
      outcome,
      deathOn: outcome === 'death' ? '2026-11-20' : null,
      seriousOutcomes: null,
      relevantTests: 'Potassium 5.9 mmol/L at 22:00',
      concomitantProducts: 'None',
      ...more,
    },
    device: {
      assetTag: 'BME-1001',
      details: {
        brandName: 'Flowmaster',
        commonName: 'Infusion pump',
        productCode: 'FRN',
        manufacturer: 'Acme',
        manufacturerAddress: '1 Pump Way, Dayton OH',
        model: 'FM-2',
        catalogNumber: 'FM-2-100',
        serialNumber: 'S1',
        lot: 'L7',
        expiry: '2029-01-31',
        udi: '(01)00812345678905(21)S1',
        operator: 'health_professional',
        singleUseReprocessed: 'no',
        availableForEvaluation: 'yes',
        inServiceOn: '2022-03-01',
      },
    },
    facility: { ...source.facility, street: '100 Main St', state: 'IL', postalCode: '62701' },
  });
  const missing = (s: FormSource) =>
    draft3500A(medwatchInputOf(s), new Date('2026-11-21T10:00:00Z')).missing.map((m) => m.id);

  it('when a death is fully recorded, then nothing the FDA expects is missing', () => {
    expect(missing(complete('death'))).toEqual([]);
  });

  it('when a serious injury names its outcomes (B2), then nothing is missing; without them B2 is', () => {
    expect(
      missing(complete('serious_injury', { seriousOutcomes: ['hospitalization', 'required_intervention'] })),
    ).toEqual([]);
    expect(missing(complete('serious_injury'))).toEqual(['B2']);
  });

  it.each(['malfunction', 'near_miss', 'use_error'] as const)(
    'when a %s is fully recorded, then nothing is missing, and B2 is not asked for',
    (outcome) => {
      expect(missing(complete(outcome))).toEqual([]);
    },
  );

  it('when a near miss records no device problem, then B1 has nothing to tick and a note says why', () => {
    const s = complete('near_miss', { deviceProblemCodes: null });
    expect(missing(s)).toEqual(['B1']);
    expect(draft3500A(medwatchInputOf(s)).notes).toContain(
      'B1: a near miss is neither an adverse event nor, as recorded, a product problem.',
    );
  });

  it('when whether the reporter is a health professional (E2) or also told the FDA (E4) is not recorded, then each is missing', () => {
    expect(
      missing(complete('malfunction', { reporterHealthProfessional: null, reporterAlsoSentToFda: null })),
    ).toEqual(['E2', 'E4']);
  });
});

describe('how long the record is kept', () => {
  it.each([
    [{ eventAt: '2026-11-19T22:40', awareOn: '2026-11-20' }, '2028-11-19'],
    [{ eventAt: null, awareOn: '2026-03-01' }, '2028-03-01'],
    [{ eventAt: '2024-02-29T10:00', awareOn: '2024-02-29' }, '2026-03-01'],
  ])('when the event was %o, then it is kept until at least %s', (incident, until) => {
    expect(keepUntil(incident)).toBe(until);
  });
});
