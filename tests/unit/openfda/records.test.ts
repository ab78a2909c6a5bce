import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseEnforcement } from '../../../src/openfda/records/enforcement';
import { normaliseEvent } from '../../../src/openfda/records/event';
import { normaliseRecall } from '../../../src/openfda/records/recall';
import { describeWithRealData, fixtureData, openFdaData, readEnvelope } from '../../support/shared';

const fixtures = (feed: string) =>
  readEnvelope(path.join(fixtureData, `device-${feed}.fixture.json`)).results;

describe('normalising records', () => {
  it('when a recall has an old-format number and no posting date, then it is kept, not rejected', () => {
    const recalls = fixtures('recall');
    const old = normaliseRecall(recalls.find((r) => r.product_res_number === 'Z-0557-04'));
    expect(old).toMatchObject({ ok: true, key: 'Z-0557-04' });
    const undated = normaliseRecall(recalls.find((r) => !('event_date_posted' in r)));
    expect(undated.ok && undated.row.eventDatePosted).toBeNull();
  });

  it('when enforcement dates are YYYYMMDD, then they are stored as YYYY-MM-DD', () => {
    const result = normaliseEnforcement(fixtures('enforcement')[0]);
    expect(result.ok && result.row.reportDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('when a record has no key at all, then it is rejected with the reason', () => {
    const keyless = fixtures('enforcement').find((r) => !('recall_number' in r));
    expect(normaliseEnforcement(keyless)).toEqual({
      ok: false,
      key: null,
      reason: 'the record has no recall_number',
    });
    expect(normaliseRecall('not a record')).toMatchObject({ ok: false, reason: /not an object/ });
  });

  it('when a field has the wrong shape, then the record is rejected under its key, not half-stored', () => {
    expect(normaliseRecall({ product_res_number: 'Z-1', recalling_firm: { name: 'x' } })).toEqual({
      ok: false,
      key: 'Z-1',
      reason: 'recalling_firm is an object, expected text',
    });
    expect(normaliseEvent({ mdr_report_key: '1', device: 'pump' })).toMatchObject({ ok: false, key: '1' });
  });

  it('when a MAUDE report lacks mdr_report_key, then its report_number is the key', () => {
    const report = fixtures('event').find((r) => !('mdr_report_key' in r))!;
    const result = normaliseEvent(report);
    expect(result).toMatchObject({ ok: true, key: report.report_number });
  });
});

describeWithRealData('normalising real openFDA records', () => {
  it('when given the real enforcement responses, then classification, dates and absent fields come through', () => {
    const examples = readEnvelope(
      path.join(openFdaData, 'examples/openfda-api-examples.json'),
    ) as unknown as {
      device_enforcement: { response: { results: unknown[] } }[];
    };
    const rows = examples.device_enforcement.map((e) => normaliseEnforcement(e.response.results[0]));
    expect(rows.every((r) => r.ok)).toBe(true);
    const ongoing = rows.find((r) => r.ok && r.key === 'Z-2308-2026');
    expect(ongoing).toMatchObject({
      ok: true,
      row: { classification: 'Class II', reportDate: '2026-06-10', terminationDate: null },
    });
    const revised = rows.find((r) => r.ok && r.key === 'Z-0198-2018');
    expect(revised).toMatchObject({
      row: { classification: 'Class III', terminationDate: '2018-05-09', address2: 'N/A' },
    });
  });

  it('when given the real MAUDE samples, then devices and narratives are read', () => {
    for (const report of readEnvelope(path.join(openFdaData, 'device-event.sample.json')).results) {
      const result = normaliseEvent(report);
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.row.devices.length).toBeGreaterThan(0);
        expect(result.row.report.dateReceived).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('when given the real recall samples, then k_numbers and the product-code-level openfda block are read', () => {
    const sample = readEnvelope(path.join(openFdaData, 'device-recall.sample.json')).results;
    const z0053 = normaliseRecall(sample.find((r) => r.product_res_number === 'Z-0053-2020'));
    expect(z0053).toMatchObject({
      ok: true,
      row: { kNumbers: ['K900263'], productCode: 'FOZ', eventDatePosted: null },
    });
  });
}, [
  'openfda/examples/openfda-api-examples.json',
  'openfda/device-event.sample.json',
  'openfda/device-recall.sample.json',
]);
