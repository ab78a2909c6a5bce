import { describe, expect, it } from 'vitest';
import { annualReport, type SentRow } from '../../../src/incidents/form3419';

const pump = {
  manufacturer: 'Acme Infusion',
  brandName: 'FlowMax',
  commonName: 'Infusion pump',
  model: 'FM-2',
  serialNumber: 'S1',
};
const row = (over: Partial<SentRow>): SentRow => ({
  reportNumber: '1234567-2026-0001',
  recipient: 'FDA',
  recipientName: null,
  sentOn: '2026-03-10',
  followUp: 0,
  incidentNumber: 'INC-2026-0001',
  description: 'Pump stopped without alarm.',
  devices: [pump],
  ...over,
});

describe('Form 3419, the annual user facility report (803.33)', () => {
  it('when one event went to the FDA and the manufacturer under one number, then it is one entry submitted to both', () => {
    const report = annualReport(2026, { name: 'General' }, [
      row({}),
      row({ recipient: 'manufacturer', recipientName: 'Acme Infusion', sentOn: '2026-03-11' }),
      row({ followUp: 1, sentOn: '2026-04-01' }),
    ]);
    expect(report.total).toBe(1);
    expect(report.entries[0]).toMatchObject({
      reportNumber: '1234567-2026-0001',
      firstSentOn: '2026-03-10',
      submittedTo: ['FDA', 'Manufacturer (Acme Infusion)'],
      brandAndCommonName: 'FlowMax, Infusion pump',
      modelCatalogSerialLot: 'model FM-2, serial S1',
    });
    expect(report.dueOn).toBe('2027-01-01');
  });

  it('when reports span years, then an event counts in the year its initial report went out, follow-ups not again', () => {
    const rows = [
      row({ reportNumber: '1234567-2025-0007', sentOn: '2025-12-30' }),
      row({ reportNumber: '1234567-2025-0007', sentOn: '2026-01-15', followUp: 1 }),
      row({ reportNumber: '1234567-2026-0010' }),
      row({ reportNumber: '1234567-2026-0002', sentOn: '2026-02-01' }),
    ];
    const y2026 = annualReport(2026, {}, rows);
    expect(y2026.entries.map((e) => e.reportNumber)).toEqual(['1234567-2026-0002', '1234567-2026-0010']);
    expect([y2026.lowestNumber, y2026.highestNumber]).toEqual(['1234567-2026-0002', '1234567-2026-0010']);
    expect(annualReport(2025, {}, rows).total).toBe(1);
    expect(annualReport(2024, {}, rows)).toMatchObject({ total: 0, lowestNumber: null, highestNumber: null });
  });

  it('when the description is long, then the entry keeps a brief one', () => {
    const long = 'word '.repeat(200);
    const entry = annualReport(2026, {}, [row({ description: long })]).entries[0]!;
    expect(entry.description!.length).toBeLessThanOrEqual(301);
    expect(entry.description).toMatch(/…$/);
  });
});
