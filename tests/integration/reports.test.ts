import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import {
  assetDispositions,
  type Disposition,
  enforcementReports,
  matchDecisions,
  recallCases,
  recalls,
} from '../../src/db/schema';
import { importInventory } from '../../src/inventory/import';
import { importFiles } from '../../src/openfda/bulk/import';
import { matchAndOpenCases } from '../../src/pipeline';
import { projectRoot } from '../support/shared';
import { captureLog } from '../support/vigil';
import { signedIn, testWebApp, WebClient } from '../support/web';

const fixtures = path.join(projectRoot, 'tests/fixtures/matching');
const today = new Date('2025-06-20T12:00:00.000Z');

let web: ReturnType<typeof testWebApp>;
let db: Db;
beforeEach(async () => {
  web = testWebApp({ now: () => today });
  db = web.db;
  await openCasesFromFixtures();
});
afterEach(() => web.close());

/** The real path to cases: inventory and recalls loaded, matching run (it opens the cases). */
async function openCasesFromFixtures() {
  const deps = { db, now: () => new Date('2025-06-01T10:00:00.000Z'), log: captureLog().log };
  importInventory(deps, { text: fs.readFileSync(path.join(fixtures, 'inventory.csv'), 'utf8') });
  const loaded = await importFiles(deps, [path.join(fixtures, 'recalls.json')]);
  expect(loaded.map((r) => r.status)).toEqual(['succeeded']);
  await matchAndOpenCases(deps);
}

const classify = (recallNumber: string, classification: string) =>
  db
    .insert(enforcementReports)
    .values({ recallNumber, classification, raw: '{}', firstSeenAt: '2025-06-01', updatedAt: '2025-06-01' })
    .run();

const setCase = (productResNumber: string, change: Partial<typeof recallCases.$inferInsert>) =>
  db.update(recallCases).set(change).where(eq(recallCases.productResNumber, productResNumber)).run();

const dispose = (productResNumber: string, assetTag: string, disposition: Disposition, decidedAt: string) =>
  db
    .insert(assetDispositions)
    .values({
      productResNumber,
      assetTag,
      disposition,
      decidedBy: 'J. Rivera',
      decidedAt,
      note: 'checked on site',
    })
    .run();

const closed = (at: string) => ({ state: 'closed' as const, closedAt: at, closedBy: 'J. Rivera' });

/**
 * The cases, as the team worked them (all opened on 1 June, judged on 20 June):
 * Z-2101 Class I closed 3 June (due 3 June: on time); Z-2103 Class I closed 5 June (late);
 * Z-2105 unclassified closed 7 June (due 8 June: on time); Z-2104 unclassified, still new
 * (overdue); Z-2106 Class II in progress (overdue), one of its two pumps dismissed; Z-2108 new
 * with a due date moved to 30 June (not yet due); Z-2102 opened in February, outside the range.
 */
async function workTheCases(assignee: number | null) {
  classify('Z-2101-2024', 'Class I');
  classify('Z-2103-2024', 'Class I');
  classify('Z-2106-2024', 'Class II');
  setCase('Z-2101-2024', closed('2025-06-03T16:00:00.000Z'));
  dispose('Z-2101-2024', 'BME-1001', 'removed_from_service', '2025-06-02T09:30:00.000Z');
  setCase('Z-2103-2024', closed('2025-06-05T11:00:00.000Z'));
  dispose('Z-2103-2024', 'BME-1004', 'corrected', '2025-06-04T10:00:00.000Z');
  dispose('Z-2103-2024', 'BME-1005', 'not_affected', '2025-06-04T10:05:00.000Z');
  setCase('Z-2105-2024', closed('2025-06-07T08:00:00.000Z'));
  setCase('Z-2106-2024', { state: 'in_progress', assignedTo: assignee });
  db.insert(matchDecisions)
    .values({
      assetTag: 'BME-1009',
      productResNumber: 'Z-2106-2024',
      decision: 'dismissed',
      decidedBy: 'J. Rivera',
      decidedAt: '2025-06-02T08:00:00.000Z',
      reason: 'not_ours',
      note: 'loaner, returned',
    })
    .run();
  setCase('Z-2108-2024', { dueOverride: '2025-06-30' });
  setCase('Z-2102-2024', { openedAt: '2025-02-01T10:00:00.000Z' });
}

