import type { HistoryKind } from './event-history';
import type { EventTrendsView, Grain } from './event-trends';

/** A piece of a narrative excerpt, marked where the search found its words. */
export type SnippetPart = { text: string; marked: boolean };

import { HistoryOffer } from './event-history';
import { EventTrends } from './event-trends';

export type EventResultRow = {
  href: string;
  name: string;
  dateReceived: string | null;
  eventType: string | null;
  device: string;
  snippet: SnippetPart[];
};

/** One value of a facet: a link that adds it to the filters, or the filter already applied. */
export type FacetLink = { label: string; count: number; href: string; current: boolean };

export type EventResults = {
  total: number;
  page: number;
  pages: number;
  rows: EventResultRow[];
  /** In what order the reports come, in a sentence. */
  order: string;
  /** Stored reports the narrative index has still to take in, so not searched yet. */
  behind: number;
  /** The manufacturer asked for, and the MAUDE spellings of it that were searched. */
  manufacturer: string | null;
  variants: { name: string; reports: number }[];
  facets: { title: string; links: FacetLink[] }[];
  links: ({ page: number; href: string } | 'gap')[];
  previous: string | null;
  next: string | null;
  csvHref: string;
  csvCap: number;
  /** Reports over time and the top devices, for the whole result set (page 1 only). */
  trends: (EventTrendsView & { grains: TrendGrains }) | null;
  /** When few reports are stored for a manufacturer or product code: fetching its history. */
  offer: { kind: HistoryKind; value: string; csrf: string } | null;
};

/** Where the trends' bars are by month, and where by quarter. */
export type TrendGrains = { month: string; quarter: string };

/** Where a search's results go: htmx swaps this section and puts the search in the address bar. */
export const swap = { 'hx-target': '#event-results', 'hx-swap': 'outerHTML', 'hx-push-url': 'true' } as const;

/** A link within the results: a plain link without JavaScript, an in-place swap with htmx. */
const SwapLink = ({ href, children, ...rest }: { href: string; children: unknown; [k: string]: unknown }) => (
  <a href={href} hx-get={href} {...swap} {...rest}>
    {children}
  </a>
);

/** The narrative around the words found, each found word marked; every piece is escaped text. */
const Snippet = ({ parts }: { parts: SnippetPart[] }) => (
  <td>
    {parts.length === 0 ? (
      <span class="muted">no narrative</span>
    ) : (
      parts.map((p) => (p.marked ? <mark>{p.text}</mark> : p.text))
    )}
  </td>
);

function Pages({ r }: { r: EventResults }) {
  if (r.pages <= 1) return null;
  return (
    <nav class="pages" aria-label="Pages of reports">
      {r.previous && (
        <SwapLink href={r.previous} rel="prev">
          Previous
        </SwapLink>
      )}
      {r.links.map((l) =>
        l === 'gap' ? (
          <span class="muted">…</span>
        ) : l.page === r.page ? (
          <strong aria-current="page">{l.page}</strong>
        ) : (
          <SwapLink href={l.href} aria-label={`Page ${l.page}`}>
            {l.page}
          </SwapLink>
        ),
      )}
      {r.next && (
        <SwapLink href={r.next} rel="next">
          Next
        </SwapLink>
      )}
    </nav>
  );
}

function Variants({ r }: { r: EventResults }) {
  if (!r.manufacturer) return null;
  if (r.variants.length === 0)
    return (
      <p>
        No manufacturer name in MAUDE begins with the words "{r.manufacturer}". Try the maker's name as the
        FDA writes it, such as "Baxter Healthcare" or "Becton Dickinson".
      </p>
    );
  return (
    <p>
      Searched as:{' '}
      {r.variants
        .map(
          (v) => `${v.name} (${v.reports.toLocaleString('en-US')} ${v.reports === 1 ? 'report' : 'reports'})`,
        )
        .join('; ')}
      .
    </p>
  );
}

