import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { archiveIncident } from '../../src/incidents/archive';
import { addDevice } from '../../src/incidents/devices';
import { setFacility } from '../../src/incidents/facility';
import { decideIncident, openIncident } from '../../src/incidents/record';
import { recordReportSent } from '../../src/incidents/reports-sent';
import { appWithInventory, deathWithDevice, fullFacility, now, pat } from '../support/incident-outputs';
import { textOf } from '../support/page-text';
import { signedIn, type WebClient } from '../support/web';

let web: ReturnType<typeof appWithInventory>;
let db: Db;
let viewer: WebClient;
beforeEach(async () => {
  web = appWithInventory();
  db = web.db;
  viewer = await signedIn(web.app, db, 'viewer', 'Viv Viewer');
});
afterEach(() => web.close());

describe('the CSV of incidents', () => {
  function csvRows(body: string) {
    return parse(body, { columns: true }) as Record<string, string>[];
  }

  it('when exported, then there is a header and one row per live incident, archived ones only on request', async () => {
    setFacility(db, fullFacility, pat, now);
    const { id } = deathWithDevice(db);
    addDevice(db, id, 'BME-1002', pat, now);
    recordReportSent(db, id, { recipient: 'FDA', sentOn: '2026-11-24' }, pat, now);
    const old = openIncident(
      db,
      { title: 'Cracked casing', awareOn: '2026-03-02', outcome: 'malfunction' },
      pat,
      now,
    );
    decideIncident(db, old.id, { deviceMayHaveContributed: false, manufacturerKnown: true }, pat, now);
    archiveIncident(db, old.id, 'Duplicate of a work order', pat, now);

    const res = await viewer.get('/incidents.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="vigil-incidents-2026-12-10.csv"',
    );
    const body = await res.text();
    expect(body.split('\n')[0]).toBe(
      'number,title,event_at,aware_on,location,outcome,harm,sentinel,state,devices,reportable,reports_required,reports_sent,archived_at,created_by,created_at',
    );
    const live = csvRows(body);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({
      number: 'INC-2026-0001',
      title: 'Infusion stopped without alarm',
      aware_on: '2026-11-20',
      outcome: 'death',
      sentinel: 'No',
      devices: 'BME-1001, BME-1002',
      reportable: 'Yes',
      reports_required: 'FDA due 2026-12-07; manufacturer due 2026-12-07',
      reports_sent: 'FDA 2026-11-24 1234567-2026-0001',
      archived_at: '',
      created_by: 'Pat Tech',
    });
    const all = csvRows(await (await viewer.get('/incidents.csv?archived=1')).text());
    expect(all.map((r) => r.number)).toEqual(['INC-2026-0002', 'INC-2026-0001']);
    expect(all[0]).toMatchObject({ reportable: 'No', reports_required: '', archived_at: now.toISOString() });
    const march = csvRows(
      await (await viewer.get('/incidents.csv?archived=1&from=2026-03-01&to=2026-03-31')).text(),
    );
    expect(march.map((r) => r.number)).toEqual(['INC-2026-0002']);
  });

  it('when a cell could start a spreadsheet formula, then it is written as text', async () => {
    openIncident(
      db,
      {
        title: '=HYPERLINK("http://evil.test","x")',
        awareOn: '2026-11-02',
        outcome: 'near_miss',
        location: '@SUM(A1)',
      },
      pat,
      now,
    );
    openIncident(
      db,
      { title: '+1 pump', awareOn: '2026-11-03', outcome: 'near_miss', location: '-2+3' },
      pat,
      now,
    );
    const rows = csvRows(await (await viewer.get('/incidents.csv')).text());
    expect(rows.map((r) => [r.title, r.location])).toEqual([
      [`'=HYPERLINK("http://evil.test","x")`, "'@SUM(A1)"],
      ["'+1 pump", "'-2+3"],
    ]);
  });

  it.each([
    ['from=2026-02-30', 'The start is not a date: write it as YYYY-MM-DD, such as 2026-01-31.'],
    ['to=junk', 'The end is not a date: write it as YYYY-MM-DD, such as 2026-01-31.'],
    ['from=2026-05-01&to=2026-04-01', 'The start of the range is after its end.'],
  ])('when the range is %s, then the answer is 422 and says what to fix', async (query, message) => {
    const res = await viewer.get(`/incidents.csv?${query}`);
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain(message);
  });
});
