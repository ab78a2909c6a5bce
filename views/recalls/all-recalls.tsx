import { ClassBadge } from './class-and-due';

/** Filters as the form sends them, kept as typed so a page with an error can show them again. */
export type RecallFilterInput = {
  q: string;
  recallClass: string;
  status: string;
  firm: string;
  productCode: string;
  postedFrom: string;
  postedTo: string;
  matchedOnly: boolean;
  page: number;
};

export type AllRecallsRow = {
  productResNumber: string;
  recallClass: 'I' | 'II' | 'III' | null;
  firm: string | null;
  product: string | null;
  posted: string | null;
  status: string | null;
  /** The day the FDA terminated the recall, when it did. */
  terminatedAt: string | null;
  /** A terminated recall whose case is still open here says so. */
  terminatedButOpen: boolean;
  productCode: string | null;
  matchedAssets: number;
};

export type AllRecallsView = {
  /** The filters as typed, shown again as they were. */
  input: Omit<RecallFilterInput, 'page'>;
  statuses: string[];
  errors: string[];
  /** Null when the filters have errors: nothing is listed until they are put right. */
  list: {
    rows: AllRecallsRow[];
    total: number;
    page: number;
    pages: number;
    /** Links to pages, the address of each made by the route. */
    links: ({ page: number; href: string } | 'gap')[];
    previous: string | null;
    next: string | null;
  } | null;
};

/** The start of a long description, cut at a word. */
export function shorten(text: string | null, max = 160): string {
  if (!text) return '';
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

const swap = {
  'hx-target': '#recall-results',
  'hx-swap': 'outerHTML',
  'hx-push-url': 'true',
} as const;

function Pages({ list }: { list: NonNullable<AllRecallsView['list']> }) {
  if (list.pages <= 1) return null;
  return (
    <nav class="pages" aria-label="Pages of recalls">
      {list.previous && (
        <a href={list.previous} hx-get={list.previous} {...swap} rel="prev">
          Previous
        </a>
      )}
      {list.links.map((link) =>
        link === 'gap' ? (
          <span class="muted">…</span>
        ) : link.page === list.page ? (
          <strong aria-current="page">{link.page}</strong>
        ) : (
          <a href={link.href} hx-get={link.href} {...swap} aria-label={`Page ${link.page}`}>
            {link.page}
          </a>
        ),
      )}
      {list.next && (
        <a href={list.next} hx-get={list.next} {...swap} rel="next">
          Next
        </a>
      )}
    </nav>
  );
}

/** The list with its count and pages: the part of the page a search swaps. */
export function RecallResults({ view }: { view: AllRecallsView }) {
  const { list } = view;
  return (
    <section id="recall-results" aria-labelledby="recall-results-title">
      <h2 id="recall-results-title" class="visually-hidden">
        Recalls found
      </h2>
      {view.errors.length > 0 && (
        <div class="alert" role="alert">
          <p>The filters need a change before recalls can be listed:</p>
          <ul>
            {view.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {list && (
        <>
          <p role="status">
            {list.total === 0
              ? 'No recall matches these filters.'
              : `${list.total.toLocaleString('en-US')} ${list.total === 1 ? 'recall' : 'recalls'}, newest posted first${list.pages > 1 ? `; page ${list.page} of ${list.pages}` : ''}.`}
          </p>
          {list.rows.length > 0 && (
            <table>
              <caption class="visually-hidden">Recalls, newest posted first</caption>
              <thead>
                <tr>
                  <th scope="col">Recall</th>
                  <th scope="col">Class</th>
                  <th scope="col">Firm</th>
                  <th scope="col">Product</th>
                  <th scope="col">Posted</th>
                  <th scope="col">At the FDA</th>
                  <th scope="col" class="num">
                    Our assets
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={`/recalls/${encodeURIComponent(r.productResNumber)}`}>{r.productResNumber}</a>
                    </th>
                    <td>
                      <ClassBadge c={r.recallClass} />
                    </td>
                    <td>{r.firm ?? <span class="muted">unknown</span>}</td>
                    <td>
                      {shorten(r.product)}
                      {r.productCode && <span class="muted"> ({r.productCode})</span>}
                    </td>
                    <td>{r.posted ?? <span class="muted">not posted</span>}</td>
                    <td>
                      {r.status ?? <span class="muted">unknown</span>}
                      {r.terminatedAt && <span class="muted"> {r.terminatedAt}</span>}
                      {r.terminatedButOpen && (
                        <>
                          <br />
                          <span class="running">Terminated at the FDA, still open here</span>
                        </>
                      )}
                    </td>
                    <td class="num">
                      {r.matchedAssets > 0 ? (
                        <strong>{r.matchedAssets}</strong>
                      ) : (
                        <span class="visually-hidden">none</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pages list={list} />
        </>
      )}
    </section>
  );
}

function Select({
  id,
  name,
  label,
  any,
  options,
  value,
}: {
  id: string;
  name: string;
  label: string;
  any: string;
  options: { value: string; label: string }[];
  value: string;
}) {
  return (
    <span class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * Every recall the FDA has published, matched to our devices or not. The form works as a plain
 * GET form; with htmx the list follows the typing and the address bar follows the list.
 */
export function AllRecallsPage({ view }: { view: AllRecallsView }) {
  const { input } = view;
  return (
    <>
      <h1>All recalls</h1>
      <search>
        <form
          method="get"
          action="/recalls"
          class="filters"
          hx-get="/recalls"
          {...swap}
          hx-trigger="input changed delay:300ms, change, submit"
          hx-sync="this:replace"
        >
          <span class="field">
            <label for="recall-q">Search</label>
            <input
              id="recall-q"
              name="q"
              type="search"
              value={input.q}
              autocomplete="off"
              aria-describedby="recall-q-help"
            />
            <small id="recall-q-help" class="muted">
              Z-number, firm, device, reason for recall, lot or serial.
            </small>
          </span>
          <Select
            id="recall-class"
            name="class"
            label="Class"
            any="Any class"
            options={['I', 'II', 'III'].map((c) => ({ value: c, label: `Class ${c}` }))}
            value={input.recallClass}
          />
          <Select
            id="recall-status"
            name="status"
            label="Status"
            any="Any status"
            options={view.statuses.map((s) => ({ value: s, label: s }))}
            value={input.status}
          />
          <span class="field">
            <label for="recall-firm">Firm</label>
            <input id="recall-firm" name="firm" value={input.firm} autocomplete="off" />
          </span>
          <span class="field">
            <label for="recall-code">Product code</label>
            <input
              id="recall-code"
              name="product_code"
              value={input.productCode}
              size={5}
              maxlength={3}
              autocomplete="off"
            />
          </span>
          <span class="field">
            <label for="recall-from">Posted from</label>
            <input id="recall-from" name="from" type="date" value={input.postedFrom} />
          </span>
          <span class="field">
            <label for="recall-to">Posted to</label>
            <input id="recall-to" name="to" type="date" value={input.postedTo} />
          </span>
          <span class="field">
            <span>
              <input
                id="recall-matched"
                name="matched"
                type="checkbox"
                value="1"
                checked={input.matchedOnly}
              />{' '}
              <label for="recall-matched">Matched to our devices only</label>
            </span>
          </span>
          <button type="submit">Search</button>
        </form>
      </search>
      <RecallResults view={view} />
    </>
  );
}
