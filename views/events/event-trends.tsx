/** A value of a search's results and how many reports have it. */
export type Facet = { value: string; count: number };

export type Grain = 'month' | 'quarter';

/** The types a chart stacks: MAUDE's own, with Other also taking "No answer provided" and blanks. */
export const trendTypes = ['Death', 'Injury', 'Malfunction', 'Other'] as const;
export type TrendType = (typeof trendTypes)[number];

/** One bar: `period` is 2024-03 or 2024-Q1, `label` what a reader sees (Mar 2024, 2024 Q1). */
export type Bucket = { period: string; label: string; counts: Record<TrendType, number>; total: number };

export type Buckets = { grain: Grain; buckets: Bucket[]; undated: number };

/** Reports of a run of months, by the types a chart stacks, and all together. */
export type Tally = Record<TrendType, number> & { total: number };

/**
 * "Is it rising?": the reports of the latest twelve months of the result against the twelve
 * before them. `to` is the last month's label (Oct 2024); `change` the difference in percent,
 * null when the earlier year had none. A year Vigil does not hold every month of is null, with
 * `missing` saying which months are not stored and how many of the 24 are: none stored is not
 * none reported.
 */
export type YearOnYear = {
  to: string;
  recent: Tally | null;
  before: Tally | null;
  change: number | null;
  missing: { from: string; to: string; heldRecent: number; heldBefore: number } | null;
};
/** Everything the trends view draws, as plain data. */
export type EventTrendsView = Buckets & {
  total: number;
  tops: { brand: Facet[]; model: Facet[]; generic: Facet[] };
  yearOnYear: YearOnYear | null;
};

const n = (value: number) => value.toLocaleString('en-US');
const reports = (count: number) => `${n(count)} report${count === 1 ? '' : 's'}`;
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

// Distinct in lightness as well as hue, each at least 4.5:1 on white, so a reader who cannot
// tell red from green still can tell the layers apart; the legend and titles name them anyway.
const palette: Record<TrendType, string> = {
  Death: '#7a0019',
  Injury: '#e66100',
  Malfunction: '#0b4f8a',
  Other: '#6e7781',
};
/** Bottom to top, as the legend reads left to right. */
const types = Object.keys(palette) as TrendType[];

// The drawing's own units; CSS scales the whole picture to the page's width.
const width = 720;
const height = 260;
const plot = { left: 44, right: 16, top: 14, bottom: 36 };
const plotWidth = width - plot.left - plot.right;
const plotHeight = height - plot.top - plot.bottom;
const labelsAtMost = 8;

/**
 * The y-axis top: the tallest bar itself while small, else the next round number above it, in
 * steps fine enough that the tallest bar reaches at least three quarters of the way up.
 */
export function axisMax(tallest: number): number {
  if (tallest <= 5) return Math.max(1, tallest);
  const power = 10 ** Math.floor(Math.log10(tallest));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
    .map((f) => Math.round(f * power))
    .find((v) => v >= tallest)!;
}

/** First and last always; every Nth between, unless it would sit closer to the last than N. */
function labelled(i: number, count: number): boolean {
  const every = Math.ceil(count / labelsAtMost);
  return i === 0 || i === count - 1 || (i % every === 0 && count - 1 - i >= every);
}

function Bar({ bucket, i, count, max }: { bucket: Bucket; i: number; count: number; max: number }) {
  const step = plotWidth / count;
  const barWidth = Math.max(1, step * 0.75);
  const x = plot.left + i * step + (step - barWidth) / 2;
  const middle = (x + barWidth / 2).toFixed(1);
  const baseline = plot.top + plotHeight;
  let stacked = 0;
  return (
    <g class="bar">
      <title>
        {bucket.label}: {reports(bucket.total)}
      </title>
      {types
        .filter((type) => bucket.counts[type] > 0)
        .map((type) => {
          const h = (bucket.counts[type] / max) * plotHeight;
          stacked += h;
          return (
            <rect
              x={x.toFixed(1)}
              y={(baseline - stacked).toFixed(1)}
              width={barWidth.toFixed(1)}
              height={h.toFixed(1)}
              fill={palette[type]}
            >
              <title>
                {bucket.label}, {type}: {reports(bucket.counts[type])}
              </title>
            </rect>
          );
        })}
      {labelled(i, count) && (
        // The tick ties a label to its own bar when the bars beside it are empty.
        <>
          <line class="axis" x1={middle} x2={middle} y1={baseline} y2={baseline + 4} />
          <text x={middle} y={baseline + 16} text-anchor="middle">
            {bucket.label}
          </text>
        </>
      )}
    </g>
  );
}

function Chart({ view, summary }: { view: EventTrendsView; summary: string }) {
  const max = axisMax(Math.max(...view.buckets.map((b) => b.total)));
  const baseline = plot.top + plotHeight;
  return (
    <svg class="trend-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
      <line class="grid" x1={plot.left} x2={width - plot.right} y1={plot.top} y2={plot.top} />
      <line class="axis" x1={plot.left} x2={width - plot.right} y1={baseline} y2={baseline} />
      <text x={plot.left - 6} y={plot.top + 4} text-anchor="end">
        {n(max)}
      </text>
      <text x={plot.left - 6} y={baseline + 4} text-anchor="end">
        0
      </text>
      {view.buckets.map((bucket, i) => (
        <Bar bucket={bucket} i={i} count={view.buckets.length} max={max} />
      ))}
    </svg>
  );
}

