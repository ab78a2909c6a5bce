import { describe, expect, it } from 'vitest';
import { type InvestigationFacts, incidentTransitionProblem } from '../../../src/incidents/workflow';

const ready: InvestigationFacts = {
  causalStatements: 1,
  actions: 2,
  actionsOpen: 0,
  reportabilityDecided: true,
};

describe('the investigation workflow', () => {
  it.each([
    ['open', 'analysis', ready, null],
    ['open', 'closed', ready, 'an investigation cannot go from open to closed'],
    [
      'analysis',
      'actions',
      { ...ready, causalStatements: 0 },
      'write at least one causal statement before planning actions',
    ],
    ['analysis', 'actions', ready, null],
    ['actions', 'closed', { ...ready, reportabilityDecided: false }, 'decide reportability before closing'],
    ['actions', 'closed', { ...ready, actions: 0 }, 'plan at least one action before closing'],
    ['actions', 'closed', { ...ready, actionsOpen: 1 }, '1 action is neither done nor dropped'],
    ['actions', 'closed', { ...ready, actionsOpen: 2 }, '2 actions are neither done nor dropped'],
    ['actions', 'closed', ready, null],
    ['closed', 'actions', ready, null],
  ] as const)('when moving from %s to %s, then the answer is %j', (from, to, facts, problem) => {
    expect(incidentTransitionProblem(from, to, facts as InvestigationFacts)).toBe(
      problem === null ? null : problem,
    );
  });
});
