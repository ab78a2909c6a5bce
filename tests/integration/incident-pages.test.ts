import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/audit/log';
import { textOf } from '../support/page-text';
import { openCasesFrom } from '../support/recall-cases';
import { signedIn, testWebApp, type WebClient } from '../support/web';

const hostile = '<script>alert(1)</script>';
const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
// Friday 20 November 2026; Thanksgiving (26 November) is not a work day.
const now = new Date('2026-11-20T15:00:00.000Z');

let web: ReturnType<typeof testWebApp>;
let tech: WebClient;
beforeEach(async () => {
  web = testWebApp({ now: () => now });
  await openCasesFrom(web.db, () => now);
  tech = await signedIn(web.app, web.db, 'technician', 'Pat Tech');
});
afterEach(() => web.close());

const death = {
  title: 'Infusion stopped without alarm',
  eventAt: '2026-11-19T22:40',
  awareOn: '2026-11-20',
  outcome: 'death',
  location: 'ICU Bay 4',
  reporter: 'Dana Nurse',
  description: 'Pump stopped; no occlusion alarm sounded.',
  patientIdentifier: 'INC-PT-1',
  patientAge: '71 years',
  patientSex: 'female',
  patientWeightKg: '80',
};

/** Records an incident through the form, as a technician would, and returns its page's path. */
async function record(fields: Record<string, string> = death): Promise<string> {
  await tech.get('/incidents/new');
  const res = await tech.post('/incidents', fields);
  expect(res.status).toBe(303);
  const path = res.headers.get('location')!;
  expect(path).toMatch(/^\/incidents\/\d+$/);
  return path;
}

async function html(client: WebClient, path: string, status = 200) {
  const res = await client.get(path);
  expect(res.status).toBe(status);
  return res.text();
}

