import { describe, expect, it } from 'vitest';
import type { IndexedField } from '../../support/fake-openfda/fields';
import {
  compareEntries,
  encodeSearchAfter,
  indexAfter,
  nextLink,
  parseSearchAfter,
  parseSort,
  type SortedEntry,
  type SortField,
  sortEntries,
  sortValue,
} from '../../support/fake-openfda/paging';
import { checkParams } from '../../support/fake-openfda/params';
import { ApiError } from '../../support/fake-openfda/responses';

const dateSort = (name: string, order: 'asc' | 'desc' = 'asc'): SortField => ({
  field: { name, path: [name], kind: 'date' } satisfies IndexedField,
  order,
});
const entry = (id: string, keys: SortedEntry['keys']): SortedEntry => ({ id, keys, record: {} });
const fullPage = (size: number, last: SortedEntry) => [
  ...Array.from({ length: size - 1 }, (_, i) => entry(`x${i}`, [])),
  last,
];

function apiError(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('no ApiError');
}

describe('nextLink (traversal.js)', () => {
  it('when a date-sorted page is full, then the Link matches the one in paging.md', () => {
    const { linkQuery } = checkParams([
      ['search', 'patient.drug.openfda.product_type.exact:"HUMAN PRESCRIPTION DRUG"'],
      ['limit', '100'],
      ['sort', 'receivedate:asc'],
    ]);
    const sorts = [dateSort('receivedate')];
    const last = entry('safetyreport#4022687', [1068076800000]);
    const link = nextLink({
      origin: 'https://api.fda.gov',
      path: '/drug/event.json',
      linkQuery,
      skip: 0,
      limit: 100,
      total: 5000,
      page: fullPage(100, last),
      sorts,
    });
    // Verbatim from open.fda.gov src/pages/apis/paging.md (openfda-api-examples.json link_headers[0]).
    expect(link).toBe(
      'https://api.fda.gov/drug/event.json?search=patient.drug.openfda.product_type.exact%3A%22HUMAN%20PRESCRIPTION%20DRUG%22&limit=100&sort=receivedate%3Aasc&skip=0&search_after=0%3D1068076800000%3B1%3Dsafetyreport%25234022687',
    );
  });

  it('when there is no sort and no limit, then skip and limit are appended and the cursor is the _id alone', () => {
    const { linkQuery } = checkParams([
      ['search', 'product_id:"0002-0213_42527ae4-c593-4e13-8b77-c0511198c708"'],
    ]);
    const link = nextLink({
      origin: 'https://api.fda.gov',
      path: '/drug/ndc.json',
      linkQuery,
      skip: 0,
      limit: 1,
      total: 2,
      page: [entry('WMYHp5oBZsGX9tlNvifL', [])],
      sorts: [],
    });
    // Verbatim from FDA/openfda issue #216 (openfda-api-examples.json link_headers[1]).
    expect(link).toBe(
      'https://api.fda.gov/drug/ndc.json?search=product_id%3A%220002-0213_42527ae4-c593-4e13-8b77-c0511198c708%22&skip=0&limit=1&search_after=0%3DWMYHp5oBZsGX9tlNvifL',
    );
  });

  it('when the page is the whole result or not full, then there is no Link', () => {
    const base = {
      origin: 'http://h',
      path: '/device/recall.json',
      linkQuery: [] as [string, string][],
      skip: 0,
      sorts: [],
    };
    expect(nextLink({ ...base, limit: 2, total: 2, page: [entry('a', []), entry('b', [])] })).toBeUndefined();
    expect(nextLink({ ...base, limit: 3, total: 9, page: [entry('a', []), entry('b', [])] })).toBeUndefined();
    expect(nextLink({ ...base, limit: 2, total: 9, page: [entry('a', []), entry('b', [])] })).toBeDefined();
  });

  it('when skip is used, then the Link moves skip by limit while results remain', () => {
    const { linkQuery } = checkParams([
      ['skip', '10'],
      ['limit', '5'],
    ]);
    const base = {
      origin: 'http://h',
      path: '/device/recall.json',
      linkQuery,
      skip: 10,
      limit: 5,
      page: [],
      sorts: [],
    };
    expect(nextLink({ ...base, total: 16 })).toBe('http://h/device/recall.json?skip=15&limit=5');
    expect(nextLink({ ...base, total: 15 })).toBeUndefined();
  });
});

describe('search_after cursors', () => {
  it('when a sort value is missing, then the cursor carries Long.MAX_VALUE ascending, Long.MIN_VALUE descending', () => {
    expect(encodeSearchAfter(entry('Z-0001-2021', [null]), [dateSort('event_date_posted')])).toBe(
      '0=9223372036854775807;1=Z-0001-2021',
    );
    expect(encodeSearchAfter(entry('Z-0001-2021', [null]), [dateSort('event_date_posted', 'desc')])).toBe(
      '0=-9223372036854775808;1=Z-0001-2021',
    );
  });

  it('when a cursor is read back, then it resumes right after its entry', () => {
    const sorts = [dateSort('d')];
    const entries = sortEntries(
      [entry('c', [null]), entry('b', [20]), entry('a', [20]), entry('d', [10])],
      sorts,
    );
    expect(entries.map((e) => e.id)).toEqual(['d', 'a', 'b', 'c']);
    for (const [i, e] of entries.entries()) {
      expect(indexAfter(entries, parseSearchAfter(encodeSearchAfter(e, sorts), sorts), sorts)).toBe(i + 1);
    }
  });

  it('when a cursor has the wrong number of values, then ES fails and openFDA answers 500', () => {
    const error = apiError(() => parseSearchAfter('0=abc', [dateSort('d')]));
    expect(error.status).toBe(500);
    expect(error.details).toContain('search_after has 1 value(s) but sort has 2');
  });
});

describe('sorting', () => {
  it('when a sort names a text field, then openFDA answers 400', () => {
    const error = apiError(() => parseSort('recall', 'reason_for_recall:asc'));
    expect(error.body).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'Sorting allowed by non-analyzed fields only: reason_for_recall',
      },
    });
  });

  it('when a sort names date, keyword, .exact or long fields, then it is accepted', () => {
    expect(parseSort('recall', 'event_date_posted:desc,recalling_firm.exact:asc,recall_status')).toHaveLength(
      3,
    );
    expect(parseSort('enforcement', 'event_id:asc')).toHaveLength(1);
  });

  it('when a record has several values, then ascending uses the smallest and descending the largest', () => {
    const record = { device: [{ date_received: '20200105' }, { date_received: '20200101' }] };
    const field: IndexedField = {
      name: 'device.date_received',
      path: ['device', 'date_received'],
      kind: 'date',
    };
    expect(sortValue(record, { field, order: 'asc' })).toBe(Date.UTC(2020, 0, 1));
    expect(sortValue(record, { field, order: 'desc' })).toBe(Date.UTC(2020, 0, 5));
  });

  it('when values tie, then _id decides, and missing values sort last in both directions', () => {
    const desc = [dateSort('d', 'desc')];
    expect(compareEntries(entry('a', [5]), entry('b', [5]), desc)).toBeLessThan(0);
    expect(compareEntries(entry('a', [null]), entry('b', [1]), desc)).toBeGreaterThan(0);
  });
});
