/**
 * The openFDA feeds Vigil keeps, in the order a full sync takes them (classification first, so
 * recalls find their product codes). Its own file, free of imports, so that the command line can
 * list them without loading the sync.
 */
export type FeedName = 'recall' | 'enforcement' | 'event' | 'classification';

export const feedNames: FeedName[] = ['classification', 'recall', 'enforcement', 'event'];
