import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { facilityDetails } from '../../src/incidents/facility';
import { appWithInventory, block, deathWithDevice, fullFacility, page } from '../support/incident-outputs';
import { textOf } from '../support/page-text';
import { signedIn, WebClient } from '../support/web';

let web: ReturnType<typeof appWithInventory>;
let db: Db;
let viewer: WebClient;
beforeEach(async () => {
  web = appWithInventory();
  db = web.db;
  viewer = await signedIn(web.app, db, 'viewer', 'Viv Viewer');
});
afterEach(() => web.close());

describe('who may see and change what', () => {
  const readPages = (id: number) => [
    `/incidents/${id}/3500a`,
    `/incidents/${id}/3500a.pdf`,
    `/incidents/${id}/report`,
    '/incidents.csv',
    '/reports/3419',
    '/reports/3419.csv?year=2026',
  ];

  it('when anyone reads without signing in, then they are sent to sign in; every role may read', async () => {
    const { id } = deathWithDevice(db);
    const anonymous = new WebClient(web.app);
    for (const pathname of [...readPages(id), '/admin/facility']) {
      const res = await anonymous.get(pathname);
      expect(res.status, pathname).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(pathname)}`);
    }
    const technician = await signedIn(web.app, db, 'technician');
    for (const client of [viewer, technician])
      for (const pathname of readPages(id)) expect((await client.get(pathname)).status, pathname).toBe(200);
  });

  it("when a viewer or a technician opens or posts the facility's details, then they are refused", async () => {
    const technician = await signedIn(web.app, db, 'technician');
    for (const client of [viewer, technician]) {
      expect((await client.get('/admin/facility')).status).toBe(403);
      expect((await client.post('/admin/facility', { name: 'Not theirs' })).status).toBe(403);
    }
    expect(facilityDetails(db)).toEqual({});
  });

  it("when an admin saves the facility's details, then they are kept and the forms use them", async () => {
    const admin = await signedIn(web.app, db, 'admin', 'Ada Admin');
    const form = await page(admin, '/admin/facility');
    expect(textOf(form)).toContain('Still missing: facility name, street address, city');
    const res = await admin.post('/admin/facility', {
      ...fullFacility,
      email: '  mdr@example.test ',
      bogus: 'x',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/facility?saved=1');
    expect(facilityDetails(db)).toEqual({ ...fullFacility, email: 'mdr@example.test' });
    const saved = await page(admin, '/admin/facility?saved=1');
    expect(saved).toContain('Saved.');
    expect(saved).toContain('value="Springfield"');
    expect(saved).not.toContain('Still missing');
    const { id } = deathWithDevice(db);
    expect(block(await page(admin, `/incidents/${id}/3500a`), 'F4')).toBe('F4 Contact person Robin Risk');
  });

  it("when a facility detail is longer than a form's line, then nothing is saved and the page says why with what was typed", async () => {
    const admin = await signedIn(web.app, db, 'admin', 'Ada Admin');
    await page(admin, '/admin/facility');
    const res = await admin.post('/admin/facility', { ...fullFacility, street: 'x'.repeat(301) });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(textOf(html)).toContain('Not saved: Each detail can have at most 300 characters.');
    expect(html).toContain('value="Springfield"');
    expect(facilityDetails(db)).toEqual({});
  });

  it('when the facility form is posted without its CSRF token, then nothing is saved', async () => {
    const admin = await signedIn(web.app, db, 'admin');
    const res = await admin.post('/admin/facility', { ...fullFacility, _csrf: '' });
    expect(res.status).toBe(403);
    const forged = await admin.post('/admin/facility', { ...fullFacility, _csrf: 'x'.repeat(43) });
    expect(forged.status).toBe(403);
    expect(facilityDetails(db)).toEqual({});
  });
});
