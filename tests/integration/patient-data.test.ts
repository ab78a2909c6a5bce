import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentById } from '../../src/incidents/queries';
import { openIncident } from '../../src/incidents/record';
import { recordReportSent } from '../../src/incidents/reports-sent';
import { appWithInventory, deathWithDevice, now, pat } from '../support/incident-outputs';
import { textOf } from '../support/page-text';
import { signedIn, type WebClient } from '../support/web';

/**
 * Patient identifiers stay in the record: the coded identifier refuses what identifies a patient,
 * every output that leaves the record page withholds what the narrative filter recognises, and a
 * viewer does not see the patient section (minimum necessary).
 */

let web: ReturnType<typeof appWithInventory>;
let tech: WebClient;
let viewer: WebClient;
beforeEach(async () => {
  web = appWithInventory();
  tech = await signedIn(web.app, web.db, 'technician', 'Pat Tech');
  viewer = await signedIn(web.app, web.db, 'viewer', 'Val Viewer');
});
afterEach(() => web.close());

// What a person pasted from the EHR: every identifier here must stay inside the record.
const identifying = ['DOE^JANE', 'Doe, J.', '00412345', '123-45-6789', '03/04/1952', '(217) 555-0143'];
const pasted = {
  title: 'Pump stopped for DOE^JANE',
  location: 'ICU Bay 4',
  description:
    'Pt name: jane doe. Doe, J. was on the pump; MRN 00412345, SSN 123-45-6789, DOB 03/04/1952. ' +
    "Daughter's phone (217) 555-0143. Alaris PC Unit 8015 stopped mid-infusion.",
};

/** A reported death whose free text carries identifiers, sent to the FDA on 2026-11-24. */
function reportedWithIdentifiers() {
  const { id, number } = deathWithDevice(web.db, {
    ...pasted,
    eventAt: '2026-11-19T22:40',
    awareOn: '2026-11-20',
    outcome: 'death',
    deathOn: '2026-11-20',
  });
  recordReportSent(web.db, id, { recipient: 'FDA', sentOn: '2026-11-24' }, pat, now);
  return { id, number };
}

const expectWithheld = (text: string) => {
  for (const value of identifying) expect(text).not.toContain(value);
  expect(text.toLowerCase()).not.toContain('jane');
};