function Legend() {
  return (
    <ul class="legend">
      {types.map((type) => (
        <li>
          <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
            <rect width="10" height="10" fill={palette[type]} />
          </svg>
          {type}
        </li>
      ))}
    </ul>
  );
}

function Numbers({ view }: { view: EventTrendsView }) {
  const sum = (type: TrendType) => view.buckets.reduce((s, b) => s + b.counts[type], 0);
  return (
    <details class="trend-numbers">
      <summary>The numbers as a table</summary>
      <table>
        <caption class="visually-hidden">Reports per {view.grain} by event type</caption>
        <thead>
          <tr>
            <th scope="col">{view.grain === 'month' ? 'Month' : 'Quarter'}</th>
            {types.map((type) => (
              <th scope="col" class="num">
                {type}
              </th>
            ))}
            <th scope="col" class="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {view.buckets.map((bucket) => (
            <tr>
              <th scope="row">{bucket.label}</th>
              {types.map((type) => (
                <td class="num">{n(bucket.counts[type])}</td>
              ))}
              <td class="num">{n(bucket.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All</th>
            {types.map((type) => (
              <td class="num">{n(sum(type))}</td>
            ))}
            <td class="num">{n(view.buckets.reduce((s, b) => s + b.total, 0))}</td>
          </tr>
        </tfoot>
      </table>
    </details>
  );
}

function Top({ title, facets }: { title: string; facets: Facet[] }) {
  return (
    <table class="top">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col" class="num">
            Reports
          </th>
        </tr>
      </thead>
      <tbody>
        {facets.length === 0 ? (
          <tr>
            <td colspan={2} class="empty">
              None named
            </td>
          </tr>
        ) : (
          facets.map((f) => (
            <tr>
              <td>{f.value}</td>
              <td class="num">{n(f.count)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** "Is it rising?" answered in a sentence: the latest year of reports against the one before. */
function YearOnYearLine({ year }: { year: YearOnYear }) {
  const tally = (t: Tally) =>
    `${reports(t.total)} (${plural(t.Death, 'death', 'deaths')}, ${plural(t.Injury, 'injury', 'injuries')})`;
  const m = year.missing;
  const fetch = 'fetch the history to compare';
  const said = !year.recent
    ? `Not known: Vigil holds MAUDE reports for only ${(m?.heldRecent ?? 0) + (m?.heldBefore ?? 0)} of the 24 months to ${year.to}, so it cannot compare; ${fetch}.`
    : `The 12 months to ${year.to}: ${tally(year.recent)}. ${
        !year.before
          ? `The 12 months before: not stored (${
              m?.heldBefore
                ? `Vigil holds MAUDE reports for only ${m.heldBefore} of those months`
                : `Vigil holds no MAUDE reports from ${m?.from} to ${m?.to}`
            }), so there is nothing to compare with; ${fetch}.`
          : `The 12 months before: ${tally(year.before)}. ${
              year.change === null
                ? 'None of the reports Vigil stores were received in those months.'
                : year.change === 0
                  ? 'No change.'
                  : `${year.change > 0 ? 'Up' : 'Down'} ${Math.abs(year.change)}%.`
            }`
      }`;
  return (
    <p class="year-on-year">
      <strong>Is it rising?</strong> {said}
    </p>
  );
}

/**
 * Reports over time by event type, as a chart drawn on the server (no script needed) with the
 * same numbers as a table, the latest year against the one before, and the brands, models and
 * generic names most reported. `children` go under the heading (the choice of month or quarter).
 */
export function EventTrends({ view, children }: { view: EventTrendsView; children?: unknown }) {
  const first = view.buckets[0];
  const last = view.buckets.at(-1);
  const charted = view.total - view.undated;
  const summary =
    first && last
      ? `Reports per ${view.grain} by event type, ${first.label} to ${last.label}; ${reports(charted)}`
      : '';
  return (
    <section id="event-trends" class="trends" aria-labelledby="trends-title">
      <h2 id="trends-title">Trends</h2>
      {children}
      {view.yearOnYear && <YearOnYearLine year={view.yearOnYear} />}
      {first ? (
        <figure>
          <Chart view={view} summary={summary} />
          <figcaption>
            <Legend />
          </figcaption>
        </figure>
      ) : (
        <p class="empty">No dated reports to chart.</p>
      )}
      {view.undated > 0 && (
        <p class="muted">{reports(view.undated)} without a date received are not charted.</p>
      )}
      {first && <Numbers view={view} />}
      <div class="tops">
        <Top title="Top brands" facets={view.tops.brand} />
        <Top title="Top models" facets={view.tops.model} />
        <Top title="Top generic names" facets={view.tops.generic} />
      </div>
    </section>
  );
}
