import { describe, expect, it } from 'vitest';
import {
  type AssetRecord,
  type CaseRecord,
  complianceTotals,
  dayAfter,
  daysToClose,
  defaultRange,
  judgeCases,
  median,
  timelinessOf,
  totalsByClass,
} from '../../../src/reports/compliance';

const dueDays = { I: 2, II: 7, III: 30, unclassified: 7 };
const now = new Date('2025-06-20T15:00:00.000Z');

function aCase(fields: Partial<CaseRecord> & { productResNumber: string }): CaseRecord {
  return {
    classification: 'Class II',
    firm: 'Baxter Healthcare Corporation',
    product: 'Spectrum IQ Infusion System',
    openedAt: '2025-06-01T10:00:00.000Z',
    dueOverride: null,
    state: 'new',
    assignedTo: null,
    closedAt: null,
    closedBy: null,
    beforeVigil: false,
    ...fields,
  };
}

/**
 * Five cases opened on 1 June, judged on 20 June: a Class I closed on its due day (3 June), a
 * Class I closed a day late, a Class II closed in 5 days, a Class II still open past 8 June,
 * and a Class III with until 1 July.
 */
const cases = [
  aCase({
    productResNumber: 'Z-1',
    classification: 'Class I',
    closedAt: '2025-06-03T23:59:00.000Z',
    state: 'closed',
  }),
  aCase({
    productResNumber: 'Z-2',
    classification: 'Class I',
    closedAt: '2025-06-04T08:00:00.000Z',
    state: 'closed',
  }),
  aCase({ productResNumber: 'Z-3', closedAt: '2025-06-06T09:00:00.000Z', state: 'closed' }),
  aCase({ productResNumber: 'Z-4', state: 'in_progress' }),
  aCase({ productResNumber: 'Z-5', classification: 'Class III', state: 'assigned' }),
];
const judged = judgeCases(cases, [], dueDays, now);

describe('days to close and timeliness', () => {
  it('when a case closes the day after it opened, then it took 1 day, whatever the hours', () => {
    expect(daysToClose('2025-06-01T23:30:00.000Z', '2025-06-02T00:10:00.000Z')).toBe(1);
    expect(daysToClose('2025-06-01T01:00:00.000Z', '2025-06-01T22:00:00.000Z')).toBe(0);
  });

  it('when a case is open, then it has no days to close', () => {
    expect(daysToClose('2025-06-01T10:00:00.000Z', null)).toBeNull();
  });

  it('when a case closes on its due day, then it is on time; the day after, late', () => {
    expect(timelinessOf('2025-06-03', '2025-06-03T23:59:00.000Z', now)).toBe('on_time');
    expect(timelinessOf('2025-06-03', '2025-06-04T00:01:00.000Z', now)).toBe('late');
  });

  it('when an open case is due today, then it is not yet overdue; from tomorrow it is', () => {
    expect(timelinessOf('2025-06-20', null, now)).toBe('open');
    expect(timelinessOf('2025-06-19', null, now)).toBe('overdue');
  });

  it('when a person set a due date, then it is judged against that date, not the class rule', () => {
    const [r] = judgeCases(
      [
        aCase({
          productResNumber: 'Z-9',
          classification: 'Class I',
          dueOverride: '2025-06-10',
          closedAt: '2025-06-09T12:00:00.000Z',
        }),
      ],
      [],
      dueDays,
      now,
    );
    expect(r!.due).toBe('2025-06-10');
    expect(r!.timeliness).toBe('on_time');
  });
});

describe('before Vigil', () => {
  it('when a baseline filed an open case as history, then it is "before Vigil", never overdue, and counted apart', () => {
    const old = judgeCases(
      [aCase({ productResNumber: 'Z-7', openedAt: '2025-01-01T10:00:00.000Z', beforeVigil: 1 })],
      [],
      dueDays,
      now,
    );
    expect(old[0]!.timeliness).toBe('before_vigil');
    const totals = complianceTotals(old);
    expect([totals.beforeVigil, totals.openOverdue, totals.due]).toEqual([1, 0, 0]);
  });
});

describe('judging cases', () => {
  it('when cases are judged, then each gets its class, due date and timeliness', () => {
    expect(
      judged.map((r) => [r.productResNumber, r.recallClass, r.due, r.daysToClose, r.timeliness]),
    ).toEqual([
      ['Z-1', 'I', '2025-06-03', 2, 'on_time'],
      ['Z-2', 'I', '2025-06-03', 3, 'late'],
      ['Z-3', 'II', '2025-06-08', 5, 'on_time'],
      ['Z-4', 'II', '2025-06-08', null, 'overdue'],
      ['Z-5', 'III', '2025-07-01', null, 'open'],
    ]);
  });

  it('when a recall has no classification, then it is due by the unclassified rule', () => {
    const [r] = judgeCases([aCase({ productResNumber: 'Z-8', classification: null })], [], dueDays, now);
    expect(r!.recallClass).toBeNull();
    expect(r!.due).toBe('2025-06-08');
  });

  it('when assets are given, then each lands under its own recall', () => {
    const asset = (productResNumber: string, assetTag: string): AssetRecord => ({
      productResNumber,
      assetTag,
      device: null,
      serialNumber: null,
      department: null,
      disposition: null,
      note: null,
      decidedBy: null,
      decidedAt: null,
      dismissal: null,
    });
    const [one, two] = judgeCases(
      cases.slice(0, 2),
      [asset('Z-1', 'BME-1'), asset('Z-2', 'BME-2'), asset('Z-1', 'BME-3')],
      dueDays,
      now,
    );
    expect(one!.assets.map((a) => a.assetTag)).toEqual(['BME-1', 'BME-3']);
    expect(two!.assets.map((a) => a.assetTag)).toEqual(['BME-2']);
  });
});

describe('totals', () => {
  it('when cases are totalled, then the share on time counts only the cases that were due', () => {
    expect(complianceTotals(judged)).toEqual({
      recalls: 5,
      closed: 3,
      closedOnTime: 2,
      due: 4,
      onTimeShare: 0.5,
      openOverdue: 1,
      openNotDue: 1,
      medianDaysToClose: 3,
      dismissedDevices: 0,
      beforeVigil: 0,
    });
  });

  it('when nothing was due yet, then there is no share and no median', () => {
    const totals = complianceTotals(judged.slice(4));
    expect(totals.onTimeShare).toBeNull();
    expect(totals.medianDaysToClose).toBeNull();
  });

  it('when totalled by class, then Class I comes first and classes without recalls are left out', () => {
    const byClass = totalsByClass(judged);
    expect(
      byClass.map((c) => [c.recallClass, c.totals.recalls, c.totals.closedOnTime, c.totals.onTimeShare]),
    ).toEqual([
      ['I', 2, 1, 0.5],
      ['II', 2, 1, 0.5],
      ['III', 1, 0, null],
    ]);
  });

  it('when there is an even number of values, then the median is the mean of the middle two', () => {
    expect(median([9, 1, 4, 2])).toBe(3);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});

describe('ranges and text', () => {
  it('when no range is asked for, then it is the 90 days up to today', () => {
    expect(defaultRange(now)).toEqual({ from: '2025-03-22', to: '2025-06-20' });
  });

  it('when a range ends on the last day of a month, then the query stops before the next month', () => {
    expect(dayAfter('2024-02-29')).toBe('2024-03-01');
    expect(dayAfter('2024-12-31')).toBe('2025-01-01');
  });
});