describe('the coded patient identifier, through the forms as a browser sends them', () => {
  it.each([
    ['DOE^JANE', 'a name'],
    ['Jane Doe', 'a name'],
    ['Doe, J.', 'a name'],
    ['MRN 00412345', 'a medical record number'],
    ['123456789', 'a medical record number'],
    ['123-45-6789', 'a social security number'],
    ['1952-03-04', 'a date of birth'],
  ])(
    'when %j is typed as the patient identifier, then it is refused, saying what to enter instead, and nothing typed is lost',
    async (value, kind) => {
      const res = await tech.submit('/incidents/new', '/incidents', {
        title: 'Pump stopped',
        outcome: 'malfunction',
        patientIdentifier: value,
        patientAge: '71 years',
      });
      expect(res.status).toBe(422);
      const page = await res.text();
      expect(textOf(page)).toContain(`looks like ${kind}`);
      expect(textOf(page)).toMatch(/enter a code .*PT-/);
      expect(page).toContain('value="71 years"');
      expect(web.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM incidents`)!.n).toBe(0);
    },
  );

  it('when the patient identifier is left empty, then the incident is recorded with none given', async () => {
    const res = await tech.submit('/incidents/new', '/incidents', {
      title: 'Pump stopped',
      outcome: 'malfunction',
    });
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').pop());
    expect(incidentById(web.db, id)!.patientIdentifier).toBeNull();
  });

  it('when an incident is open, then its form suggests a code made from its number, and the code is accepted', async () => {
    const { id, number } = openIncident(
      web.db,
      { title: 'Pump stopped', awareOn: '2026-11-20', outcome: 'malfunction' },
      pat,
      now,
    );
    const code = `PT-${number.slice(4)}`;
    expect(await (await tech.get(`/incidents/${id}`)).text()).toContain(code);
    const res = await tech.submit(`/incidents/${id}`, `/incidents/${id}/details`, {
      patientIdentifier: code,
    });
    expect(res.status).toBe(303);
    expect(incidentById(web.db, id)!.patientIdentifier).toBe(code);
  });

  it('when a name is typed into the identifier of an open incident, then the correction is refused with the reason', async () => {
    const { id } = openIncident(
      web.db,
      { title: 'Pump stopped', awareOn: '2026-11-20', outcome: 'malfunction' },
      pat,
      now,
    );
    const res = await tech.submit(`/incidents/${id}`, `/incidents/${id}/details`, {
      patientIdentifier: 'J. Doe',
    });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('looks like a name');
    expect(incidentById(web.db, id)!.patientIdentifier).toBeNull();
  });
});

describe('what leaves the record page', () => {
  it('when Form 3419 is shown or downloaded, then the descriptions withhold patient identifiers and keep the device', async () => {
    reportedWithIdentifiers();
    const page = textOf(await (await viewer.get('/reports/3419?year=2026')).text());
    expect(page).toContain('Alaris PC Unit 8015');
    expectWithheld(page);
    const csv = parse(await (await viewer.get('/reports/3419.csv?year=2026')).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(csv).toHaveLength(1);
    expectWithheld(csv[0]!.description!);
    expect(csv[0]!.description).toContain('[name withheld]');
  });

  it('when the incidents are exported as CSV, then titles withhold patient identifiers', async () => {
    reportedWithIdentifiers();
    const csv = await (await viewer.get('/incidents.csv')).text();
    expect(csv).toContain('Pump stopped for [name withheld]');
    expectWithheld(csv);
  });

  it.each(['fda', 'manufacturer'])(
    'when the investigation report is printed for the %s, then its free text withholds patient identifiers',
    async (recipient) => {
      const { id } = reportedWithIdentifiers();
      const page = textOf(await (await tech.get(`/incidents/${id}/report?for=${recipient}`)).text());
      expect(page).toContain('Alaris PC Unit 8015');
      expect(page).toContain('patient identifiers withheld');
      expectWithheld(page);
    },
  );

  it('when the investigation report is printed for the record, then it is the whole record, and the incident page links both', async () => {
    const { id } = reportedWithIdentifiers();
    expect(await (await tech.get(`/incidents/${id}/report`)).text()).toContain('00412345');
    const page = await (await tech.get(`/incidents/${id}`)).text();
    expect(page).toContain(`/incidents/${id}/report?for=fda`);
    expect(page).toContain(`/incidents/${id}/report?for=manufacturer`);
  });
});

describe('who sees the patient section', () => {
  const withPatient = () =>
    openIncident(
      web.db,
      {
        title: 'Pump stopped',
        awareOn: '2026-11-20',
        outcome: 'malfunction',
        patientIdentifier: 'PT-2026-0001',
        patientAge: '71 years',
        patientHistory: 'Type 2 diabetes.',
      },
      pat,
      now,
    ).id;

  it('when a viewer opens an incident or its report, then there is no patient section', async () => {
    const id = withPatient();
    for (const path of [`/incidents/${id}`, `/incidents/${id}/report`]) {
      const res = await viewer.get(path);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).not.toContain('id="patient"');
      expect(page).not.toContain('PT-2026-0001');
      expect(page).not.toContain('Type 2 diabetes');
      expect(page).not.toContain('71 years');
    }
  });

  it('when a technician opens the same incident and report, then the patient section is there', async () => {
    const id = withPatient();
    for (const path of [`/incidents/${id}`, `/incidents/${id}/report`]) {
      const page = await (await tech.get(path)).text();
      expect(page).toContain('id="patient"');
      expect(page).toContain('PT-2026-0001');
      expect(page).toContain('Type 2 diabetes');
    }
  });
});
