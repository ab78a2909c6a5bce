/**
 * MAUDE's event types, as openFDA writes them, and the reports that give none (most of the older
 * ones): they are counted and found as "No type given", never hidden. Free of imports, so the
 * command line can offer them without loading the search.
 */
export const noTypeGiven = 'No type given';
export const eventTypes = [
  'Death',
  'Injury',
  'Malfunction',
  'Other',
  'No answer provided',
  noTypeGiven,
] as const;
export type EventType = (typeof eventTypes)[number];

/** The event type a report group stores for a type asked for: none given is stored as ''. */
export const storedEventType = (type: EventType) => (type === noTypeGiven ? '' : type);
