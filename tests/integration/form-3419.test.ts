import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { addDevice } from '../../src/incidents/devices';
import { setFacility } from '../../src/incidents/facility';
import { decideIncident, openIncident } from '../../src/incidents/record';
import { recordReportSent } from '../../src/incidents/reports-sent';
import { appWithInventory, now, pat } from '../support/incident-outputs';
import { textOf } from '../support/page-text';
import { signedIn, type WebClient } from '../support/web';

let web: ReturnType<typeof appWithInventory>;
let db: Db;
let viewer: WebClient;

/** An event reported as sent: a death to the FDA and the manufacturer, a serious injury to the manufacturer. */
function reported(
  outcome: 'death' | 'serious_injury',
  awareOn: string,
  sent: { to: 'FDA' | 'manufacturer'; on: string; followUp?: number }[],
  assetTag = 'BME-1001',
) {
  const { id } = openIncident(
    db,
    {
      title: `${outcome} with ${assetTag}`,
      awareOn,
      outcome,
      description: `What happened with ${assetTag}.`,
    },
    pat,
    now,
  );
  addDevice(db, id, assetTag, pat, now);
  decideIncident(db, id, { deviceMayHaveContributed: true, manufacturerKnown: true }, pat, now);
  for (const s of sent)
    recordReportSent(
      db,
      id,
      {
        recipient: s.to,
        recipientName: s.to === 'manufacturer' ? 'BD' : undefined,
        sentOn: s.on,
        followUp: s.followUp,
      },
      pat,
      now,
    );
}

beforeEach(async () => {
  web = appWithInventory();
  db = web.db;
  setFacility(
    db,
    {
      name: 'St. Example Medical Center',
      number: '1234567',
      street: '1 Main Street',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      contactName: 'Robin Risk',
      contactTitle: 'Risk manager',
      phone: '555-0100',
    },
    pat,
    now,
  );
  reported('serious_injury', '2025-06-02', [{ to: 'manufacturer', on: '2025-06-10' }], 'BME-1002');
  reported('death', '2026-11-20', [
    { to: 'FDA', on: '2026-11-24' },
    { to: 'manufacturer', on: '2026-11-24' },
    { to: 'FDA', on: '2026-12-05', followUp: 1 },
  ]);
  reported('serious_injury', '2026-11-30', [{ to: 'manufacturer', on: '2026-12-01' }], 'BME-1002');
  viewer = await signedIn(web.app, db, 'viewer');
});
afterEach(() => web.close());

async function page(pathname: string, status = 200) {
  const res = await viewer.get(pathname);
  expect(res.status).toBe(status);
  return res.text();
}

describe('Form FDA 3419, the annual report', () => {
  it('when reports were sent in the year, then there is one entry per report number, with the items of 803.33(a)', async () => {
    const html = await page('/reports/3419?year=2026');
    const text = textOf(html);
    expect(text).toContain('1. CMS provider or FDA-assigned number 1234567');
    expect(text).toContain('2. Reporting year 2026');
    expect(text).toContain(
      '3. Facility name and address St. Example Medical Center, 1 Main Street, Springfield, IL 62701',
    );
    expect(text).toContain('4. Total number of reports 2');
    expect(text).toContain(
      '5. Date of this report; report numbers 2026-12-10; 1234567-2026-0001 through 1234567-2026-0002',
    );
    expect(text).toContain('6. Contact person Robin Risk, Risk manager, 555-0100');
    expect(text).toContain('Due on 2027-01-01.');
    const rows = html.match(/<tr><th scope="row">/g) ?? [];
    expect(rows).toHaveLength(2);
    expect(text).toMatch(
      /1234567-2026-0001 INC-2026-0001, sent 2026-11-24 BD Infusion pump controller model Alaris PC Unit 8015, serial 12840771 What happened with BME-1001\. FDA, Manufacturer \(BD\)/,
    );
    expect(text).toMatch(
      /1234567-2026-0002 INC-2026-0002, sent 2026-12-01 Physio-Control .* Manufacturer \(BD\)/,
    );
    expect(html).toContain('href="/reports/3419.csv?year=2026"');
  });

  it('when another year is asked for, then only its reports count; the default is last year', async () => {
    for (const pathname of ['/reports/3419?year=2025', '/reports/3419']) {
      const text = textOf(await page(pathname));
      expect(text).toContain('4. Total number of reports 1');
      expect(text).toContain('1234567-2025-0001 through 1234567-2025-0001');
      expect(text).toContain('Due on 2026-01-01.');
    }
  });

  it('when no report was sent in the year, then the page says so plainly', async () => {
    const text = textOf(await page('/reports/3419?year=2024'));
    expect(text).toContain('4. Total number of reports 0');
    expect(text).toContain('No reports were sent in 2024.');
  });

  it.each(['abc', '26', '1989', '2028', '2026-01'])(
    'when the year is %j, then the answer is 422 and says what a year is',
    async (year) => {
      for (const pathname of ['/reports/3419', '/reports/3419.csv']) {
        const html = await page(`${pathname}?year=${encodeURIComponent(year)}`, 422);
        expect(textOf(html)).toContain('The reporting year is four digits, from 1990 to 2027.');
        expect(html).toContain(`value="${year}"`);
      }
    },
  );

  it('when the entries are downloaded, then the CSV has one row per report number', async () => {
    const res = await viewer.get('/reports/3419.csv?year=2026');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="vigil-form-3419-2026.csv"');
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.report_number, r.incident, r.submitted_to])).toEqual([
      ['1234567-2026-0001', 'INC-2026-0001', 'FDA; Manufacturer (BD)'],
      ['1234567-2026-0002', 'INC-2026-0002', 'Manufacturer (BD)'],
    ]);
    expect(rows[0]).toMatchObject({
      reporting_year: '2026',
      first_sent_on: '2026-11-24',
      manufacturer: 'BD',
    });
  });
});
