import { describe, expect, it } from 'vitest';
import { decideReportability, type ReportabilityFacts } from '../../../src/incidents/reportability';

const aware = '2026-11-20'; // a Friday before Thanksgiving: due 2026-12-07
const facts = (over: Partial<ReportabilityFacts>): ReportabilityFacts => ({
  outcome: 'death',
  deviceMayHaveContributed: true,
  manufacturerKnown: true,
  awareOn: aware,
  ...over,
});
const recipients = (f: ReportabilityFacts) =>
  decideReportability(f).reports.map((r) => `${r.to} by ${r.dueOn}`);

describe('reportability under 21 CFR 803.30', () => {
  it.each([
    [
      'a device-related death, manufacturer known',
      facts({}),
      ['FDA by 2026-12-07', 'manufacturer by 2026-12-07'],
    ],
    [
      'a device-related death, manufacturer unknown',
      facts({ manufacturerKnown: false }),
      ['FDA by 2026-12-07'],
    ],
    [
      'a device-related serious injury, manufacturer known',
      facts({ outcome: 'serious_injury' }),
      ['manufacturer by 2026-12-07'],
    ],
    [
      'a device-related serious injury, manufacturer unknown',
      facts({ outcome: 'serious_injury', manufacturerKnown: false }),
      ['FDA by 2026-12-07'],
    ],
    ['a death the device did not contribute to', facts({ deviceMayHaveContributed: false }), []],
    ['a malfunction without harm', facts({ outcome: 'malfunction' }), []],
    ['a near miss', facts({ outcome: 'near_miss' }), []],
    ['a use error without harm', facts({ outcome: 'use_error' }), []],
  ])('when %s, then the reports are %j', (_, f, expected) => {
    expect(recipients(f)).toEqual(expected);
    const decision = decideReportability(f);
    expect(decision.reportable).toBe(expected.length > 0);
    expect(decision.inAnnualReport).toBe(expected.length > 0);
    expect(decision.reasoning.length).toBeGreaterThan(0);
  });

  it('when a report is required, then the reasoning names the rule, the clock and what to report', () => {
    const { reasoning, reports } = decideReportability(facts({ outcome: 'serious_injury' }));
    expect(reports[0]).toMatchObject({ form: 'MedWatch 3500A', rule: '803.30(a)(2)' });
    expect(reasoning.join(' ')).toContain('803.30(a)(2)');
    expect(reasoning).toContain(
      'The facility became aware on 2026-11-20; 10 work days (weekends and federal holidays excluded) end on 2026-12-07.',
    );
    expect(reasoning.join(' ')).toContain('Form 3419');
  });

  it('when no report is required, then the reasoning says why and what may still be done', () => {
    const malfunction = decideReportability(facts({ outcome: 'malfunction' })).reasoning.join(' ');
    expect(malfunction).toContain('no mandatory report');
    expect(malfunction).toContain('voluntary MedWatch 3500');
    const unrelated = decideReportability(facts({ deviceMayHaveContributed: false })).reasoning.join(' ');
    expect(unrelated).toContain('does not reasonably suggest');
    expect(unrelated).toContain('803.18');
  });

  it('when the event is a sentinel event, then the Joint Commission clock of 45 business days is given too', () => {
    expect(decideReportability(facts({ sentinel: true })).otherDeadlines).toEqual([
      {
        what: 'Joint Commission: comprehensive systematic analysis and action plan (45 business days)',
        dueOn: '2027-01-28',
      },
    ]);
    expect(decideReportability(facts({})).otherDeadlines).toEqual([]);
  });
});