describe('incident pages', () => {
  it('when a device-related death is recorded and decided, then the page shows the 10-work-day deadline, the reasoning, and the inbox shows it due', async () => {
    const path = await record();
    await tech.get(path);
    expect((await tech.post(`${path}/devices`, { assetTag: 'BME-1001' })).status).toBe(303);
    expect(
      (await tech.post(`${path}/reportability`, { contributed: 'yes', manufacturerKnown: 'yes' })).status,
    ).toBe(303);
    const page = await html(tech, path);
    expect(page).toContain('Reportable: MedWatch 3500A to the FDA and the manufacturer');
    expect(textOf(page)).toContain(
      'from these facts: event type death; a device may have caused or contributed; manufacturer known; aware on 2026-11-20.',
    );
    expect(page).toContain('2026-12-07');
    expect(page).toContain('803.30(a)(1)');
    expect(page).toContain('10 work days left');
    const inbox = await html(tech, '/');
    expect(inbox).toContain('MedWatch 3500A to the FDA');
    expect(inbox).toContain('due 2026-12-07, in 10 work days');
    expect(inbox).not.toContain('OVERDUE');
  });

  it('when a report is late, then the inbox, the list and the incident say OVERDUE as an alert, until it is recorded as sent', async () => {
    const path = await record({ ...death, eventAt: '2026-10-01T08:00', awareOn: '2026-10-01' });
    await tech.get(path);
    await tech.post(`${path}/reportability`, { contributed: 'yes', manufacturerKnown: 'no' });
    for (const where of ['/', '/incidents', path]) {
      const page = await html(tech, where);
      expect(page).toMatch(/role="alert"[\s\S]*OVERDUE/);
    }
    await tech.get(path);
    const sent = await tech.post(`${path}/reports`, {
      recipient: 'FDA',
      sentOn: '2026-11-19',
      reportNumber: '',
    });
    expect(sent.status).toBe(303);
    expect(await html(tech, '/')).not.toContain('OVERDUE');
    const page = await html(tech, path);
    expect(page).toContain('FACILITY-2026-0001');
    expect(page).toContain('sent 2026-11-19');
  });

  it('when a death is recorded but not decided yet, then the inbox asks for the decision with its deadline', async () => {
    await record();
    expect(await html(tech, '/')).toContain('Reportability decision (a death or serious injury)');
  });

  it('when a serious injury is recorded through the form with its outcomes, then the 3500A draft fills B2 and E2 and asks for neither', async () => {
    const res = await tech.submit('/incidents/new', '/incidents', {
      title: 'Burn under the grounding pad',
      outcome: 'serious_injury',
      seriousOutcomes: ['hospitalization', 'required_intervention'],
      reporter: 'Dana Nurse',
      reporterOccupation: 'Registered nurse',
      reporterHealthProfessional: 'yes',
      reporterAlsoSentToFda: 'unknown',
    });
    expect(res.status).toBe(303);
    const path = res.headers.get('location')!;
    const page = textOf(await html(tech, path));
    expect(page).toContain(
      'Outcomes attributed to the event Hospitalization (initial or prolonged); Required intervention to prevent permanent impairment/damage (devices)',
    );
    await tech.submit(`${path}?device=BME-1001`, `${path}/devices`);
    const draft = textOf(await html(tech, `${path}/3500a`));
    expect(draft).toContain(
      'B2 Outcome attributed to adverse event Hospitalization (initial or prolonged); Required intervention to prevent permanent impairment/damage (devices)',
    );
    expect(draft).toContain('E2 Health professional? Yes');
    const missing = draft.slice(
      draft.indexOf('What 21 CFR 803.32 expects'),
      draft.indexOf('A. Patient information'),
    );
    expect(missing).toContain('A1 Patient identifier');
    expect(missing).not.toMatch(/\bB2\b/);
    expect(missing).not.toMatch(/\bE2\b/);

    // Corrected later with a box unticked: the record keeps only what is ticked.
    const corrected = await tech.submit(path, `${path}/details`, {
      seriousOutcomes: ['hospitalization'],
    });
    expect(corrected.status).toBe(303);
    expect(textOf(await html(tech, path))).toContain(
      'Outcomes attributed to the event Hospitalization (initial or prolonged) ',
    );
  });

  it('when outcomes are ticked for a malfunction, then the form is refused with the boxes still ticked', async () => {
    const res = await tech.submit('/incidents/new', '/incidents', {
      title: 'Alarm failed',
      outcome: 'malfunction',
      seriousOutcomes: ['life_threatening'],
    });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(textOf(page)).toContain(
      'outcomes attributed to the event (block B2) are recorded for a death or a serious injury only',
    );
    expect(page).toMatch(/name="seriousOutcomes" value="life_threatening" checked=""/);
  });

  it('when a device is looked for as one types, then the inventory search finds it by tag, serial or model, whatever the case', async () => {
    const path = await record();
    const id = path.split('/').pop();
    const choices = async (q: string) =>
      textOf(
        await (await tech.htmx(`/incidents/${id}/device-choices?device=${encodeURIComponent(q)}`)).text(),
      );
    expect(await choices('bme-1001')).toContain('Add BME-1001');
    expect(await choices('12840771')).toContain('Add BME-1001'); // its serial number
    expect(await choices('alaris')).toContain('Add BME-1001');
    expect(await choices('no such pump')).toContain('No asset in the inventory matches “no such pump”.');
    // Without script, the search comes back as the page with the same choices.
    const page = await (await tech.get(`${path}?device=mx450`)).text();
    expect(textOf(page)).toMatch(/Add BME-1004 Philips Medical Systems IntelliVue MX450/);
    // A tag typed in the wrong case is still the asset.
    expect((await tech.post(`${path}/devices`, { assetTag: 'bme-1001' })).status).toBe(303);
    expect(textOf(await (await tech.get(path)).text())).toContain('BME-1001');
    const unknown = await tech.post(`${path}/devices`, { assetTag: 'BME-9999' });
    expect(unknown.status).toBe(422);
    expect(textOf(await unknown.text())).toContain(
      'There is no asset BME-9999 in the inventory: search by its tag, serial number or model.',
    );
  });

  it('when a step is sent without its answer or with a wrong number, then it is refused at once with the reason, and nothing is recorded', async () => {
    const path = await record();
    const history = historyOf(web.db, 'incident', path.split('/').pop()!).length;
    // The form for a report sent is offered once reportability is decided: answered in a later step.
    const refusals: [string, Record<string, string>, string][] = [
      ['state', { to: '' }, 'Choose the state to move to.'],
      [
        'reportability',
        { contributed: 'yes', manufacturerKnown: '' },
        'Answer whether the manufacturer is known.',
      ],
      [
        'reportability',
        { contributed: 'maybe', manufacturerKnown: 'no' },
        'Answer whether a device may have caused or contributed.',
      ],
    ];
    for (const [step, fields, reason] of refusals) {
      const res = await tech.post(`${path}/${step}`, fields);
      expect(res.status, step).toBe(422);
      const page = textOf(await res.text());
      expect(page, step).toContain(reason);
    }
    expect(historyOf(web.db, 'incident', path.split('/').pop()!)).toHaveLength(history);
    await tech.post(`${path}/reportability`, { contributed: 'yes', manufacturerKnown: 'yes' });
    const report = { recipient: 'fda', sentOn: '2026-11-20', followUp: 'two', note: 'kept note' };
    const res = await tech.post(`${path}/reports`, report);
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(textOf(page)).toContain('The follow-up number is a whole number.');
    expect(page).toContain('kept note');
    expect(textOf(page)).toContain('No report is recorded as sent.');
  });

  it('when the form is wrong, then it says why and keeps everything typed', async () => {
    await tech.get('/incidents/new');
    const res = await tech.post('/incidents', { ...death, awareOn: '2026-11-18', description: 'kept text' });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('cannot have become aware before the event happened');
    expect(page).toContain('kept text');
    expect(page).toContain('value="Infusion stopped without alarm"');
  });

  it('when the investigation is worked through, then analysis, actions and states follow the rules and every step is in the history', async () => {
    const path = await record();
    const id = path.split('/').pop()!;
    await tech.get(path);
    await tech.post(`${path}/method`, { method: 'RCA²' });
    await tech.post(`${path}/analysis`, { kind: 'timeline', at: '2026-11-19T22:40', text: 'Pump stopped' });
    await tech.post(`${path}/analysis`, {
      kind: 'why',
      text: 'Why did no alarm sound? The sensor was blocked.',
    });
    await tech.post(`${path}/analysis`, { kind: 'factor', category: 'equipment', text: 'Worn door latch' });
    expect((await tech.post(`${path}/state`, { to: 'analysis' })).status).toBe(303);
    const early = await tech.post(`${path}/state`, { to: 'actions' });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('Write at least one causal statement before planning actions.');
    await tech.post(`${path}/analysis`, {
      kind: 'causal_statement',
      text: 'A worn latch let the door open.',
    });
    expect((await tech.post(`${path}/state`, { to: 'actions' })).status).toBe(303);
    await tech.post(`${path}/actions`, {
      text: 'Replace latches on all pumps',
      strength: 'stronger',
      owner: 'Biomed lead',
      dueOn: '2026-12-15',
      measure: 'Zero latch failures at PM',
    });
    const closing = await tech.post(`${path}/state`, { to: 'closed' });
    expect(closing.status).toBe(422);
    expect(await closing.text()).toContain('Decide reportability before closing.');
    const page = await html(tech, path);
    for (const text of [
      'RCA²',
      'Pump stopped',
      'Worn door latch',
      'A worn latch let the door open.',
      'Replace latches on all pumps',
      'Zero latch failures at PM',
    ])
      expect(page).toContain(text);
    expect(historyOf(web.db, 'incident', id).map((h) => h.action)).toContain('incident.state');
    expect(page).toContain('moved the investigation to actions');
  });

  it('when a device is sequestered and evidence logged, then the chain of custody lists who, when and why', async () => {
    const path = await record();
    await tech.get(path);
    await tech.post(`${path}/devices`, { assetTag: 'BME-1001' });
    expect(
      (await tech.post(`${path}/devices/BME-1001/sequester`, { where: 'Biomed cage 2', why: 'evidence' }))
        .status,
    ).toBe(303);
    await tech.post(`${path}/custody`, {
      item: 'Tubing set',
      at: '2026-11-20T09:00',
      who: 'Dana Nurse',
      action: 'handed to biomed',
      why: 'kept as found',
    });
    const page = await html(tech, path);
    expect(page).toContain('sequestered in Biomed cage 2');
    expect(page).toContain('Tubing set');
    expect(page).toContain('handed to biomed');
    const missing = await tech.post(`${path}/custody`, {
      item: 'Bag',
      at: '2026-11-20T09:00',
      who: 'X',
      action: 'kept',
      why: '',
    });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Say why, for the chain of custody.');
  });

  it('when a recall matches the device, then it is shown as already known and can be linked as evidence', async () => {
    const path = await record();
    await tech.get(path);
    await tech.post(`${path}/devices`, { assetTag: 'BME-1001' });
    const page = await html(tech, path);
    expect(page).toContain('href="/recalls/Z-2101-2024"');
    expect((await tech.post(`${path}/links`, { kind: 'recall', key: 'Z-2101-2024' })).status).toBe(303);
    const after = await html(tech, path);
    expect(after).toContain('Recall Z-2101-2024</a>');
    const unknown = await tech.post(`${path}/links`, { kind: 'recall', key: 'Z-0000-0000' });
    expect(unknown.status).toBe(422);
  });

  it('when hostile text is entered, then every page shows it escaped', async () => {
    const path = await record({ ...death, title: hostile, description: hostile, location: hostile });
    await tech.get(path);
    await tech.post(`${path}/devices`, { assetTag: 'BME-1001' });
    await tech.post(`${path}/devices/BME-1001`, { model: hostile, errorCodes: hostile });
    await tech.post(`${path}/analysis`, { kind: 'why', text: hostile });
    for (const where of [path, '/incidents', '/inventory/BME-1001']) {
      const page = await html(tech, where);
      expect(page).toContain(escaped);
      expect(page).not.toContain(hostile);
    }
  });
});

