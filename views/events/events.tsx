import { type EventResults, EventResultsSection, swap } from './event-results';

/** The search form's fields, as typed, so a page with a problem shows them again unchanged. */
export type EventFormInput = {
  manufacturer: string;
  brand: string;
  model: string;
  catalog: string;
  productCode: string;
  udiDi: string;
  from: string;
  to: string;
  eventType: string;
  text: string;
};

export type EventsView = {
  input: EventFormInput;
  eventTypes: readonly string[];
  problems: string[];
  /** Null until there is a filter (and none of them has a problem). */
  result: EventResults | null;
};

function Text({
  name,
  label,
  value,
  help,
}: {
  name: keyof EventFormInput;
  label: string;
  value: string;
  help?: string;
}) {
  return (
    <span class="field">
      <label for={`event-${name}`}>{label}</label>
      <input
        id={`event-${name}`}
        name={name}
        value={value}
        autocomplete="off"
        aria-describedby={help ? `event-${name}-help` : undefined}
      />
      {help && (
        <small id={`event-${name}-help`} class="muted">
          {help}
        </small>
      )}
    </span>
  );
}

/**
 * MAUDE search: adverse-event reports by manufacturer (every spelling of it), device, dates, type
 * and narrative. A plain GET form; with htmx a search replaces the results in place and the
 * address bar follows. It searches on submit, not as one types: a half-typed manufacturer gathers
 * nothing, and each search of a million reports is work worth asking for.
 */
export function EventsPage({ view }: { view: EventsView }) {
  const v = view.input;
  return (
    <>
      <h1>MAUDE adverse-event reports</h1>
      <search>
        <form method="get" action="/events" class="filters" hx-get="/events" {...swap} hx-sync="this:replace">
          <Text
            name="manufacturer"
            label="Manufacturer"
            value={v.manufacturer}
            help="Its spellings are gathered."
          />
          <Text name="brand" label="Brand" value={v.brand} help="Or its beginning." />
          <Text name="model" label="Model number" value={v.model} />
          <Text name="catalog" label="Catalog number" value={v.catalog} />
          <Text
            name="productCode"
            label="Product code"
            value={v.productCode}
            help="Three letters, such as FRN."
          />
          <Text name="udiDi" label="UDI-DI" value={v.udiDi} />
          <span class="field">
            <label for="event-from">Received from</label>
            <input id="event-from" name="from" type="date" value={v.from} />
          </span>
          <span class="field">
            <label for="event-to">Received to</label>
            <input id="event-to" name="to" type="date" value={v.to} />
          </span>
          <span class="field">
            <label for="event-eventType">Event type</label>
            <select id="event-eventType" name="eventType">
              <option value="">Any event type</option>
              {view.eventTypes.map((t) => (
                <option value={t} selected={t.toLowerCase() === v.eventType.toLowerCase()}>
                  {t}
                </option>
              ))}
            </select>
          </span>
          <Text name="text" label="Words in the narrative" value={v.text} help="Every word must appear." />
          <button type="submit">Search</button>
        </form>
      </search>
      <EventResultsSection problems={view.problems} result={view.result} />
    </>
  );
}
