import { describe, expect, it } from 'vitest';
import { feeds } from '../../../src/openfda/feeds';
import { keyBatches, maudeScopes, type PlanInput, planSync } from '../../../src/openfda/plan';
import type { Cursor } from '../../../src/openfda/runs';

const cursor = (scope: string, fields: Partial<Cursor>): [string, Cursor] => [
  scope,
  { feed: 'recall', scope, highWater: null, resumePhase: null, resumeFrom: null, updatedAt: '', ...fields },
];

const base: PlanInput = {
  feed: feeds.recall,
  cursors: new Map(),
  today: '2026-11-21',
  full: false,
  repullDays: 90,
  lastFullAt: '2026-11-20T03:00:00.000Z',
  fullReconcileDays: 7,
};

describe('planSync', () => {
  it('when a feed was never synced, then the run is full: dated records by date, then the undated ones', () => {
    const plan = planSync(base);
    expect(plan.full).toBe(true);
    expect(plan.units.map((u) => [u.phase, u.search, u.sort])).toEqual([
      ['new', '(_exists_:event_date_posted)', 'event_date_posted:asc'],
      ['undated', '(NOT _exists_:event_date_posted)', undefined],
    ]);
  });

  it('when a feed is synced, then the run re-pulls the trailing window and re-checks open records', () => {
    const plan = planSync({ ...base, cursors: new Map([cursor('', { highWater: '2026-11-19' })]) });
    expect(plan.full).toBe(false);
    expect(plan.units.map((u) => [u.phase, u.search])).toEqual([
      ['new', '(event_date_posted:[2026-08-21 TO *])'],
      ['open', '(recall_status:"Open, Classified")'],
    ]);
  });

  it('when the feed writes dates as YYYYMMDD, then the range does too', () => {
    const plan = planSync({
      ...base,
      feed: feeds.enforcement,
      cursors: new Map([cursor('', { highWater: '2026-11-19' })]),
    });
    expect(plan.units[0]!.search).toBe('(report_date:[20260821 TO *])');
    expect(plan.units[1]!.search).toBe('(status:Ongoing)');
  });

  it('when a run was cut off, then the next one carries on from its last committed page', () => {
    const incremental = planSync({
      ...base,
      cursors: new Map([
        cursor('', { highWater: '2026-11-19', resumePhase: 'new', resumeFrom: '2026-10-02' }),
      ]),
    });
    expect(incremental.units[0]!.search).toBe('(event_date_posted:[2026-10-02 TO *])');
    const full = planSync({
      ...base,
      cursors: new Map([
        cursor('', { highWater: '2015-06-01', resumePhase: 'full', resumeFrom: '2015-06-01' }),
      ]),
    });
    expect(full.full).toBe(true);
    expect(full.units.map((u) => u.search)).toEqual([
      '(event_date_posted:[2015-06-01 TO *])',
      '(NOT _exists_:event_date_posted)',
    ]);
  });

  it('when the last full reconcile is older than the setting, then this run is full', () => {
    const cursors = new Map([cursor('', { highWater: '2026-11-19' })]);
    expect(planSync({ ...base, cursors, lastFullAt: '2026-11-13T00:00:00Z' }).full).toBe(true);
    expect(planSync({ ...base, cursors, lastFullAt: '2026-11-15T00:00:00Z' }).full).toBe(false);
    expect(planSync({ ...base, cursors, lastFullAt: null, fullReconcileDays: 0 }).full).toBe(false);
  });

  it('when a feed has no date to follow, then it is pulled whole', () => {
    expect(planSync({ ...base, feed: feeds.classification }).units).toEqual([
      { phase: 'all', scopes: [''], search: undefined, sort: undefined },
    ]);
  });
});

describe('planning MAUDE', () => {
  const maude = (scopes: ReturnType<typeof maudeScopes>, cursors: [string, Cursor][] = []) =>
    planSync({
      ...base,
      feed: feeds.event,
      cursors: new Map(cursors),
      maude: { scopes, windowStart: '2021-11-21' },
    });

  it('when following codes and firms, then new ones start at the window and synced ones at their cursor', () => {
    const scopes = maudeScopes('followed', ['frn', 'DQA', 'FRN'], ['Dräger Medical GmbH']);
    expect(scopes.map((s) => s.scope)).toEqual([
      'product_code:FRN',
      'product_code:DQA',
      'manufacturer:dräger medical gmbh',
    ]);
    const plan = maude(scopes, [cursor('product_code:FRN', { highWater: '2026-11-01' })]);
    expect(plan.units.map((u) => [u.scopes, u.search])).toEqual([
      [
        ['product_code:DQA', 'manufacturer:dräger medical gmbh'],
        '(((device.device_report_product_code.exact:"DQA" OR device.manufacturer_d_name:"Drager Medical GmbH")) AND (date_received:[20211121 TO *]))',
      ],
      [
        ['product_code:FRN'],
        '((device.device_report_product_code.exact:"FRN") AND (date_received:[20260803 TO *]))',
      ],
    ]);
  });

  it('when a full MAUDE run was cut off, then the next run carries on from its last saved page and stays full, asked for or not', () => {
    const cut = cursor('all', { highWater: '2024-03-02', resumePhase: 'full', resumeFrom: '2024-03-02' });
    for (const full of [true, false]) {
      const plan = planSync({
        ...base,
        full,
        feed: feeds.event,
        cursors: new Map([cut]),
        maude: { scopes: maudeScopes('all', [], []), windowStart: '2021-11-21' },
      });
      expect(plan.full).toBe(true);
      expect(plan.units.map((u) => u.search)).toEqual(['(date_received:[20240302 TO *])']);
    }
  });

  it('when mirroring everything, then one query covers the window', () => {
    expect(maude(maudeScopes('all', [], [])).units.map((u) => u.search)).toEqual([
      '(date_received:[20211121 TO *])',
    ]);
  });

  it('when nothing is followed, then nothing is asked and the note says what to set', () => {
    const plan = maude([]);
    expect(plan.units).toEqual([]);
    expect(plan.note).toMatch(/VIGIL_MAUDE_SCOPE=all/);
  });

  it('when following many product codes, then they are asked twenty at a time', () => {
    const codes = Array.from({ length: 45 }, (_, i) => `A${String(i).padStart(2, '0')}`);
    expect(maude(maudeScopes('followed', codes, [])).units.map((u) => u.scopes.length)).toEqual([20, 20, 5]);
  });
});

describe('keyBatches', () => {
  it('when re-checking open records by key, then keys go in exact-match batches', () => {
    expect(keyBatches('recall_number.exact', ['Z-1', 'Z-2', 'Z-3'], 2)).toEqual([
      '((recall_number.exact:"Z-1" OR recall_number.exact:"Z-2"))',
      '(recall_number.exact:"Z-3")',
    ]);
  });
});
