import { describe, expect, it } from 'vitest';
import { type DateOrder, likelyOrder, parseAcquiredOn } from '../../../src/inventory/acquired-on';

const today = new Date('2025-06-01T00:00:00Z');
const date = (text: string) => {
  const result = parseAcquiredOn(text, today);
  return result.ok ? result.date : `error: ${result.reason}`;
};

describe('acquisition dates', () => {
  it('when a date comes in any form a CMMS or spreadsheet writes, then it is stored as YYYY-MM-DD', () => {
    expect(date('2019-11-25')).toBe('2019-11-25');
    expect(date('2019/11/25')).toBe('2019-11-25');
    expect(date('20191125')).toBe('2019-11-25');
    expect(date('11/25/2019')).toBe('2019-11-25');
    expect(date('3/4/2019')).toBe('2019-03-04');
    expect(date('3-Mar-2015')).toBe('2015-03-03');
    expect(date('03 March 2015')).toBe('2015-03-03');
    expect(date('4-Sept-2016')).toBe('2016-09-04');
    expect(date('Jan 5, 2021')).toBe('2021-01-05');
    expect(date('2018-01-15 00:00:00')).toBe('2018-01-15');
    expect(date('2018-01-15T08:30:00Z')).toBe('2018-01-15');
    expect(date('1/15/2018 12:00 AM')).toBe('2018-01-15');
  });

  it('when Excel wrote a serial number, then it is counted from 1899-12-30', () => {
    expect(date('43831')).toBe('2020-01-01');
    expect(date('36526')).toBe('2000-01-01');
    expect(date('43831.75')).toBe('2020-01-01');
  });

  it('when the year has two digits, then it is the latest such year not after today', () => {
    expect(date('3/4/19')).toBe('2019-03-04');
    expect(date('3-Mar-98')).toBe('1998-03-03');
    expect(date('1/1/25')).toBe('2025-01-01');
    expect(date('1/1/26')).toBe('1926-01-01');
  });

  it('when the date does not exist, then it is an error rather than a rolled-over day', () => {
    expect(date('2019-02-30')).toBe('error: "2019-02-30" is not a real date');
    expect(date('2/29/2019')).toBe('error: "2/29/2019" is not a real date (read month first, M/D/YYYY)');
    expect(date('13/01/2019')).toBe('error: "13/01/2019" is not a real date (read month first, M/D/YYYY)');
  });

  it('when the order of day and month is given, then numeric dates are read in it, with dots or dashes too', () => {
    const read = (raw: string, order: DateOrder) => {
      const r = parseAcquiredOn(raw, today, order);
      return r.ok ? r.date : `error: ${r.reason}`;
    };
    expect(read('13/01/2019', 'dmy')).toBe('2019-01-13');
    expect(read('03.04.2019', 'dmy')).toBe('2019-04-03');
    expect(read('03-04-2019', 'dmy')).toBe('2019-04-03');
    expect(read('03/04/2019', 'mdy')).toBe('2019-03-04');
    expect(read('2019/04/03', 'ymd')).toBe('2019-04-03');
    expect(read('12-Mar-2019', 'dmy')).toBe('2019-03-12');
    expect(read('1/13/2019', 'dmy')).toBe('error: "1/13/2019" is not a real date (read day first, D/M/YYYY)');
  });

  it('when every failing date reads in another order, then that order is named, else none', () => {
    expect(likelyOrder(['25/12/2019', '31/1/2020', '13.05.2018'], 'mdy', today)).toBe('dmy');
    expect(likelyOrder(['12/25/2019'], 'dmy', today)).toBe('mdy');
    expect(likelyOrder(['25/12/2019', 'last spring'], 'mdy', today)).toBeNull();
    expect(likelyOrder([], 'mdy', today)).toBeNull();
  });

  it('when the text is not a date, then the reason says which forms are read', () => {
    expect(date('2019')).toMatch(/is not a date Vigil can read; write it as YYYY-MM-DD/);
    expect(date('last spring')).toMatch(/is not a date Vigil can read/);
    expect(date('3-Foo-2019')).toMatch(/is not a date Vigil can read/);
  });
});
