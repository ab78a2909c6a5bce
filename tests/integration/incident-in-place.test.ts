import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/audit/log';
import { incidentActions, incidentAnalysis } from '../../src/db/schema';
import { addAction, addAnalysis } from '../../src/incidents/analysis';
import { addDevice } from '../../src/incidents/devices';
import { openIncident } from '../../src/incidents/record';
import { openCasesFrom } from '../support/recall-cases';
import { signedIn, testWebApp, type WebClient } from '../support/web';

const hostile = '<script>alert(1)</script>';
const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
const now = new Date('2026-11-20T15:00:00.000Z');
const pat = { name: 'Pat Tech', userId: null };
const htmx = (target: string) => ({ headers: { 'HX-Request': 'true', 'HX-Target': target } });

let web: ReturnType<typeof testWebApp>;
let tech: WebClient;
let path: string;
let id: number;
beforeEach(async () => {
  web = testWebApp({ now: () => now });
  await openCasesFrom(web.db, () => now);
  tech = await signedIn(web.app, web.db, 'technician', 'Pat Tech');
  ({ id } = openIncident(
    web.db,
    { title: 'Pump free-flow', awareOn: '2026-11-20', outcome: 'serious_injury' },
    pat,
    now,
  ));
  path = `/incidents/${id}`;
});
afterEach(() => web.close());

const entries = (kind: string) =>
  web.db
    .select()
    .from(incidentAnalysis)
    .all()
    .filter((e) => e.kind === kind);
const add = (entry: Parameters<typeof addAnalysis>[2]) => {
  addAnalysis(web.db, id, entry, pat, now);
  return entries(entry.kind).at(-1)!.id;
};

