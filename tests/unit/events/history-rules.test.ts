import { describe, expect, it } from 'vitest';
import {
  decide,
  type FetchState,
  historySearches,
  isAbandoned,
  readHistoryAsk,
  searchLink,
} from '../../../src/events/history-rules';

const now = new Date('2026-03-16T09:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

const fetch = (over: Partial<FetchState>): FetchState => ({
  id: 1,
  kind: 'product_code',
  value: 'FRN',
  status: 'succeeded',
  startedAt: daysAgo(1),
  finishedAt: daysAgo(1),
  heartbeatAt: daysAgo(1),
  pid: null,
  ...over,
});

describe('reading what was asked', () => {
  it('when a product code is typed in lower case with spaces, then it is the upper-case code', () => {
    expect(readHistoryAsk('product_code', ' frn ')).toEqual({
      ok: true,
      ask: { kind: 'product_code', value: 'FRN' },
    });
  });

  it('when a product code is not three letters, then it says what one looks like', () => {
    expect(readHistoryAsk('product_code', 'FR1')).toEqual({
      ok: false,
      problem: 'A product code is three letters, such as FRN.',
    });
  });

  it('when a manufacturer is typed, then it is kept as typed with its spaces collapsed', () => {
    expect(readHistoryAsk('manufacturer', '  Becton,  Dickinson and Co. ')).toEqual({
      ok: true,
      ask: { kind: 'manufacturer', value: 'Becton, Dickinson and Co.' },
    });
  });

  it('when a manufacturer has fewer than three searchable letters, then it is refused', () => {
    expect(readHistoryAsk('manufacturer', 'B®').ok).toBe(false);
    expect(readHistoryAsk('manufacturer', '###').ok).toBe(false);
    expect(readHistoryAsk('manufacturer', 'GE ').ok).toBe(false);
  });

  it('when the kind is neither, then it asks for one', () => {
    expect(readHistoryAsk('brand', 'Alaris').ok).toBe(false);
    expect(readHistoryAsk(undefined, 'FRN').ok).toBe(false);
  });
});

describe('the searches openFDA is asked', () => {
  it('when a manufacturer is asked, then its words are a phrase, sanitised, dated reports newest first and then the undated', () => {
    expect(historySearches({ kind: 'manufacturer', value: 'Société Médicale #1 "Paris"' })).toEqual([
      {
        search: '((device.manufacturer_d_name:"Societe Medicale 1 Paris") AND (_exists_:date_received))',
        sort: 'date_received:desc',
      },
      {
        search: '((device.manufacturer_d_name:"Societe Medicale 1 Paris") AND (NOT _exists_:date_received))',
        sort: undefined,
      },
    ]);
  });

  it('when a product code is asked, then it is searched on the device report product code', () => {
    expect(historySearches({ kind: 'product_code', value: 'FRN' })[0]!.search).toBe(
      '((device.device_report_product_code:"FRN") AND (_exists_:date_received))',
    );
  });
});

describe('whether an ask starts a fetch', () => {
  it('when nothing was fetched before, then it starts', () => {
    expect(decide([], now, false)).toEqual({ outcome: 'start' });
  });

  it('when one is running, then it is watched, even when forced', () => {
    const running = fetch({ status: 'running', finishedAt: null });
    expect(decide([running], now, true)).toEqual({ outcome: 'running', fetch: running });
  });

  it('when one succeeded 6 days ago, then it is pointed at unless forced', () => {
    const recent = fetch({ finishedAt: daysAgo(6) });
    expect(decide([recent], now, false)).toEqual({ outcome: 'recent', fetch: recent });
    expect(decide([recent], now, true)).toEqual({ outcome: 'start' });
  });

  it('when the last success is 8 days old or the last fetch failed, then it starts', () => {
    expect(decide([fetch({ finishedAt: daysAgo(8) })], now, false)).toEqual({ outcome: 'start' });
    expect(decide([fetch({ status: 'failed' })], now, false)).toEqual({ outcome: 'start' });
  });
});

describe('telling a dead fetch from a slow one', () => {
  const running = fetch({ status: 'running', finishedAt: null, pid: 42, heartbeatAt: daysAgo(0) });

  it('when its process is alive and it wrote a page lately, then it is running', () => {
    expect(isAbandoned(running, now, () => true)).toBe(false);
  });

  it('when its process is gone, then it was abandoned', () => {
    expect(isAbandoned(running, now, () => false)).toBe(true);
  });

  it('when it has not written a page for 16 minutes, then it was abandoned', () => {
    const quiet = { ...running, heartbeatAt: new Date(now.getTime() - 16 * 60_000).toISOString() };
    expect(isAbandoned(quiet, now, () => true)).toBe(true);
  });
});

describe('the link to the local search', () => {
  it('when a manufacturer or a product code, then the search page filtered by it', () => {
    expect(searchLink({ kind: 'manufacturer', value: 'Acme & Co' })).toBe('/events?manufacturer=Acme+%26+Co');
    expect(searchLink({ kind: 'product_code', value: 'FRN' })).toBe('/events?productCode=FRN');
  });
});
