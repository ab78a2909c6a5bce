import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidents } from '../../src/db/schema';
import { addDevice, release, sequester } from '../../src/incidents/devices';
import { openIncident } from '../../src/incidents/record';
import { openCasesFrom } from '../support/recall-cases';
import { signedIn, testWebApp, type WebClient } from '../support/web';

const pat = { name: 'Pat Tech', userId: null };
const hostile = '<script>alert(1)</script>';
const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';

let web: ReturnType<typeof testWebApp>;
let viewer: WebClient;
beforeEach(async () => {
  web = testWebApp();
  // The fixture inventory matched to the fixture recalls: Z-2101-2024 matches BME-1001.
  await openCasesFrom(web.db, () => new Date());
  viewer = await signedIn(web.app, web.db, 'viewer');
});
afterEach(() => web.close());

/** An investigation holding BME-1001 in `where`, as the incident pages will do it. */
function sequesterPump(where = 'Biomed cage 2', title = 'Infusion stopped without alarm') {
  const now = new Date('2026-11-20T15:00:00.000Z');
  const incident = openIncident(
    web.db,
    { title, awareOn: '2026-11-20', outcome: 'serious_injury', location: 'ICU Bay 4' },
    pat,
    now,
  );
  addDevice(web.db, incident.id, 'BME-1001', pat, now);
  sequester(web.db, incident.id, 'BME-1001', { where, why: 'keep as found' }, pat, now);
  return incident;
}

const page = async (path: string) => {
  const res = await viewer.get(path);
  expect(res.status).toBe(200);
  return res.text();
};

/** The markup of one asset's row, from its link to the end of the row. */
const rowOf = (html: string, tag: string) => {
  const from = html.indexOf(`href="/inventory/${tag}"`);
  expect(from).toBeGreaterThan(-1);
  return html.slice(from, html.indexOf('</tr>', from));
};

const badge = (incident: { id: number; number: string }) =>
  `<span class="sequestered">Sequestered · <a href="/incidents/${incident.id}">${incident.number}</a></span>`;

describe('a sequestered asset', () => {
  it('when an asset is sequestered, then the inventory list marks its row, and only its row, with the incident', async () => {
    const before = await page('/inventory');
    expect(before).not.toContain('class="sequestered"');
    const incident = sequesterPump();
    const html = await page('/inventory');
    expect(rowOf(html, 'BME-1001')).toContain(badge(incident));
    expect(rowOf(html, 'BME-1002')).not.toContain('Sequestered');
    expect(html.match(/class="sequestered"/g)).toHaveLength(1);
    // The search that htmx swaps in carries it too.
    const swapped = await (await viewer.htmx('/inventory?q=BME-1001')).text();
    expect(swapped).toContain(badge(incident));
  });

  it('when the asset is released, then no page marks it any more', async () => {
    const incident = sequesterPump();
    expect(await page('/inventory')).toContain(badge(incident));
    release(web.db, incident.id, 'BME-1001', 'investigation done', pat, new Date('2026-12-01T09:00:00Z'));
    for (const path of ['/inventory', '/inventory/BME-1001', '/recalls/Z-2101-2024']) {
      const html = await page(path);
      expect(html, path).not.toContain('class="sequestered"');
      expect(html, path).not.toContain('do not return to service');
    }
    // The asset page still lists the investigation, with the device released.
    const asset = await page('/inventory/BME-1001');
    expect(asset).toContain(`<a href="/incidents/${incident.id}">${incident.number}</a>`);
    expect(asset).toContain('released 2026-12-01');
  });

  it("when a recall matches a sequestered asset, then the recall page marks that asset's row", async () => {
    const incident = sequesterPump();
    const html = await page('/recalls/Z-2101-2024');
    expect(rowOf(html, 'BME-1001')).toContain(badge(incident));
    // The devices a decision redraws carry it too.
    const tech = await signedIn(web.app, web.db, 'technician');
    await tech.get('/recalls/Z-2101-2024');
    const section = await (
      await tech.htmx('/recalls/Z-2101-2024/assets/BME-1001/decision', 'POST', { decision: 'confirmed' })
    ).text();
    expect(section.startsWith('<section id="assets"')).toBe(true);
    expect(rowOf(section, 'BME-1001')).toContain(badge(incident));
  });

  it('when the asset page is opened, then a notice says where it is held and for which incident, and its incidents are listed', async () => {
    const incident = sequesterPump();
    const html = await page('/inventory/BME-1001');
    const notice = html.slice(html.indexOf('<div class="alert" role="status"'), html.indexOf('<h2>Device'));
    expect(notice).toContain('<strong>Sequestered</strong> since <time datetime="2026-11-20T15:00:00.000Z">');
    expect(notice).toContain(
      `in Biomed cage 2 for <a href="/incidents/${incident.id}">${incident.number}</a>`,
    );
    expect(notice).toContain('do not return to service until released');
    const section = html.slice(html.indexOf('<h2>Incidents</h2>'), html.indexOf('<h2>MAUDE'));
    for (const text of [
      `<a href="/incidents/${incident.id}">INC-2026-0001</a>`,
      'Infusion stopped without alarm',
      'Serious injury',
      '<td>Open</td>',
      '2026-11-20',
      'sequestered since 2026-11-20',
    ])
      expect(section).toContain(text);
    // Another asset is not part of it.
    const other = await page('/inventory/BME-1002');
    expect(other).not.toContain('do not return to service');
    expect(other).toContain('This asset is not part of any incident investigation.');
  });

  it('when an incident is archived, then the asset page still lists it, marked archived', async () => {
    const incident = sequesterPump();
    web.db
      .update(incidents)
      .set({ archivedAt: '2027-01-05T10:00:00.000Z' })
      .where(eq(incidents.id, incident.id))
      .run();
    const html = await page('/inventory/BME-1001');
    const section = html.slice(html.indexOf('<h2>Incidents</h2>'), html.indexOf('<h2>MAUDE'));
    expect(section).toContain(incident.number);
    expect(section).toContain('archived 2027-01-05');
  });

  it('when where it is kept or the title holds markup, then every page shows it as text', async () => {
    const incident = sequesterPump(hostile, `Pump ${hostile}`);
    for (const path of ['/inventory', '/recalls/Z-2101-2024']) {
      const html = await page(path);
      expect(html, path).not.toContain(hostile);
      expect(html, path).toContain(badge(incident));
    }
    const asset = await page('/inventory/BME-1001');
    expect(asset).not.toContain(hostile);
    expect(asset).toContain(`in ${escaped} for`);
    expect(asset).toContain(`kept in ${escaped}`);
    expect(asset).toContain(`<td>Pump ${escaped}</td>`);
  });
});
