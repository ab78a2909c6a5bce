import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../src/db/client';
import { eventIndexBacklog } from '../../src/events/search-index';
import { addDevice } from '../../src/incidents/devices';
import { openIncident } from '../../src/incidents/record';
import { importInventory } from '../../src/inventory/import';
import { importFiles } from '../../src/openfda/bulk/import';
import { textOf } from '../support/page-text';
import { fixtureData, projectRoot } from '../support/shared';
import { captureLog, tempDir } from '../support/vigil';
import { signedIn, testWebApp } from '../support/web';

// The fixture: 30 reports from three makers in turn; Acme's spelt two ways, 10 of them.
const fixture = path.join(fixtureData, 'device-event.fixture.json');
const hostile = '<script>alert(1)</script>';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});

const deps = (db: Db) => ({ db, now: () => new Date(), log: captureLog().log });

async function withReports(files = [fixture]) {
  const { app, db, close } = testWebApp();
  cleanups.push(close);
  const results = await importFiles(deps(db), files);
  expect(results.map((r) => r.status)).toEqual(files.map(() => 'succeeded'));
  const viewer = await signedIn(app, db, 'viewer');
  return { app, db, viewer };
}

/** The reports a page lists, by the address of each. */
const listed = (html: string) =>
  [...html.matchAll(/<th scope="row"><a href="\/events\/([^"]+)">/g)].map((m) => m[1]);
const decode = (href: string) => href.replaceAll('&amp;', '&');
/** The address of the link with this text. */
const linkTo = (html: string, text: string) => {
  const m = new RegExp(`<a href="([^"]+)"[^>]*>${text}</a>`).exec(html);
  return m ? decode(m[1]!) : null;
};

/** The fixture three times over under other keys: 90 reports, enough for two pages. */
function tripledFixture(): string {
  const { results } = JSON.parse(fs.readFileSync(fixture, 'utf8')) as { results: Record<string, unknown>[] };
  const copies = [0, 1, 2].flatMap((n) =>
    results.map((r) => ({
      ...r,
      mdr_report_key: `${n}${r.mdr_report_key ?? r.report_number}`,
      report_number: `${n}-${r.report_number}`,
    })),
  );
  const file = path.join(tempDir(), 'device-event.json');
  fs.writeFileSync(file, JSON.stringify({ meta: { results: { total: copies.length } }, results: copies }));
  return file;
}

/** Puts hostile text in report 9000000's first narrative and its brand, as the FDA might send it. */
function makeHostile(db: Db, narrative: string) {
  db.run(sql`UPDATE maude_texts SET text = ${narrative} WHERE report_key = '9000000' AND position = 0`);
  db.run(sql`UPDATE maude_devices SET brand_name = ${hostile} WHERE report_key = '9000000'`);
  db.run(sql`UPDATE maude_reports SET raw = json_set(raw, '$.mdr_text[0].text', ${narrative},
    '$.device[0].brand_name', ${hostile}) WHERE report_key = '9000000'`);
}

