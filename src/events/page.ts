import type { EventResults, FacetLink } from '../../views/events/event-results';
import type { EventFormInput, EventsView } from '../../views/events/events';
import type { Db } from '../db/client';
import { facilityDay } from '../shared/clock';
import { pageLinks } from '../shared/paging';
import { asSentence } from '../web/text';
import { csvCap } from './csv';
import {
  type EventFilters,
  eventQueryString,
  eventTypes,
  filterFields,
  hasAnyFilter,
  readEventFilters,
} from './filters';
import type { HistoryAsk } from './history-rules';
import type { ManufacturerNames } from './manufacturers';
import { type EventSearch, heldMonths, rankedAtMost, searchEvents } from './queries';
import { snippetParts } from './snippet';
import { type Grain, trendsOf } from './trends';

export const eventPageSize = 50;

/** The form's fields as typed (bounded as the filters are), to show again. */
export function eventFormInput(query: Record<string, string | undefined>): EventFormInput {
  return Object.fromEntries(filterFields.map((k) => [k, (query[k] ?? '').slice(0, 200)])) as EventFormInput;
}

const href = (f: EventFilters, extra: Record<string, string> = {}) => `/events${eventQueryString(f, extra)}`;

/** Each facet value as a link that adds it to the filters (from the first page again). */
function facetsOf(f: EventFilters, facets: EventSearch['facets']): EventResults['facets'] {
  const link = (label: string, count: number, next: EventFilters, current: boolean): FacetLink => ({
    label,
    count,
    href: href(next),
    current,
  });
  const upper = (v: string | undefined) => v?.toUpperCase();
  return [
    {
      title: 'Event type',
      links: facets.eventType.map((x) =>
        link(
          x.value,
          x.count,
          { ...f, eventType: x.value as EventFilters['eventType'] },
          f.eventType === x.value,
        ),
      ),
    },
    {
      title: 'Year received',
      links: facets.year.map((x) => {
        const range = { from: `${x.value}-01-01`, to: `${x.value}-12-31` };
        return link(x.value, x.count, { ...f, ...range }, f.from === range.from && f.to === range.to);
      }),
    },
    {
      title: 'Brand',
      links: facets.brand.map((x) =>
        link(x.value, x.count, { ...f, brand: x.value }, upper(f.brand) === x.value),
      ),
    },
    {
      title: 'Model',
      links: facets.model.map((x) =>
        link(x.value, x.count, { ...f, model: x.value }, upper(f.model) === x.value),
      ),
    },
  ];
}

/** The trends' bars by month or by quarter, as asked; else as the span suits (see bucketsOf). */
const grainOf = (asked: string | undefined): Grain | 'auto' =>
  asked === 'month' || asked === 'quarter' ? asked : 'auto';

/** Fewer stored reports than this for a manufacturer or product code offers its history. */
const fewReports = 20;

/** In what order a search's reports come, and why when a narrative search could not rank them. */
function orderOf(f: EventFilters, found: EventSearch): string {
  if (found.order === 'relevance') return 'Best match first.';
  if (!f.text) return 'Newest first.';
  return `Newest first: over ${rankedAtMost.toLocaleString('en-US')} reports are too many to rank by how well they match. Narrow the search to rank them.`;
}

/** The results part of the page, from a search already run. */
export function eventResults(
  f: EventFilters,
  found: EventSearch,
  page: number,
  extra: Pick<EventResults, 'trends' | 'offer'> = { trends: null, offer: null },
): EventResults {
  const pages = Math.max(1, Math.ceil(found.total / eventPageSize));
  const at = (p: number) => href(f, p > 1 ? { page: String(p) } : {});
  return {
    total: found.total,
    page,
    pages,
    order: orderOf(f, found),
    behind: found.behind,
    rows: found.rows.map((r) => ({
      href: `/events/${encodeURIComponent(r.reportKey)}`,
      name: r.reportNumber ?? r.reportKey,
      dateReceived: r.dateReceived,
      eventType: r.eventType,
      device: [r.manufacturer, r.brand, r.model].filter(Boolean).join(' · '),
      snippet: snippetParts(r.snippet),
    })),
    manufacturer: f.manufacturer ?? null,
    variants: found.variants,
    facets: facetsOf(f, found.facets),
    links: pageLinks(Math.min(page, pages), pages).map((p) => (p === 'gap' ? p : { page: p, href: at(p) })),
    previous: page > 1 ? at(Math.min(page - 1, pages)) : null,
    next: page < pages ? at(page + 1) : null,
    csvHref: `/events.csv${eventQueryString(f)}`,
    csvCap,
    ...extra,
  };
}

/**
 * The search page for what was asked: the problems with it (the page answers 422), nothing yet
 * when no field is filled in (a search of all of MAUDE says nothing), or the results.
 */
export function eventsView(
  db: Db,
  names: ManufacturerNames,
  query: Record<string, string | undefined>,
  who: { canWork: boolean; csrf: string } = { canWork: false, csrf: '' },
  today = facilityDay(new Date()),
): EventsView {
  const input = eventFormInput(query);
  const read = readEventFilters(input);
  const base = { input, eventTypes };
  if (!read.ok) return { ...base, problems: read.problems.map(asSentence), result: null };
  if (!hasAnyFilter(read.filters)) return { ...base, problems: [], result: null };
  const requested = Number.parseInt(query.page ?? '', 10);
  const page = Number.isFinite(requested) && requested > 0 ? Math.min(requested, 10_000) : 1;
  const f = read.filters;
  const found = searchEvents(db, names, f, { page, pageSize: eventPageSize });
  const grain = grainOf(query.grain);
  const trends =
    page === 1 && found.total > 0
      ? {
          ...trendsOf(found.counts, { grain, from: f.from, to: f.to, today, held: heldMonths(db) }),
          grains: {
            month: href(f, { grain: 'month' }),
            quarter: href(f, { grain: 'quarter' }),
          },
        }
      : null;
  const asked: HistoryAsk | null = f.manufacturer
    ? { kind: 'manufacturer', value: f.manufacturer }
    : f.productCode
      ? { kind: 'product_code', value: f.productCode }
      : null;
  const offer = who.canWork && asked && found.total < fewReports ? { ...asked, csrf: who.csrf } : null;
  return { ...base, problems: [], result: eventResults(f, found, page, { trends, offer }) };
}
