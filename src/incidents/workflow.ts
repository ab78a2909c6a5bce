import type { IncidentState } from '../db/schema';

/** What an investigation has, for deciding whether it may move on. */
export type InvestigationFacts = {
  causalStatements: number;
  actions: number;
  actionsOpen: number;
  reportabilityDecided: boolean;
};

const moves: Record<IncidentState, IncidentState[]> = {
  open: ['analysis'],
  analysis: ['actions', 'open'],
  actions: ['closed', 'analysis'],
  closed: ['actions'],
};

export const nextIncidentStates = (from: IncidentState) => moves[from];

/**
 * Why an investigation cannot move, or null when it can. Open → analysis → actions → closed: the
 * actions wait for a causal statement, and closing for every action to be done or dropped and
 * for the reportability decision (803.18 wants it on file).
 */
export function incidentTransitionProblem(
  from: IncidentState,
  to: IncidentState,
  facts: InvestigationFacts,
): string | null {
  if (!moves[from].includes(to)) return `an investigation cannot go from ${from} to ${to}`;
  if (to === 'actions' && facts.causalStatements === 0)
    return 'write at least one causal statement before planning actions';
  if (to === 'closed') {
    if (!facts.reportabilityDecided) return 'decide reportability before closing';
    if (facts.actions === 0) return 'plan at least one action before closing';
    if (facts.actionsOpen > 0)
      return `${facts.actionsOpen} ${facts.actionsOpen === 1 ? 'action is' : 'actions are'} neither done nor dropped`;
  }
  return null;
}
