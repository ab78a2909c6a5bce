import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { readEventFilters } from '../../src/events/filters';
import { createManufacturerNames, manufacturerVariants } from '../../src/events/manufacturers';
import { markEnd, markStart } from '../../src/events/marked-words';
import { searchEvents } from '../../src/events/queries';
import { eventIndexBacklog } from '../../src/events/search-index';
import { eventFilters, openEventFixtureDb } from '../support/events';
import { runVigil } from '../support/vigil';

let db: Db;
let file: string;
let close: () => void;
beforeEach(async () => {
  ({ db, file, close } = await openEventFixtureDb());
});
afterEach(() => close());

const search = (raw: Record<string, string>, page = 1, pageSize = 50) =>
  searchEvents(db, createManufacturerNames(db), eventFilters(raw), { page, pageSize });

describe('searching MAUDE', () => {
  it('when a manufacturer is asked for, then every spelling of it is gathered and shown', () => {
    const result = search({ manufacturer: 'Acme Infusion Systems' });
    expect(result.variants.map((v) => v.name).sort()).toEqual([
      'ACME INFUSION SYSTEMS INC',
      'ACME INFUSION SYSTEMS, INC.',
    ]);
    expect(result.total).toBe(10);
    expect(result.rows.every((r) => r.manufacturer?.startsWith('ACME INFUSION SYSTEMS'))).toBe(true);
    expect(search({ manufacturer: 'Acme Inf' }).total).toBe(0);
  });

  it('when narrative words are given, then the reports holding them come with the words marked', () => {
    const result = search({ text: 'infusion pump', eventType: 'death' });
    expect(result.total).toBe(2);
    expect(result.rows.map((r) => r.dateReceived).sort()).toEqual(['2019-01-07', '2022-10-01']);
    expect(result.rows[0]!.snippet).toContain(`${markStart}INFUSION${markEnd}`);
  });

  it('when filters are combined, then each narrows, and the facets count what is left', () => {
    const result = search({ productCode: 'frn', from: '2020-01-01', to: '2022-12-31' });
    expect(result.total).toBe(5);
    expect(result.facets.year.reduce((n, f) => n + f.count, 0)).toBe(5);
    expect(search({ model: '8000' }).total).toBe(5);
    expect(search({ brand: 'venti' }).total).toBe(10);
  });

  it('when results run over a page, then pages follow on without repeats', () => {
    const first = search({}, 1, 20);
    const second = search({}, 2, 20);
    expect(first.total).toBe(30);
    expect(second.rows).toHaveLength(10);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.reportKey)).size).toBe(30);
  });

  it('when a report is revised or removed, then the next search finds it as it now is', () => {
    expect(search({ text: 'kaleidoscope' }).total).toBe(0);
    const key = search({ model: '8000', manufacturer: 'Acme Infusion Systems' }).rows[0]!.reportKey;
    db.run(sql`UPDATE maude_texts SET text = 'THE KALEIDOSCOPE SCREEN FROZE' WHERE report_key = ${key}`);
    db.run(sql`UPDATE maude_reports SET raw = raw || ' ' WHERE report_key = ${key}`);
    expect(eventIndexBacklog(db).pending).toBe(1);
    expect(search({ text: 'kaleidoscope' }).rows.map((r) => r.reportKey)).toEqual([key]);
    db.run(sql`DELETE FROM maude_reports WHERE report_key = ${key}`);
    expect(search({ text: 'kaleidoscope' }).total).toBe(0);
  });

  it('when what is asked cannot be read, then each problem is said in words', () => {
    const read = readEventFilters({
      from: '2024-02-30',
      eventType: 'explosion',
      productCode: 'F1',
      text: '!!',
    });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems).toEqual([
      'a product code is three letters, such as FRN',
      '"2024-02-30" is not a date: write it as YYYY-MM-DD, such as 2024-01-31',
      'the event type is one of Death, Injury, Malfunction, Other, No answer provided, No type given',
      'the narrative search has no word to look for',
    ]);
  });
});

describe('manufacturer name variants', () => {
  it.each([
    ['Baxter', ['BAXTER HEALTHCARE CORPORATION', 'Baxter Healthcare Corp.', 'BAXTER']],
    ['Becton Dickinson', ['BECTON, DICKINSON AND CO.', 'BECTON DICKINSON INFUSION THERAPY']],
    ['Respironics', ['PHILIPS / RESPIRONICS, INC.', 'RESPIRONICS, INC']],
  ])('when %s is asked for, then its spellings are gathered and others are not', (asked, expected) => {
    const names = [...expected, 'BAXALTA US INC', 'BD SWITZERLAND', 'PHILIPS MEDICAL SYSTEMS'].map(
      (name, i) => ({
        name,
        reports: 10 - i,
      }),
    );
    expect(
      manufacturerVariants(names, asked)
        .map((v) => v.name)
        .sort(),
    ).toEqual([...expected].sort());
  });
});

describe('vigil events search', () => {
  it('when run with filters, then it prints the result as JSON or CSV; bad filters fail with one line', async () => {
    const json = await runVigil(
      [
        'events',
        'search',
        '--manufacturer',
        'acme infusion systems',
        '--event-type',
        'Death',
        '--format',
        'json',
      ],
      { VIGIL_DB: file },
    );
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      total: number;
      order: string;
      reports: { snippet: string }[];
    };
    expect(parsed.total).toBe(2);
    expect(parsed.order).toBe('newest');
    expect(parsed.reports[0]!.snippet).not.toContain(markStart);
    const csv = await runVigil(['events', 'search', '--product-code', 'CBK', '--format', 'csv'], {
      VIGIL_DB: file,
    });
    expect(csv.stdout.trim().split('\n')).toHaveLength(11);
    const bad = await runVigil(['events', 'search', '--from', 'yesterday'], { VIGIL_DB: file });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('is not a date');
  });
});