describe('who may do what with incidents', () => {
  it('when a viewer reads, then every page opens, but no form is offered and every change is refused', async () => {
    const path = await record();
    const viewer = await signedIn(web.app, web.db, 'viewer');
    expect(await html(viewer, '/incidents')).not.toContain('Record an incident');
    const page = await html(viewer, path);
    expect(page).not.toContain(`action="${path}/details"`);
    await html(viewer, '/incidents/new', 403);
    for (const step of [
      'details',
      'devices',
      'custody',
      'analysis',
      'actions',
      'state',
      'reportability',
      'reports',
      'links',
      'archive',
    ])
      expect((await viewer.post(`${path}/${step}`, {})).status).toBe(403);
  });

  it('when a technician tries to archive, then it is refused; an administrator archives and restores, and nothing is deleted', async () => {
    const path = await record({ ...death, outcome: 'malfunction' });
    await tech.get(path);
    expect((await tech.post(`${path}/archive`, { why: 'duplicate' })).status).toBe(403);
    const admin = await signedIn(web.app, web.db, 'admin');
    await admin.get(path);
    expect((await admin.post(`${path}/archive`, { why: 'duplicate entry' })).status).toBe(303);
    expect(await html(admin, '/incidents')).not.toContain(death.title);
    expect(await html(admin, '/incidents?archived=1')).toContain(death.title);
    const archived = await html(admin, path);
    expect(archived).toContain('Archived on');
    await tech.get(path);
    const change = await tech.post(`${path}/analysis`, { kind: 'why', text: 'late' });
    expect(change.status).toBe(422);
    expect(await change.text()).toContain('is archived: restore it before changing it');
    await admin.get(path);
    expect((await admin.post(`${path}/restore`)).status).toBe(303);
    expect(await html(admin, '/incidents')).toContain(death.title);
  });

  it('when an incident still owes a report or holds a device, then it cannot be archived', async () => {
    const path = await record();
    const admin = await signedIn(web.app, web.db, 'admin');
    await admin.get(path);
    await admin.post(`${path}/devices`, { assetTag: 'BME-1001' });
    await admin.post(`${path}/devices/BME-1001/sequester`, { where: 'cage', why: 'evidence' });
    await admin.post(`${path}/reportability`, { contributed: 'yes', manufacturerKnown: 'yes' });
    const held = await admin.post(`${path}/archive`, { why: 'done' });
    expect(held.status).toBe(422);
    expect(await held.text()).toContain('BME-1001 is still sequestered: release it first');
    await admin.post(`${path}/devices/BME-1001/release`, { why: 'done' });
    const owed = await admin.post(`${path}/archive`, { why: 'done' });
    expect(owed.status).toBe(422);
    expect(await owed.text()).toContain('is not recorded as sent');
  });

  it('when a form is posted without its CSRF token, then it is refused and nothing changes', async () => {
    const path = await record();
    await tech.get(path);
    const res = await tech.post(`${path}/analysis`, { kind: 'why', text: 'forged', _csrf: 'wrong' });
    expect(res.status).toBe(403);
    expect(await html(tech, path)).not.toContain('forged');
  });

  it('when nobody is signed in, then the incident pages send them to sign in', async () => {
    const res = await web.app.request('/incidents');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/login');
  });
});