describe('MAUDE search: who may see it', () => {
  it('when nobody is signed in, then the search, its CSV and a report send them to sign in', async () => {
    const { app, close } = testWebApp();
    cleanups.push(close);
    for (const url of ['/events?model=8000', '/events.csv?model=8000', '/events/9000000']) {
      const res = await app.request(url);
      expect(res.status, url).toBe(303);
      expect(res.headers.get('location'), url).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
  });
});

describe('MAUDE search page', () => {
  it('when nothing is asked, then the form and a word on how to start are shown, and no search is run', async () => {
    const { viewer } = await withReports();
    const res = await viewer.get('/events');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="event-manufacturer">Manufacturer</label>');
    expect(html).toContain('Fill in at least one field to search');
    expect(listed(html)).toEqual([]);
    expect(html).toContain('<a href="/events">MAUDE</a>');
  });

  it('when a manufacturer is asked for, then both spellings are gathered and its 10 reports listed', async () => {
    const { viewer } = await withReports();
    const html = await (await viewer.get('/events?manufacturer=Acme+Infusion+Systems')).text();
    expect(html).toContain(
      'Searched as: ACME INFUSION SYSTEMS, INC. (7 reports); ACME INFUSION SYSTEMS INC (3 reports).',
    );
    expect(html).toContain('10 reports.');
    expect(listed(html)).toHaveLength(10);
    expect(html).toContain('ACME INFUSION SYSTEMS INC · INFUSION 8000 · 8000');
    expect(linkTo(html, 'Download these results as CSV')).toBe(
      '/events.csv?manufacturer=Acme+Infusion+Systems',
    );
  });

  it('when narrative words are searched, then the words found are marked', async () => {
    const { viewer } = await withReports();
    const html = await (await viewer.get('/events?text=returned+evaluation&eventType=Death')).text();
    expect(listed(html).length).toBeGreaterThan(0);
    expect(html).toContain('<mark>RETURNED</mark> FOR <mark>EVALUATION</mark>');
  });

  it('when a facet value is followed, then it is added to the search and the list narrows', async () => {
    const { viewer } = await withReports();
    const html = await (await viewer.get('/events?manufacturer=Acme+Infusion+Systems')).text();
    const death = linkTo(html, 'Death');
    expect(death).toBe('/events?manufacturer=Acme+Infusion+Systems&eventType=Death');
    const narrowed = await (await viewer.get(death!)).text();
    expect(listed(narrowed).length).toBeGreaterThan(0);
    expect(listed(narrowed).length).toBeLessThan(10);
    expect(narrowed).toContain('<strong>Death</strong>');

    const year = linkTo(html, '2019');
    expect(year).toBe('/events?manufacturer=Acme+Infusion+Systems&from=2019-01-01&to=2019-12-31');
    const inYear = await (await viewer.get(year!)).text();
    expect(listed(inYear).length).toBeLessThan(10);
    expect(inYear).toContain('value="2019-01-01"');
  });

  it('when the results run over a page, then pages follow on, and htmx gets the results alone', async () => {
    const { viewer } = await withReports([tripledFixture()]);
    const first = await (await viewer.get('/events?from=2000-01-01')).text();
    expect(first).toContain('90 reports; page 1 of 2.');
    expect(listed(first)).toHaveLength(50);
    const next = linkTo(first, 'Next');
    expect(next).toBe('/events?from=2000-01-01&page=2');
    const second = await (await viewer.get(next!)).text();
    expect(listed(second)).toHaveLength(40);
    expect(new Set([...listed(first), ...listed(second)]).size).toBe(90);

    const swap = await viewer.request(next!, {
      headers: { 'hx-request': 'true', 'hx-target': 'event-results' },
    });
    const fragment = await swap.text();
    expect(fragment.startsWith('<section id="event-results"')).toBe(true);
    expect(listed(fragment)).toEqual(listed(second));
  });

  it('when a large import has just landed, then the page says how many reports are still being indexed, until they are', async () => {
    const { results } = JSON.parse(fs.readFileSync(fixture, 'utf8')) as {
      results: Record<string, unknown>[];
    };
    const copies = Array.from({ length: 200 }, (_, n) =>
      results.map((r) => ({
        ...r,
        mdr_report_key: `L${n}-${r.mdr_report_key}`,
        report_number: `L${n}-${r.report_number}`,
      })),
    ).flat();
    const file = path.join(tempDir(), 'device-event.json');
    fs.writeFileSync(file, JSON.stringify({ meta: {}, results: copies }));
    const { viewer, db } = await withReports([fixture, file]);
    const before = await (await viewer.get('/events?manufacturer=Acme+Infusion+Systems')).text();
    expect(before).toContain('6,030 reports stored lately are still being indexed');
    // The server indexes them between requests; the page answers meanwhile.
    await vi.waitFor(() => expect(eventIndexBacklog(db)).toEqual({ pending: 0, missing: 0 }), {
      timeout: 30_000,
      interval: 100,
    });
    const after = await (await viewer.get('/events?manufacturer=Acme+Infusion+Systems')).text();
    expect(after).not.toContain('still being indexed');
    expect(after).toContain('2,010 reports;');
  });

  it('when a date cannot be read, then the page answers 422, says why and keeps what was typed', async () => {
    const { viewer } = await withReports();
    const res = await viewer.get('/events?manufacturer=Acme&from=2024-02-30&productCode=F1');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('&quot;2024-02-30&quot; is not a date: write it as YYYY-MM-DD');
    expect(html).toContain('A product code is three letters');
    expect(html).toContain('name="manufacturer" value="Acme"');
    expect(html).toContain('name="from" type="date" value="2024-02-30"');
    expect(html).toContain('name="productCode" value="F1"');
    expect(listed(html)).toEqual([]);
    // A month past 12 is no date either, and must not fail the page.
    expect((await viewer.get('/events?model=8000&to=2024-13-01')).status).toBe(422);
  });

  it('when a narrative and a brand hold markup, then the search shows it as text', async () => {
    const { db, viewer } = await withReports();
    makeHostile(db, `${hostile} THE PUMP STOPPED`);
    for (const url of ['/events?manufacturer=Acme+Infusion+Systems', '/events?text=alert+pump']) {
      const html = await (await viewer.get(url)).text();
      expect(html, url).not.toContain(hostile);
      expect(html, url).toContain('&lt;script&gt;');
    }
    const marked = await (await viewer.get('/events?text=alert')).text();
    expect(marked).toContain('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;');
  });
});

describe('MAUDE search CSV', () => {
  it('when downloaded, then it has a header and a row per report, and formulas are made inert', async () => {
    const { db, viewer } = await withReports();
    makeHostile(db, '=HYPERLINK("http://evil.example","click") THE PUMP STOPPED');
    const res = await viewer.get('/events.csv?manufacturer=Acme+Infusion+Systems');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="vigil-maude-reports-.*\.csv"/,
    );
    const rows = parse(await res.text()) as string[][];
    expect(rows[0]).toEqual([
      'report key',
      'report number',
      'date received',
      'event type',
      'manufacturer',
      'brand',
      'model',
      'narrative excerpt',
    ]);
    expect(rows).toHaveLength(11);
    const hostileRow = rows.find((r) => r[0] === '9000000')!;
    expect(hostileRow[7]).toMatch(/^'=HYPERLINK/);
    expect(rows.slice(1).every((r) => !/^[=+\-@]/.test(r.join('')))).toBe(true);
  });

  it('when the search cannot be read or asks nothing, then no file is made', async () => {
    const { viewer } = await withReports();
    expect((await viewer.get('/events.csv?from=2024-13-01')).status).toBe(422);
    expect((await viewer.get('/events.csv')).status).toBe(400);
  });
});

describe('MAUDE report page', () => {
  it('when opened, then the report, its devices, narratives and outcomes are shown, with the FDA link', async () => {
    const { viewer } = await withReports();
    const res = await viewer.get('/events/9000000');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>MAUDE report 3012345-2019-00000</h1>');
    expect(html).toContain('<dt>Date received by the FDA</dt><dd class="pre">2019-01-01</dd>');
    expect(html).toContain('<dt>Catalog number</dt><dd class="pre">FRN-300</dd>');
    expect(html).toContain('<dt>Lot number</dt><dd class="pre">L0X1</dd>');
    expect(html).toContain('<dt>Product code</dt><dd class="pre">FRN</dd>');
    expect(html).toContain('PATIENT INFORMATION (B)(6).');
    expect(html).toContain('(B)(4). THE DEVICE WAS RETURNED FOR EVALUATION.');
    expect(html).toContain('<dt>Outcome</dt><dd class="pre">Other</dd>');
    expect(html).toContain(
      'href="https://www.accessdata.fda.gov/scripts/cdrh/cfdocs/cfmaude/detail.cfm?mdrfoi__id=9000000"',
    );
    expect(linkTo(html, 'Reports for this model')).toBe('/events?model=8000&productCode=FRN');
  });

  it('when a report holds markup, then its page shows it as text', async () => {
    const { db, viewer } = await withReports();
    makeHostile(db, `${hostile}\nSECOND LINE`);
    const html = await (await viewer.get('/events/9000000')).text();
    expect(html).not.toContain(hostile);
    expect(html).toContain('<p class="pre">&lt;script&gt;alert(1)&lt;/script&gt;\nSECOND LINE</p>');
    expect(html).toContain('<dt>Brand</dt><dd class="pre">&lt;script&gt;alert(1)&lt;/script&gt;</dd>');
  });

  it('when the report is unknown, then the page answers 404', async () => {
    const { viewer } = await withReports();
    const res = await viewer.get('/events/no-such-report');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no MAUDE report no-such-report in Vigil');
  });
});

describe('"Reports for this model" from an asset, a recall and an incident', () => {
  it('when each page is opened, then its link opens the search prefilled, and it finds reports', async () => {
    const { db, viewer } = await withReports([fixture, path.join(fixtureData, 'device-recall.fixture.json')]);
    // The fixture inventory's models are not in the MAUDE fixture; BME-9001 is an Acme pump that is.
    const inventory = fs.readFileSync(
      path.join(projectRoot, 'tests/fixtures/matching/inventory.csv'),
      'utf8',
    );
    importInventory(deps(db), {
      text: `${inventory.trimEnd()}\nBME-9001,Acme Infusion Systems,8000,,SN9001,,FRN,Infusion pump,ICU,ICU Bay 9,In Service,,2020-01-01\n`,
    });
    const reportsFrom = async (url: string) => {
      const res = await viewer.get(url);
      expect(res.status, url).toBe(200);
      return linkTo(await res.text(), 'Reports for this model');
    };

    expect(await reportsFrom('/inventory/BME-1001')).toBe(
      '/events?model=Alaris+PC+Unit+8015&productCode=FRN',
    );
    const fromAsset = await reportsFrom('/inventory/BME-9001');
    expect(fromAsset).toBe('/events?model=8000&productCode=FRN');
    expect(listed(await (await viewer.get(fromAsset!)).text())).toHaveLength(2);

    const recall = await (await viewer.get('/recalls/Z-1000-2012')).text();
    const fromRecall = linkTo(recall, 'MAUDE reports for this firm and product code');
    expect(fromRecall).toBe('/events?manufacturer=Acme+Infusion+Systems%2C+Inc.&productCode=FRN');
    expect(listed(await (await viewer.get(fromRecall!)).text())).toHaveLength(10);

    const by = { name: 'Tess Tech', userId: null };
    const { id } = openIncident(
      db,
      { title: 'Pump stopped', awareOn: '2026-01-05', outcome: 'malfunction', description: 'It stopped.' },
      by,
      new Date(),
    );
    addDevice(db, id, 'BME-9001', by, new Date());
    const fromIncident = await reportsFrom(`/incidents/${id}`);
    expect(fromIncident).toBe('/events?model=8000&productCode=FRN');
  });
});

describe('trends and history beside the search', () => {
  it('when a search finds reports, then their trend is drawn and tabled beside the results', async () => {
    const { viewer } = await withReports();
    const html = await (await viewer.get('/events?manufacturer=Acme+Infusion+Systems')).text();
    expect(html).toContain('id="event-trends"');
    expect(html).toMatch(
      /<svg[^>]*role="img"[^>]*aria-label="Reports per (month|quarter) by event type[^"]*; 10 reports"/,
    );
  });

  it('when the reports span years, then the latest year is set against the one before, and bars go by month or quarter as asked', async () => {
    const { viewer } = await withReports();
    const html = await (await viewer.get('/events?manufacturer=Acme+Infusion+Systems')).text();
    // Acme's last report came in October 2022; Vigil holds reports of only a few months of the two
    // years before, so it does not pretend the months it lacks had none.
    expect(textOf(html)).toContain(
      'Is it rising? Not known: Vigil holds MAUDE reports for only 4 of the 24 months to Oct 2022, so it cannot compare; fetch the history to compare.',
    );
    // Nearly four years of reports: quarters unless months are asked for.
    expect(html).toContain('<strong aria-current="true">by quarter</strong>');
    const byMonth = linkTo(html, 'by month');
    expect(byMonth).toBe('/events?manufacturer=Acme+Infusion+Systems&grain=month');
    const monthly = await (await viewer.get(byMonth!)).text();
    expect(monthly).toContain('<strong aria-current="true">by month</strong>');
    expect(monthly).toContain('<th scope="col">Month</th>');
    expect(monthly).toContain('<th scope="row">Oct 2022</th>');
  });

  it('when few reports are stored for a product code, then a technician is offered its history and a viewer is not', async () => {
    const { app, db, viewer } = await withReports();
    const tech = await signedIn(app, db, 'technician');
    const offer = 'full history from openFDA';
    expect(await (await tech.get('/events?productCode=XYZ')).text()).toContain(offer);
    expect(await (await viewer.get('/events?productCode=XYZ')).text()).not.toContain(offer);
    expect(await (await tech.get('/events?manufacturer=Acme+Infusion+Systems')).text()).toContain(offer);
  });
});
