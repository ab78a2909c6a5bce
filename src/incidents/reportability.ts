import { addWorkDays } from './calendar';

/**
 * Whether and to whom a user facility must report an event under 21 CFR 803 (803.30), and by
 * when: 10 work days from the day the facility became aware. A pure function of the facts, so the
 * decision and its reasoning can be stored together, as 803.18 requires.
 */

export type Outcome = 'death' | 'serious_injury' | 'malfunction' | 'near_miss' | 'use_error';

export type ReportabilityFacts = {
  outcome: Outcome;
  /** The information reasonably suggests the device has or may have caused or contributed. */
  deviceMayHaveContributed: boolean;
  /** Whether the device's manufacturer is known (and can be told). */
  manufacturerKnown: boolean;
  /** The day anyone in the facility became aware of the event (YYYY-MM-DD): starts the clock. */
  awareOn: string;
  /** A Joint Commission sentinel event: its own 45-business-day analysis clock. */
  sentinel?: boolean;
};

export type RequiredReport = {
  to: 'FDA' | 'manufacturer';
  form: 'MedWatch 3500A';
  dueOn: string;
  rule: string;
};

export type ReportabilityDecision = {
  reportable: boolean;
  reports: RequiredReport[];
  /** Included in the Form 3419 annual summary for the year the reports are sent. */
  inAnnualReport: boolean;
  /** Why, one sentence per step, kept with the decision. */
  reasoning: string[];
  /** Other clocks that run beside the FDA's (the Joint Commission's). */
  otherDeadlines: { what: string; dueOn: string }[];
};

const workDays = 10;

export function decideReportability(facts: ReportabilityFacts): ReportabilityDecision {
  const due = addWorkDays(facts.awareOn, workDays);
  const reasoning: string[] = [];
  const reports: RequiredReport[] = [];
  const otherDeadlines = facts.sentinel
    ? [
        {
          what: 'Joint Commission: comprehensive systematic analysis and action plan (45 business days)',
          dueOn: addWorkDays(facts.awareOn, 45),
        },
      ]
    : [];
  const clock = `The facility became aware on ${facts.awareOn}; ${workDays} work days (weekends and federal holidays excluded) end on ${due}.`;

  if (facts.outcome === 'death' || facts.outcome === 'serious_injury') {
    if (!facts.deviceMayHaveContributed) {
      reasoning.push(
        `The event involved a ${facts.outcome === 'death' ? 'death' : 'serious injury'}, but the information does not reasonably suggest that a device caused or contributed to it: no MDR report is required (803.30).`,
        'Keep this reasoning in the MDR event file (803.18); revisit the decision if new information links the device.',
      );
      return { reportable: false, reports, inAnnualReport: false, reasoning, otherDeadlines };
    }
    if (facts.outcome === 'death') {
      reasoning.push(
        'A device may have caused or contributed to a death: a user facility reports it to the FDA and to the manufacturer, if known (803.30(a)(1)).',
      );
      reports.push({ to: 'FDA', form: 'MedWatch 3500A', dueOn: due, rule: '803.30(a)(1)' });
      if (facts.manufacturerKnown)
        reports.push({ to: 'manufacturer', form: 'MedWatch 3500A', dueOn: due, rule: '803.30(a)(1)' });
      else reasoning.push('The manufacturer is not known, so the report goes to the FDA alone.');
    } else if (facts.manufacturerKnown) {
      reasoning.push(
        'A device may have caused or contributed to a serious injury: a user facility reports it to the manufacturer (803.30(a)(2)).',
      );
      reports.push({ to: 'manufacturer', form: 'MedWatch 3500A', dueOn: due, rule: '803.30(a)(2)' });
    } else {
      reasoning.push(
        'A device may have caused or contributed to a serious injury and the manufacturer is not known: the report goes to the FDA instead (803.30(a)(2)).',
      );
      reports.push({ to: 'FDA', form: 'MedWatch 3500A', dueOn: due, rule: '803.30(a)(2)' });
    }
    reasoning.push(
      clock,
      'Report what is known or reasonably known now (803.32); the report need not wait for the investigation to end.',
    );
    reasoning.push(
      'The report counts in the Form 3419 annual summary, due January 1 for the calendar year (803.33).',
    );
    return { reportable: true, reports, inAnnualReport: true, reasoning, otherDeadlines };
  }

  const what = { malfunction: 'a malfunction', near_miss: 'a near miss', use_error: 'a use error' }[
    facts.outcome
  ];
  reasoning.push(
    `The event was ${what} without a death or serious injury: a user facility has no mandatory report (803.30 covers deaths and serious injuries).`,
    'A voluntary MedWatch 3500 report to the FDA is still open to the facility, and telling the manufacturer helps it find a trend.',
  );
  return { reportable: false, reports, inAnnualReport: false, reasoning, otherDeadlines };
}