describe('the root-cause analysis, edited in place', () => {
  it('when an entry is corrected with a plain form post, then the page shows it corrected and the history says so', async () => {
    const entry = add({ kind: 'timeline', at: '2026-11-19T22:10', text: 'Set changed' });
    const res = await tech.submit(`${path}?edit=entry:${entry}`, `${path}/analysis/${entry}`, {
      at: '2026-11-19T22:15',
      text: `Set changed by the night nurse ${hostile}`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${path}#analysis`);
    expect(entries('timeline')).toMatchObject([{ at: '2026-11-19T22:15' }]);
    const page = await (await tech.get(path)).text();
    expect(page).toContain(`Set changed by the night nurse ${escaped}`);
    expect(page).not.toContain(hostile);
    expect(historyOf(web.db, 'incident', String(id)).map((h) => h.action)).toContain(
      'incident.analysis_edited',
    );
    // The history names the kind of entry, not its text, which a viewer may not see.
    const history = page.slice(page.indexOf('id="history"'));
    expect(history).toContain('corrected an entry of the analysis (timeline)');
    expect(history).not.toContain('night nurse');
  });

  it('when an entry is corrected through htmx, then only the analysis section comes back, with the entry saved', async () => {
    const why = add({ kind: 'why', text: 'The clamp was open' });
    await tech.get(path);
    const form = await tech.get(`${path}/analysis?edit=entry:${why}`, htmx('analysis'));
    const fragment = await form.text();
    expect(fragment).toMatch(/^<section id="analysis"/);
    expect(fragment).toContain(`hx-post="${path}/analysis/${why}"`);
    const res = await tech.post(
      `${path}/analysis/${why}`,
      { text: 'The roller clamp was open', at: '', category: '' },
      htmx('analysis'),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('The roller clamp was open');
    expect(entries('why')).toMatchObject([{ position: 1, text: 'The roller clamp was open' }]);
  });

  it('when an entry is added through htmx, then the analysis section comes back with it, and a bad one with its reason', async () => {
    await tech.get(path);
    const res = await tech.post(
      `${path}/analysis`,
      { kind: 'factor', at: '', category: 'environment', text: 'Dim light in bay 4' },
      htmx('analysis'),
    );
    expect(res.status).toBe(200);
    const fragment = await res.text();
    expect(fragment).toMatch(/^<section id="analysis"/);
    expect(/<svg class="fishbone"[\s\S]*?<\/svg>/.exec(fragment)?.[0]).toContain('Dim light in bay 4');
    const bad = await tech.post(
      `${path}/analysis`,
      { kind: 'timeline', at: '', category: '', text: 'Alarm heard' },
      htmx('analysis'),
    );
    expect(bad.status).toBe(422);
    const again = await bad.text();
    expect(again).toContain('A timeline entry needs its time');
    expect(again).toContain('Alarm heard');
  });

  it('when a correction leaves the text empty, then the form comes back 422 with the reason and what was typed', async () => {
    const entry = add({ kind: 'timeline', at: '2026-11-19T22:10', text: 'Set changed' });
    await tech.get(path);
    const plain = await tech.post(`${path}/analysis/${entry}`, {
      at: '2026-11-19T23:45',
      text: '   ',
      category: '',
    });
    expect(plain.status).toBe(422);
    const page = await plain.text();
    expect(page).toContain('Write the entry first');
    expect(page).toContain('value="2026-11-19T23:45"');
    expect(page).toContain(`action="${path}/analysis/${entry}"`);

    const swapped = await tech.post(
      `${path}/analysis/${entry}`,
      { at: '2026-11-19T23:45', text: '' },
      htmx('analysis'),
    );
    expect(swapped.status).toBe(422);
    const fragment = await swapped.text();
    expect(fragment).toMatch(/^<section id="analysis"/);
    expect(fragment).toContain('Write the entry first');
    expect(fragment).toContain('value="2026-11-19T23:45"');
    // Fields a browser did not send at all are refused the same way, never stored.
    expect((await tech.post(`${path}/analysis/${entry}`, {})).status).toBe(422);
    expect(entries('timeline')).toMatchObject([{ at: '2026-11-19T22:10', text: 'Set changed' }]);
  });

  it('when a factor is moved to a category that does not exist, then it is refused and stays where it was', async () => {
    const factor = add({ kind: 'factor', category: 'equipment', text: 'No clip' });
    await tech.get(path);
    const res = await tech.post(`${path}/analysis/${factor}`, { text: 'No clip', at: '', category: 'luck' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('A contributing factor belongs to one of');
    expect(entries('factor')).toMatchObject([{ category: 'equipment' }]);
  });

  it('when a why is deleted, then the whys after it move up and none is left with a gap', async () => {
    add({ kind: 'why', text: 'First' });
    const second = add({ kind: 'why', text: 'Second' });
    add({ kind: 'why', text: 'Third' });
    const res = await tech.submit(path, `${path}/analysis/${second}/delete`);
    expect(res.status).toBe(303);
    expect(entries('why').map((w) => [w.position, w.text])).toEqual([
      [1, 'First'],
      [2, 'Third'],
    ]);
  });

  it('when an entry of another incident is named, then it is not found and nothing changes', async () => {
    const other = openIncident(
      web.db,
      { title: 'Other', awareOn: '2026-11-20', outcome: 'malfunction' },
      pat,
      now,
    ).id;
    addAnalysis(web.db, other, { kind: 'why', text: 'Not yours' }, pat, now);
    const foreign = entries('why').at(-1)!.id;
    await tech.get(path);
    expect(
      (await tech.post(`${path}/analysis/${foreign}`, { text: 'Mine now', at: '', category: '' })).status,
    ).toBe(404);
    expect((await tech.post(`${path}/analysis/${foreign}/delete`, {})).status).toBe(404);
    expect(entries('why')).toMatchObject([{ text: 'Not yours' }]);
  });

  it('when a viewer opens an entry to edit, then no form is offered, and every change is refused', async () => {
    const why = add({ kind: 'why', text: 'The clamp was open' });
    addAction(
      web.db,
      id,
      {
        text: 'Buy clips',
        strength: 'stronger',
        owner: 'Supply',
        dueOn: '2027-01-15',
        measure: 'None in 6 months',
      },
      pat,
      now,
    );
    const action = web.db.select().from(incidentActions).get()!.id;
    const viewer = await signedIn(web.app, web.db, 'viewer');
    const page = await (await viewer.get(`${path}?edit=entry:${why}`)).text();
    expect(page).not.toContain(`action="${path}/analysis/${why}"`);
    expect(page).not.toContain('>Edit<');
    expect((await viewer.post(`${path}/analysis/${why}`, { text: 'x', at: '', category: '' })).status).toBe(
      403,
    );
    expect((await viewer.post(`${path}/analysis/${why}/delete`, {})).status).toBe(403);
    expect((await viewer.post(`${path}/actions/${action}/edit`, {})).status).toBe(403);
    expect((await viewer.post(`${path}/actions/${action}/delete`, {})).status).toBe(403);
    expect(entries('why')).toMatchObject([{ text: 'The clamp was open' }]);
  });
});

describe('actions, edited in place', () => {
  const good = {
    text: 'Buy sets with clips',
    strength: 'stronger',
    owner: 'Supply chain',
    dueOn: '2027-01-15',
    measure: 'No free flow in 6 months',
  };
  const action = () => web.db.select().from(incidentActions).where(eq(incidentActions.incidentId, id)).all();

  it('when an action is corrected, then it is saved; when its owner is emptied, then 422 keeps what was typed', async () => {
    addAction(web.db, id, good, pat, now);
    const a = action()[0]!.id;
    const res = await tech.submit(`${path}?edit=action:${a}`, `${path}/actions/${a}/edit`, {
      owner: 'Biomed',
      dueOn: '2027-02-01',
    });
    expect(res.status).toBe(303);
    expect(action()).toMatchObject([{ owner: 'Biomed', dueOn: '2027-02-01', status: 'planned' }]);

    const bad = await tech.post(
      `${path}/actions/${a}/edit`,
      { ...good, owner: '', measure: 'Typed measure' },
      htmx('actions'),
    );
    expect(bad.status).toBe(422);
    const fragment = await bad.text();
    expect(fragment).toMatch(/^<section id="actions"/);
    expect(fragment).toContain('Every action needs an owner');
    expect(fragment).toContain('Typed measure');
    expect(action()).toMatchObject([{ owner: 'Biomed' }]);
  });

  it('when an action is deleted through htmx, then the section comes back without it', async () => {
    addAction(web.db, id, good, pat, now);
    const a = action()[0]!.id;
    await tech.get(path);
    const res = await tech.post(`${path}/actions/${a}/delete`, {}, htmx('actions'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('No actions planned yet.');
    expect(action()).toEqual([]);
  });
});

describe('the fishbone', () => {
  it('when factors are recorded, then the page and the printed report draw them as an SVG by category, escaped, with the same text listed beside', async () => {
    add({ kind: 'factor', category: 'equipment', text: `No anti-free-flow clip ${hostile}` });
    add({ kind: 'factor', category: 'people', text: 'Agency nurse' });
    for (const url of [path, `${path}/report`]) {
      const html = await (await tech.get(url)).text();
      const svg = /<svg class="fishbone"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
      expect(svg, url).toContain('role="img"');
      expect(svg).toContain('Equipment');
      expect(svg).toContain('Agency nurse');
      expect(svg).toContain(`No anti-free-flow clip ${escaped}`);
      expect(svg).not.toContain('<script>');
      const list = /<dl class="record factor-list">[\s\S]*?<\/dl>/.exec(html)?.[0] ?? '';
      expect(list).toContain('Agency nurse');
    }
  });
});

describe('what is already known', () => {
  it('when a device has a low-confidence match, then it is folded behind a toggle, and each recall shows its confidence', async () => {
    addDevice(web.db, id, 'BME-1001', pat, now);
    addDevice(web.db, id, 'BME-1012', pat, now);
    const html = await (await tech.get(path)).text();
    const known = /<section id="known"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const [shown, folded = ''] = known.split('<details class="faint-recalls">');
    expect(shown).toContain('Z-2101-2024');
    expect(shown).toMatch(/<td class="confidence">High/);
    expect(shown).not.toContain('Z-2109-2024');
    expect(folded).toMatch(/<summary>1 low-confidence match/);
    expect(folded).toContain('Z-2109-2024');
    expect(folded).toMatch(/<td class="confidence">Low/);
  });
});
