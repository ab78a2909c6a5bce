import { SequesteredBadge, type SequesteredMark } from '../shared/sequestered';
import { type AssetListing, assetHref, listingHref, type PageSpan } from './listing';

/** A row of the list: the asset, how many open recalls match it, and whether it is sequestered. */
export type AssetListRow = {
  assetTag: string;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  department: string | null;
  location: string | null;
  status: string | null;
  openRecalls: number;
  sequestered: SequesteredMark | null;
};

export type InventoryResultsView = { listing: AssetListing; rows: AssetListRow[]; span: PageSpan };

export type InventoryView = InventoryResultsView & {
  choices: { departments: string[]; statuses: string[] };
  canImport: boolean;
};

const n = (value: number) => value.toLocaleString('en-US');

function Filter(props: {
  id: keyof AssetListing;
  label: string;
  all: string;
  values: string[];
  value: string;
}) {
  return (
    <span class="field">
      <label for={`filter-${props.id}`}>{props.label}</label>
      <select id={`filter-${props.id}`} name={props.id}>
        <option value="">{props.all}</option>
        {props.values.map((v) => (
          <option value={v} selected={v === props.value}>
            {v}
          </option>
        ))}
      </select>
    </span>
  );
}

function Summary({ listing, span }: InventoryResultsView) {
  const filtered = listing.q || listing.department || listing.manufacturer || listing.status;
  if (span.from === 0)
    return (
      <p role="status">
        {span.total > 0
          ? `There is no page ${n(listing.page)}: the assets found fill ${n(span.pages)}.`
          : filtered
            ? 'No asset matches this search.'
            : 'No assets yet.'}
        {filtered && (
          <>
            {' '}
            <a href="/inventory">Show every asset</a>.
          </>
        )}
      </p>
    );
  return (
    <p role="status">
      Assets {n(span.from)}–{n(span.to)} of {n(span.total)}
      {filtered ? ' found' : ''}.
    </p>
  );
}

/** The results table with its pages: the part a search swaps in place. */
export function InventoryResults(view: InventoryResultsView) {
  const { listing, rows, span } = view;
  return (
    <div id="inventory-results">
      <Summary {...view} />
      {rows.length > 0 && (
        <table>
          <caption class="visually-hidden">Assets</caption>
          <thead>
            <tr>
              <th scope="col">Asset tag</th>
              <th scope="col">Manufacturer</th>
              <th scope="col">Model</th>
              <th scope="col">Serial</th>
              <th scope="col">Department</th>
              <th scope="col">Location</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Open recalls
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={assetHref(r.assetTag)}>{r.assetTag}</a>
                </th>
                <td>{r.manufacturer}</td>
                <td>{r.model}</td>
                <td>{r.serialNumber}</td>
                <td>{r.department}</td>
                <td>{r.location}</td>
                {/* Beside the CMMS status, which still says "In Service" for a device held as evidence. */}
                <td>
                  {r.status}
                  {r.sequestered && (
                    <>
                      {r.status && <br />}
                      <SequesteredBadge mark={r.sequestered} />
                    </>
                  )}
                </td>
                <td class="num">{r.openRecalls > 0 ? <strong>{r.openRecalls}</strong> : '0'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {span.pages > 1 && (
        <nav aria-label="Pages" class="pages">
          {listing.page > 1 && (
            <a href={listingHref(listing, Math.min(listing.page - 1, span.pages))} rel="prev">
              ← Previous
            </a>
          )}{' '}
          <span>
            Page {n(listing.page)} of {n(span.pages)}
          </span>{' '}
          {listing.page < span.pages && (
            <a href={listingHref(listing, listing.page + 1)} rel="next">
              Next →
            </a>
          )}
        </nav>
      )}
    </div>
  );
}

/**
 * The inventory: a plain GET form that works without JavaScript; with htmx, typing in the box or
 * changing a filter swaps only the results and keeps the address shareable.
 */
export function InventoryPage({ view }: { view: InventoryView }) {
  const { listing, choices } = view;
  const swap = {
    'hx-get': '/inventory',
    'hx-target': '#inventory-results',
    'hx-swap': 'outerHTML',
    'hx-push-url': 'true',
  };
  return (
    <>
      <h1>Inventory</h1>
      {view.canImport && (
        <p>
          <a href="/inventory/import">Import a CSV export from your CMMS</a>
        </p>
      )}
      <search>
        <form
          method="get"
          action="/inventory"
          class="filters"
          {...swap}
          hx-trigger="input delay:250ms, submit"
        >
          <span class="field">
            <label for="inventory-q">Search</label>
            <input
              id="inventory-q"
              name="q"
              type="search"
              value={listing.q}
              autocomplete="off"
              aria-describedby="inventory-q-help"
            />
            <small id="inventory-q-help" class="muted">
              Asset tag, manufacturer, model, serial, device name or location.
            </small>
          </span>
          <Filter
            id="department"
            label="Department"
            all="All departments"
            values={choices.departments}
            value={listing.department}
          />
          {/* Typed, not chosen: an inventory holds devices from hundreds of makers. */}
          <span class="field">
            <label for="manufacturer">Manufacturer</label>
            <input
              id="manufacturer"
              name="manufacturer"
              type="search"
              value={listing.manufacturer}
              placeholder="any"
            />
          </span>
          <Filter
            id="status"
            label="Status"
            all="Any status"
            values={choices.statuses}
            value={listing.status}
          />
          <button type="submit">Search</button>
        </form>
      </search>
      <InventoryResults listing={view.listing} rows={view.rows} span={view.span} />
    </>
  );
}
