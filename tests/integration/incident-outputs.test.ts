import crypto from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { addAction, addAnalysis } from '../../src/incidents/analysis';
import { addDevice, sequester, updateDevice } from '../../src/incidents/devices';
import { addIncidentFile, linkEvidence, logCustody } from '../../src/incidents/evidence';
import { setFacility } from '../../src/incidents/facility';
import type { ReportabilityDecision } from '../../src/incidents/reportability';
import { recordReportSent } from '../../src/incidents/reports-sent';
import {
  appWithInventory,
  block,
  death,
  deathWithDevice,
  fullFacility,
  now,
  page,
  pat,
} from '../support/incident-outputs';
import { textOf } from '../support/page-text';
import { drawnText } from '../support/pdf-text';
import { openCasesFrom } from '../support/recall-cases';
import { signedIn, type WebClient } from '../support/web';

const script = '<script>alert(1)</script>';
const img = '"><img src=x onerror=alert(1)>';

let web: ReturnType<typeof appWithInventory>;
let db: Db;
let viewer: WebClient;
beforeEach(async () => {
  web = appWithInventory();
  db = web.db;
  viewer = await signedIn(web.app, db, 'viewer', 'Viv Viewer');
});
afterEach(() => web.close());

describe('the MedWatch 3500A draft', () => {
  it('when an incident is reported, then the page shows every block from the record, what is missing and the DRAFT mark', async () => {
    setFacility(db, fullFacility, pat, now);
    const { id } = deathWithDevice(db);
    recordReportSent(db, id, { recipient: 'FDA', sentOn: '2026-11-24' }, pat, now);
    const html = await page(viewer, `/incidents/${id}/3500a`);
    expect(block(html, 'A1')).toBe('A1 Patient identifier PT-0001');
    expect(block(html, 'A2')).toBe('A2 Age at time of event 71 years');
    expect(block(html, 'A3')).toBe('A3 Sex Female');
    expect(block(html, 'A4')).toBe('A4 Weight 80 kg');
    expect(block(html, 'B5')).toContain('no occlusion alarm sounded');
    expect(block(html, 'D3')).toBe('D3 Manufacturer name, city and state BD');
    expect(block(html, 'D4.model')).toBe('D4.model Model # Alaris PC Unit 8015');
    expect(block(html, 'D4.serial')).toBe('D4.serial Serial # 12840771');
    expect(block(html, 'F2')).toBe('F2 UF/importer report number 1234567-2026-0001');
    expect(block(html, 'F6')).toBe('F6 Date user facility or importer became aware of event 20-Nov-2026');
    expect(block(html, 'F11')).toBe('F11 Report sent to FDA? Yes, 24-Nov-2026');
    // Empty blocks say so, and the missing list names them with the rule.
    expect(block(html, 'D1')).toBe('D1 Brand name — (empty)');
    expect(textOf(html)).toContain('D1 Brand name (21 CFR 803.32(c))');
    expect(html).toContain('class="draft-mark"');
    expect(textOf(html)).toContain('DRAFT — not for submission as is');
    expect(html).toContain(`href="/incidents/${id}/3500a.pdf"`);
    expect(html).not.toContain('href="/admin/facility"');
  });

  it("when the facility's details are incomplete, then the page says which and links to where they are kept", async () => {
    const { id } = deathWithDevice(db);
    const html = await page(viewer, `/incidents/${id}/3500a`);
    expect(textOf(html)).toMatch(/The facility's details are incomplete \(facility name, .*phone missing\)/);
    expect(html).toContain('href="/admin/facility"');
    expect(block(html, 'F2')).toBe('F2 UF/importer report number FACILITY-2026-0001');
  });

  it('when the incident has several devices, then a chooser picks one, and a follow-up can be drafted', async () => {
    const { id } = deathWithDevice(db);
    addDevice(db, id, 'BME-1002', pat, now);
    const first = await page(viewer, `/incidents/${id}/3500a`);
    expect(first).toMatch(/<select id="device" name="device">[\s\S]*BME-1001[\s\S]*BME-1002/);
    expect(block(first, 'D4.model')).toContain('Alaris PC Unit 8015');
    const second = await page(viewer, `/incidents/${id}/3500a?device=BME-1002&followUp=1`);
    expect(block(second, 'D4.model')).toContain('LIFEPAK 1000');
    expect(block(second, 'F7')).toBe('F7 Type of report Follow-up #1');
    expect(second).toContain(`href="/incidents/${id}/3500a.pdf?device=BME-1002&amp;followUp=1"`);
    expect(textOf(await page(viewer, `/incidents/${id}/3500a?device=BME-9999`, 404))).toContain(
      'has no device BME-9999.',
    );
    expect(textOf(await page(viewer, `/incidents/${id}/3500a?followUp=first`, 422))).toContain(
      'A follow-up is numbered 1 to 99; 0 is the initial report.',
    );
  });

  it('when the incident does not exist, then the page and the PDF are 404', async () => {
    expect(textOf(await page(viewer, '/incidents/999/3500a', 404))).toContain('There is no incident 999.');
    expect((await viewer.get('/incidents/999/3500a.pdf')).status).toBe(404);
    expect((await viewer.get('/incidents/999/report')).status).toBe(404);
  });

  it('when the PDF is downloaded, then it is an attachment named for the incident, with the values from the record', async () => {
    const { id, number } = deathWithDevice(db);
    const res = await viewer.get(`/incidents/${id}/3500a.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${number}-3500A-draft.pdf"`);
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = drawnText(pdf).join('\n');
    expect(text).toContain('Alaris PC Unit 8015');
    expect(text).toContain('12840771');
    expect(text).toContain('20-Nov-2026');
  });
});

describe('hostile text in the outputs', () => {
  async function hostileIncident() {
    const { id } = deathWithDevice(db, {
      ...death,
      title: `Pump ${script}`,
      description: `Found ${img} then ${script}; nurse wrote Пациент 患者 🙂`,
      location: img,
    });
    updateDevice(db, id, 'BME-1001', { brandName: script, model: img, serialNumber: '12840771' }, pat, now);
    addAnalysis(db, id, { kind: 'why', text: img }, pat, now);
    return id;
  }

  it('when the record holds markup, then the 3500A page and the report show it as text', async () => {
    const id = await hostileIncident();
    for (const pathname of [`/incidents/${id}/3500a`, `/incidents/${id}/report`]) {
      const html = await page(viewer, pathname);
      expect(html).not.toContain(script);
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
      expect(textOf(html)).toContain(`Pump ${script}`);
    }
  });

  it('when the record holds markup and characters the PDF font lacks, then the PDF still renders them as text', async () => {
    const id = await hostileIncident();
    const res = await viewer.get(`/incidents/${id}/3500a.pdf`);
    expect(res.status).toBe(200);
    const pdf = new Uint8Array(await res.arrayBuffer());
    await expect(PDFDocument.load(pdf)).resolves.toBeDefined();
    const text = drawnText(pdf).join(' ');
    expect(text).toContain(script);
    expect(text).toContain(img);
    expect(text).toContain('nurse wrote ??? ??');
  });
});

describe('the investigation report', () => {
  it('when printed, then it holds the whole record: devices, custody, evidence, analysis, actions, the reasoning and the reports sent', async () => {
    setFacility(db, fullFacility, pat, now);
    const { id, decision } = deathWithDevice(db);
    sequester(db, id, 'BME-1001', { where: 'Biomed cage 2', why: 'Hold for the manufacturer' }, pat, now);
    logCustody(
      db,
      id,
      { item: 'Tubing set', at: '2026-11-20T08:15', who: 'Sam Biomed', action: 'bagged', why: 'Evidence' },
      pat,
      now,
    );
    const photo = new File([Buffer.from('photo as found')], 'pump.jpg', { type: 'image/jpeg' });
    await addIncidentFile(db, web.deps.evidence, id, photo, 'Pump as found', pat, now);
    await openCasesFrom(db, () => now, 'recalls.json', false);
    linkEvidence(db, id, { kind: 'recall', key: 'Z-2101-2024', note: 'Same pump model' }, pat, now);
    addAnalysis(db, id, { kind: 'timeline', at: '2026-11-19T22:10', text: 'Bag hung' }, pat, now);
    addAnalysis(db, id, { kind: 'why', text: 'The alarm did not sound' }, pat, now);
    addAnalysis(db, id, { kind: 'why', text: 'The sensor was occluded' }, pat, now);
    addAnalysis(db, id, { kind: 'factor', category: 'people', text: 'Night shift short-staffed' }, pat, now);
    addAnalysis(db, id, { kind: 'factor', category: 'equipment', text: 'Old sensor firmware' }, pat, now);
    addAnalysis(db, id, { kind: 'causal_statement', text: 'Old firmware let the sensor fail' }, pat, now);
    addAction(
      db,
      id,
      {
        text: 'Update pump firmware fleet-wide',
        strength: 'stronger',
        owner: 'Biomed lead',
        dueOn: '2027-01-15',
        measure: 'All pumps on v12',
      },
      pat,
      now,
    );
    recordReportSent(db, id, { recipient: 'FDA', sentOn: '2026-11-24' }, pat, now);
    recordReportSent(
      db,
      id,
      { recipient: 'manufacturer', recipientName: 'BD', sentOn: '2026-11-25' },
      pat,
      now,
    );

    // The event file's patient section is for those who investigate; a viewer does not see it.
    const tech = await signedIn(web.app, db, 'technician', 'Tia Tech');
    const text = textOf(await page(tech, `/incidents/${id}/report`));
    expect(text).toContain('Printed 2026-12-10 15:00 UTC. Printed by Tia Tech.');
    expect(text).toContain('Identifier PT-0001 Age 71 years Sex female Weight 80 kg');
    expect(text).toContain('Sequestered');
    expect(text).toContain('in Biomed cage 2; still held.');
    expect(text).toContain('Serial number 12840771');
    expect(text).toContain('2026-11-20 08:15 Tubing set Sam Biomed bagged Evidence');
    const sha = crypto.createHash('sha256').update('photo as found').digest('hex');
    expect(text).toContain(`Pump as found pump.jpg 14 ${sha}`);
    expect(text).toContain('Recall Z-2101-2024: CareFusion 303, Inc.: ');
    expect(text).toContain('Why: Same pump model Linked by Pat Tech, 2026-12-10 15:00 UTC');
    expect(text).toMatch(/Five whys 1?\s*The alarm did not sound\s+The sensor was occluded/);
    expect(text).toMatch(/Equipment Old sensor firmware People Night shift short-staffed/);
    expect(text).toContain('Old firmware let the sensor fail');
    expect(text).toContain(
      'Update pump firmware fleet-wide stronger Biomed lead 2027-01-15 planned All pumps on v12',
    );
    for (const sentence of (decision as ReportabilityDecision).reasoning) expect(text).toContain(sentence);
    expect(text).toContain('Decided 2026-12-10 15:00 UTC by Pat Tech');
    expect(text).toContain('FDA 2026-11-24 1234567-2026-0001 Initial');
    expect(text).toContain('manufacturer (BD) 2026-11-25 1234567-2026-0001 Initial');
    expect(text).toContain('Records kept until 2028-11-19');
    expect(text).toContain('Archived No');
  });

  it('when a report is still owed, then the report says so', async () => {
    const { id } = deathWithDevice(db);
    recordReportSent(db, id, { recipient: 'FDA', sentOn: '2026-11-24' }, pat, now);
    const text = textOf(await page(viewer, `/incidents/${id}/report`));
    expect(text).toMatch(/Not recorded as sent: the report to the manufacturer \(due 2026-12-0\d\)/);
  });
});
