import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { createManufacturerNames } from '../../src/events/manufacturers';
import { searchEvents } from '../../src/events/queries';
import { eventTrends } from '../../src/events/trends';
import { importFiles } from '../../src/openfda/bulk/import';
import { EventTrends } from '../../views/events/event-trends';
import { eventFilters, openEventFixtureDb } from '../support/events';
import { captureLog, tempDir } from '../support/vigil';

let db: Db;
let close: () => void;
beforeEach(async () => {
  ({ db, close } = await openEventFixtureDb());
});
afterEach(() => close());

const trends = (raw: Record<string, string>) =>
  eventTrends(db, createManufacturerNames(db), eventFilters(raw), 'auto');
const searched = (raw: Record<string, string>) =>
  searchEvents(db, createManufacturerNames(db), eventFilters(raw), { page: 1, pageSize: 1 }).total;
const charted = (view: ReturnType<typeof trends>) => view.buckets.reduce((n, b) => n + b.total, 0);

describe('trends of a MAUDE search', () => {
  it('when a manufacturer is asked for, then its reports are counted per quarter by event type', () => {
    const view = trends({ manufacturer: 'Acme Infusion Systems' });
    expect(view.grain).toBe('quarter');
    expect(view.buckets).toHaveLength(16); // 2019 Q1 to 2022 Q4, the empty quarters as zeros
    const byPeriod = Object.fromEntries(view.buckets.filter((b) => b.total).map((b) => [b.period, b.counts]));
    expect(byPeriod).toEqual({
      '2019-Q1': { Death: 1, Injury: 0, Malfunction: 1, Other: 1 },
      '2019-Q3': { Death: 0, Injury: 1, Malfunction: 1, Other: 0 },
      '2022-Q2': { Death: 0, Injury: 1, Malfunction: 0, Other: 1 },
      '2022-Q4': { Death: 1, Injury: 0, Malfunction: 2, Other: 0 },
    });
    expect(view.total).toBe(searched({ manufacturer: 'Acme Infusion Systems' }));
    expect(charted(view)).toBe(10);
    expect(view.tops.generic).toEqual([{ value: 'INFUSION PUMP', count: 10 }]);
    expect(view.tops.brand[0]).toEqual({ value: 'INFUSION 8000', count: 2 });
  });

  it('when filters are combined, then the chart counts exactly the reports the search finds', () => {
    const asked: Record<string, string>[] = [
      {},
      { text: 'infusion pump' },
      { productCode: 'frn', from: '2020-01-01', to: '2022-12-31' },
      { manufacturer: 'Northwind Medical', eventType: 'malfunction' },
      { brand: 'venti', text: 'ventilator' },
    ];
    for (const raw of asked) {
      const view = trends(raw);
      expect(view.total, JSON.stringify(raw)).toBeGreaterThan(0);
      expect(view.total, JSON.stringify(raw)).toBe(searched(raw));
      expect(charted(view) + view.undated).toBe(view.total);
    }
    expect(trends({ from: '2024-01-01' }).grain).toBe('month');
    expect(trends({ manufacturer: 'Acme Inf' })).toMatchObject({ total: 0, buckets: [] });
  });

  it('when drawn, then there is a bar per period, its counts in words, and a table of the same numbers', () => {
    const view = trends({ manufacturer: 'Acme Infusion Systems' });
    const html = (<EventTrends view={view} />).toString();
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="Reports per quarter by event type, 2019 Q1 to 2022 Q4; 10 reports"');
    expect(html.match(/<g class="bar">/g)).toHaveLength(16);
    expect(html).toContain('<title>2019 Q1, Death: 1 report</title>');
    expect(html).toContain('<title>2022 Q4, Malfunction: 2 reports</title>');
    expect(html).toContain('<title>2019 Q2: 0 reports</title>');
    const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    expect(body.match(/<tr>/g)).toHaveLength(16);
    const foot = html.slice(html.indexOf('<tfoot>'), html.indexOf('</tfoot>'));
    expect([...foot.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]))).toEqual([
      2, 2, 4, 2, 10,
    ]);
    for (const type of ['Death', 'Injury', 'Malfunction', 'Other'])
      expect(html).toContain(`</svg>${type}</li>`);
    // Every other quarter is named along the axis, and none crowds the last.
    expect([...html.matchAll(/>(\d{4} Q\d)<\/text>/g)].map((m) => m[1])).toEqual([
      '2019 Q1',
      '2019 Q3',
      '2020 Q1',
      '2020 Q3',
      '2021 Q1',
      '2021 Q3',
      '2022 Q1',
      '2022 Q4',
    ]);
  });

  it('when a brand name holds markup, then it is shown as text', () => {
    db.run(
      sql`UPDATE maude_devices SET brand_name = '<script>alert(1)</script>' WHERE brand_name = 'INFUSION 8000'`,
    );
    const html = (<EventTrends view={trends({ manufacturer: 'Acme Infusion Systems' })} />).toString();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;');
  });
});

describe('missing data is not zero', () => {
  it('when reports give no event type, then the facet counts them as "No type given" and the filter finds them', () => {
    db.run(sql`UPDATE maude_reports SET event_type = NULL, raw = raw || ' '
      WHERE report_key IN (SELECT report_key FROM maude_reports ORDER BY report_key LIMIT 4)`);
    const result = searchEvents(db, createManufacturerNames(db), eventFilters({ from: '2019-01-01' }), {
      page: 1,
      pageSize: 50,
    });
    expect(result.facets.eventType).toContainEqual({ value: 'No type given', count: 4 });
    expect(result.facets.eventType.reduce((n, f) => n + f.count, 0)).toBe(result.total);
    expect(searched({ eventType: 'No type given' })).toBe(4);
  });

  it('when Vigil does not hold the earlier year, then "Is it rising?" says it is not stored', async () => {
    // One report a month for a maker, from July 2023 to December 2024: the first half of 2023 is not stored.
    const months = Array.from({ length: 18 }, (_, i) => {
      const d = new Date(Date.UTC(2023, 6 + i, 15));
      return d.toISOString().slice(0, 10).replaceAll('-', '');
    });
    const results = months.map((day, i) => ({
      mdr_report_key: `M-${i}`,
      report_number: `9999999-${day}-${i}`,
      date_received: day,
      event_type: 'Malfunction',
      device: [
        {
          manufacturer_d_name: 'MONTHLY DEVICES INC',
          brand_name: 'STEADY',
          device_report_product_code: 'FRN',
        },
      ],
    }));
    const file = path.join(tempDir(), 'device-event-monthly.json');
    fs.writeFileSync(file, JSON.stringify({ meta: { results: { total: results.length } }, results }));
    await importFiles({ db, now: () => new Date(), log: captureLog().log }, [file]);
    db.run(sql`DELETE FROM maude_reports WHERE date_received < '2023-07-01'`);
    const view = trends({ manufacturer: 'Monthly Devices' });
    expect(view.yearOnYear).toMatchObject({
      to: 'Dec 2024',
      recent: { total: 12 },
      before: null,
      missing: { from: 'Jan 2023', to: 'Jun 2023', heldRecent: 12, heldBefore: 6 },
    });
    const html = String(<EventTrends view={view} />);
    expect(html).toContain(
      'The 12 months before: not stored (Vigil holds MAUDE reports for only 6 of those months), so there is nothing to compare with',
    );
    expect(html).not.toContain('None of the reports');
  });
});