function Facets({ r }: { r: EventResults }) {
  return (
    <aside class="facets" aria-labelledby="facets-title">
      <h3 id="facets-title" class="visually-hidden">
        Narrow the results
      </h3>
      {r.facets
        .filter((f) => f.links.length > 0)
        .map((f) => (
          <>
            <h4>{f.title}</h4>
            <ul>
              {f.links.map((l) => (
                <li>
                  {l.current ? <strong>{l.label}</strong> : <SwapLink href={l.href}>{l.label}</SwapLink>}{' '}
                  <span class="muted">({l.count.toLocaleString('en-US')})</span>
                </li>
              ))}
            </ul>
          </>
        ))}
    </aside>
  );
}

function Table({ rows }: { rows: EventResultRow[] }) {
  return (
    <table>
      <caption class="visually-hidden">MAUDE reports found</caption>
      <thead>
        <tr>
          <th scope="col">Received</th>
          <th scope="col">Report</th>
          <th scope="col">Event type</th>
          <th scope="col">Manufacturer · brand · model</th>
          <th scope="col">Narrative</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <td>{row.dateReceived ?? <span class="muted">unknown</span>}</td>
            <th scope="row">
              <a href={row.href}>{row.name}</a>
            </th>
            <td>{row.eventType ?? <span class="muted">unknown</span>}</td>
            <td>{row.device || <span class="muted">not given</span>}</td>
            <Snippet parts={row.snippet} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Bars by month or by quarter: the one shown as text, the other a link. */
function GrainChoice({ grains, shown }: { grains: TrendGrains; shown: Grain }) {
  const choice = (grain: Grain, label: string) =>
    grain === shown ? (
      <strong aria-current="true">{label}</strong>
    ) : (
      <SwapLink href={grains[grain]}>{label}</SwapLink>
    );
  return (
    <p class="grain-choice">
      Bars: {choice('month', 'by month')} · {choice('quarter', 'by quarter')}
    </p>
  );
}

/** The results with their counts, facets and pages: the part of the page a search swaps. */
export function EventResultsSection({
  problems,
  result: r,
}: {
  problems: string[];
  result: EventResults | null;
}) {
  return (
    <section id="event-results" aria-labelledby="event-results-title">
      <h2 id="event-results-title">Reports found</h2>
      {problems.length > 0 && (
        <div class="alert" role="alert">
          <p>The search needs a change before it can run:</p>
          <ul>
            {problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {!r && problems.length === 0 && (
        <p>
          Fill in at least one field to search. MAUDE holds millions of reports: start from a manufacturer, a
          model or a product code, then narrow by dates, event type or words of the narrative.
        </p>
      )}
      {r && (
        <>
          <Variants r={r} />
          <p role="status">
            {r.total === 0
              ? 'No report matches this search.'
              : `${r.total.toLocaleString('en-US')} ${r.total === 1 ? 'report' : 'reports'}${r.pages > 1 ? `; page ${r.page} of ${r.pages}` : ''}.`}
            {r.total > 1 && <span class="muted"> {r.order}</span>}
          </p>
          {r.behind > 0 && (
            <p class="notice" role="status">
              {r.behind.toLocaleString('en-US')} reports stored lately are still being indexed and are not in
              these results yet. Search again in a few minutes for the whole picture.
            </p>
          )}
          {r.offer && (
            <p>
              Few reports are stored for {r.offer.value}: Vigil keeps the recent MAUDE reports.{' '}
              <HistoryOffer {...r.offer} />
            </p>
          )}
          {r.total > 0 && (
            <p>
              <a href={r.csvHref} download>
                Download these results as CSV
              </a>
              {r.total > r.csvCap && (
                <span class="muted"> (the first {r.csvCap.toLocaleString('en-US')} reports)</span>
              )}
            </p>
          )}
          {r.total > 0 && (
            <div class="with-facets">
              <div>
                {r.rows.length > 0 ? <Table rows={r.rows} /> : <p>There is no report on this page.</p>}
                <Pages r={r} />
              </div>
              <Facets r={r} />
            </div>
          )}
          {r.trends && r.total > 0 && (
            <EventTrends view={r.trends}>
              <GrainChoice grains={r.trends.grains} shown={r.trends.grain} />
            </EventTrends>
          )}
        </>
      )}
    </section>
  );
}
