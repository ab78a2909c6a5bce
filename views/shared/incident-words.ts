/** Names the pages show for an incident's stored values, wherever an incident is listed. */
export const outcomeLabels = {
  death: 'Death',
  serious_injury: 'Serious injury',
  malfunction: 'Malfunction',
  near_miss: 'Near miss',
  use_error: 'Use error',
} as const;
export const stateLabels = {
  open: 'Open',
  analysis: 'Analysis',
  actions: 'Actions',
  closed: 'Closed',
} as const;