/** The page's text without tags, with spaces collapsed, to read figures as a person would. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

const range = '?from=2025-05-01&to=2025-06-20';

describe('the recall compliance report', () => {
  it('when cases were worked, then the totals count the recalls in the range, by class', async () => {
    const viewer = await signedIn(web.app, db, 'viewer');
    await workTheCases(null);
    const res = await viewer.get(`/reports/compliance${range}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = textOf(html);
    expect(html).toMatch(
      /<title>Recall compliance 2025-05-01 to 2025-06-20 \(generated 2025-06-20 12:00 UTC\)/,
    );
    expect(text).toContain('Recall compliance: 2025-05-01 to 2025-06-20');
    expect(text).toContain('Generated 2025-06-20 12:00 UTC');
    expect(text).toContain(
      '6 recalls; 3 closed, 2 of them by the due date (40% of the 5 that were due); 2 still open and overdue; median 4 days to close.',
    );
    expect(text).toContain('All classes 6 3 2 40% of 5 due 2 1 4 1');
    expect(text).toContain('Class I 2 2 1 50% of 2 due 0 0 3 0');
    expect(text).toContain('Class II 1 0 0 0% of 1 due 1 0 – 1');
    expect(text).toContain('Unclassified 3 1 1 50% of 2 due 1 1 6 0');
    expect(html).not.toContain('Z-2102-2024');
  });

  it('when cases were worked, then each recall shows its dates, people and assets with their dispositions', async () => {
    const tech = await signedIn(web.app, db, 'technician', 'Sam Okafor');
    await workTheCases(db.get<{ id: number }>(sql`SELECT id FROM users WHERE name = 'Sam Okafor'`)!.id);
    const html = await (await tech.get(`/reports/compliance${range}`)).text();
    const text = textOf(html);
    expect(html).toContain('<a href="/recalls/Z-2101-2024">Z-2101-2024</a>');
    expect(text).toMatch(
      /Z-2101-2024 Class I CareFusion 303, Inc\. Alaris PC Unit, Model 8015.{0,160}? 2025-06-01 2025-06-03 Closed 2025-06-03 J\. Rivera 2 On time/,
    );
    expect(text).toContain(
      'BME-1001 BD Alaris PC Unit 8015 12840771 ICU Removed from service checked on site J. Rivera 2025-06-02 09:30 UTC',
    );
    expect(text).toMatch(/Z-2103-2024 Class I .{0,160}? 2025-06-03 Closed 2025-06-05 J\. Rivera 4 Late/);
    expect(text).toContain('BME-1004 Philips Medical Systems IntelliVue MX450 DE71200150 ICU Corrected');
    expect(text).toContain('BME-1005 Philips Medical Systems IntelliVue MX450 DE71200250 ICU Not affected');
    expect(text).toMatch(
      /Z-2106-2024 Class II .{0,160}? 2025-06-08 Action in progress Sam Okafor – Open, overdue/,
    );
    expect(text).toContain('BME-1008 Baxter Spectrum IQ SIQ0011824 Med/Surg none recorded');
    // A device dismissed as not ours stays in the record, with who, why and when.
    expect(text).toContain(
      'BME-1009 Baxter Spectrum IQ SIQ0023017 Med/Surg Dismissed, not this device: not ours loaner, returned J. Rivera 2025-06-02 08:00 UTC',
    );
    expect(text).toMatch(/Z-2108-2024 Unclassified .{0,160}? 2025-06-30 New – Open, not yet due/);
  });

  it('when the CSV is downloaded, then it has one row per recall and asset, named for the range', async () => {
    const viewer = await signedIn(web.app, db, 'viewer');
    await workTheCases(null);
    const res = await viewer.get(`/reports/compliance.csv${range}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="vigil-recall-compliance-2025-05-01-to-2025-06-20.csv"',
    );
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.recall_number} ${r.asset_tag}`)).toEqual([
      'Z-2101-2024 BME-1001',
      'Z-2103-2024 BME-1004',
      'Z-2103-2024 BME-1005',
      'Z-2104-2024 BME-1006',
      'Z-2105-2024 BME-1007',
      'Z-2106-2024 BME-1008',
      'Z-2106-2024 BME-1009',
      'Z-2108-2024 BME-1010',
    ]);
    expect(rows[0]).toMatchObject({
      class: 'Class I',
      firm: 'CareFusion 303, Inc.',
      opened_at: '2025-06-01T10:00:00.000Z',
      due: '2025-06-03',
      state: 'Closed',
      closed_at: '2025-06-03T16:00:00.000Z',
      closed_by: 'J. Rivera',
      days_to_close: '2',
      on_time: 'On time',
      device: 'BD Alaris PC Unit 8015',
      disposition: 'Removed from service',
      disposition_note: 'checked on site',
      disposition_by: 'J. Rivera',
      disposition_at: '2025-06-02T09:30:00.000Z',
    });
    expect(rows[1]).toMatchObject({ on_time: 'Late', days_to_close: '4', disposition: 'Corrected' });
    expect(rows[3]).toMatchObject({
      class: 'Unclassified',
      state: 'New',
      on_time: 'Open, overdue',
      disposition: '',
    });
  });

  it('when FDA text holds markup or a formula, then the page escapes it and the CSV keeps it text', async () => {
    const viewer = await signedIn(web.app, db, 'viewer');
    db.update(recalls)
      .set({ recallingFirm: '<script>alert(1)</script>' })
      .where(eq(recalls.productResNumber, 'Z-2104-2024'))
      .run();
    db.update(recalls)
      .set({ recallingFirm: '=HYPERLINK("http://evil.example")' })
      .where(eq(recalls.productResNumber, 'Z-2105-2024'))
      .run();
    const html = await (await viewer.get(`/reports/compliance${range}`)).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const csv = await (await viewer.get(`/reports/compliance.csv${range}`)).text();
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.recall_number === 'Z-2105-2024')!.firm).toBe(
      `'=HYPERLINK("http://evil.example")`,
    );
  });

  it('when no range is given, then the report covers the 90 days up to today', async () => {
    const viewer = await signedIn(web.app, db, 'viewer');
    setCase('Z-2102-2024', { openedAt: '2025-03-21T23:00:00.000Z' });
    setCase('Z-2104-2024', { openedAt: '2025-03-22T00:30:00.000Z' });
    const html = await (await viewer.get('/reports/compliance')).text();
    expect(html).toContain('Recall compliance: 2025-03-22 to 2025-06-20');
    expect(html).toContain('value="2025-03-22"');
    expect(html).not.toContain('Z-2102-2024');
    expect(html).toContain('Z-2104-2024');
    expect(html).toContain('href="/reports/compliance.csv?from=2025-03-22&amp;to=2025-06-20"');
  });

  it('when a date is not a real day, then the form comes back with the message and what was typed', async () => {
    const viewer = await signedIn(web.app, db, 'viewer');
    const res = await viewer.get('/reports/compliance?from=2025-02-30&to=2025-06-20');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('The start is not a date: write it as YYYY-MM-DD, such as 2026-01-31.');
    expect(html).toContain('value="2025-02-30"');
    expect(html).toContain('value="2025-06-20"');
    expect(html).not.toContain('Z-2101-2024');
  });

  it('when the start is after the end, then the page and the CSV answer 422 and say so', async () => {
    const viewer = await signedIn(web.app, db, 'viewer');
    const page = await viewer.get('/reports/compliance?from=2025-06-20&to=2025-05-01');
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain('The start of the range is after its end.');
    expect(html).toContain('value="2025-06-20"');
    expect(html).toContain('value="2025-05-01"');
    const csv = await viewer.get('/reports/compliance.csv?from=junk&to=2025-05-01');
    expect(csv.status).toBe(422);
    expect(await csv.text()).toContain('value="junk"');
  });

  it('when anyone asks without signing in, then they are sent to sign in, and every role may read', async () => {
    const anonymous = new WebClient(web.app);
    for (const pathname of [`/reports/compliance${range}`, `/reports/compliance.csv${range}`]) {
      const res = await anonymous.get(pathname);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(pathname)}`);
    }
    for (const role of ['viewer', 'technician', 'admin'] as const) {
      const client = await signedIn(web.app, db, role);
      expect((await client.get(`/reports/compliance${range}`)).status).toBe(200);
      expect((await client.get(`/reports/compliance.csv${range}`)).status).toBe(200);
    }
  });
});
