import { stamped } from '../shared/time';
import { ClassMissing, FirstDay, type FirstDayView } from './first-day';
import { BulkForm } from './inbox-bulk';
import { InboxResults } from './inbox-results';

type State = 'new' | 'acknowledged' | 'assigned' | 'in_progress' | 'closed';

export type InboxItem = {
  productResNumber: string;
  recallClass: 'I' | 'II' | 'III' | null;
  firm: string | null;
  product: string | null;
  postedAt: string | null;
  state: State;
  stateLabel: string;
  assignee: string | null;
  assets: number;
  undecided: number;
  due: string;
  daysLeft: number;
  isNew: boolean;
  /** Where the recall stands at the FDA ("Open", "Completed", "Terminated"), when the record says. */
  fdaStatus: string | null;
  terminatedAt: string | null;
  /** The FDA terminated the recall, yet our case is not closed. */
  terminatedButOpen: boolean;
  filedAsHistory: boolean;
  /** No class yet: the due date follows the rule for unclassified recalls until one comes. */
  dueProvisional: boolean;
  /** The day a correction was promised by, when it has passed undone. */
  promiseLate: string | null;
  /** The case is an early notice's, not yet in openFDA: its source and the source's own class. */
  early: { label: string; sourceClass: string | null } | null;
  /** For an openFDA recall first told by early sources: which. */
  heardFirstFrom: string | null;
};

export type InboxView = FirstDayView & {
  items: InboxItem[];
  total: number;
  page: number;
  pages: number;
  counts: { state: State; label: string; n: number }[];
  /** Cases a baseline filed as history (before Vigil). */
  history: number;
  filters: {
    state: string;
    recallClass: string;
    fda: string;
    late: string;
    department: string;
    manufacturer: string;
  };
  choices: { departments: string[]; fdaStatuses: { value: string; label: string }[] };
  newCount: number;
  lastVisit: string | null;
  /** Open cases whose manufacturer's promised correction is late. */
  latePromises: number;
  /** Set when recalls lack a class because no enforcement report is loaded: why, and how to load them. */
  classMissing: boolean;
  /** Matches of devices that are retired or disposed of, which open no case: reviewed elsewhere. */
  goneMatches: number;
  /** For those who work cases: what acting on several at once offers, and a refusal to show. */
  bulk: {
    csrf: string;
    people: { id: number; name: string }[];
    reasons: { value: string; label: string }[];
    error?: string;
    typed?: Record<string, string>;
  } | null;
};

function Select({
  id,
  name,
  label,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <span class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/** What has come in since the last visit; on a first visit, what there is. */
function WhatIsNew({ view }: { view: InboxView }) {
  if (!view.lastVisit) {
    const open = view.counts.filter((c) => c.state !== 'closed').reduce((n, c) => n + c.n, 0);
    const all = view.counts.reduce((n, c) => n + c.n, 0);
    return (
      <p>
        {all === 0 ? (
          'Welcome. No recall matches a device in the inventory yet.'
        ) : (
          <strong>
            Welcome. {open} matched {open === 1 ? 'recall is' : 'recalls are'} open
            {all > open ? ` (${all} in all)` : ''}.
          </strong>
        )}
      </p>
    );
  }
  return (
    <p>
      {view.newCount > 0 ? (
        <strong>
          {view.newCount} matched {view.newCount === 1 ? 'recall is' : 'recalls are'} new since your last
          visit
        </strong>
      ) : (
        'Nothing new since your last visit'
      )}{' '}
      <span class="muted">({stamped(view.lastVisit)})</span>.
    </p>
  );
}

/**
 * The home page below its heading and sync glance: recalls that hit devices we own, most severe
 * and newest first.
 */
export function InboxPage({ view }: { view: InboxView }) {
  const all = (label: string) => ({ value: '', label });
  return (
    <>
      <FirstDay view={view} />
      <ClassMissing show={view.classMissing} />
      <WhatIsNew view={view} />
      {view.latePromises > 0 && (
        <p class="failed">
          <a href="/?late=1">
            {view.latePromises} {view.latePromises === 1 ? 'recall has' : 'recalls have'} a manufacturer’s
            correction past its promised day
          </a>
          .
        </p>
      )}
      <nav aria-label="Recalls by state">
        <ul class="counts">
          {view.counts.map((c) => (
            <li>
              <a
                href={`/?state=${c.state}`}
                aria-current={view.filters.state === c.state ? 'true' : undefined}
              >
                {c.label}: <strong>{c.n}</strong>
              </a>
            </li>
          ))}
          {view.history > 0 && (
            <li>
              <a href="/?state=history" aria-current={view.filters.state === 'history' ? 'true' : undefined}>
                Before Vigil: <strong>{view.history}</strong>
              </a>
            </li>
          )}
        </ul>
      </nav>
      <form
        method="get"
        action="/"
        class="filters"
        hx-get="/"
        hx-trigger="change"
        hx-target="#inbox-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <Select
          id="f-state"
          name="state"
          label="State"
          value={view.filters.state}
          options={[
            { value: '', label: 'Open (not closed)' },
            ...view.counts.map((c) => ({ value: c.state, label: c.label })),
            { value: 'all', label: 'All' },
            { value: 'history', label: 'Before Vigil (history)' },
          ]}
        />
        <Select
          id="f-fda"
          name="fda"
          label="At the FDA"
          value={view.filters.fda}
          options={[all('Any status'), ...view.choices.fdaStatuses]}
        />
        <Select
          id="f-class"
          name="class"
          label="Class"
          value={view.filters.recallClass}
          options={[
            all('Any class'),
            { value: 'I', label: 'Class I' },
            { value: 'II', label: 'Class II' },
            { value: 'III', label: 'Class III' },
            { value: 'unclassified', label: 'Unclassified' },
          ]}
        />
        <Select
          id="f-department"
          name="department"
          label="Department"
          value={view.filters.department}
          options={[all('Any department'), ...view.choices.departments.map((d) => ({ value: d, label: d }))]}
        />
        {/* Typed, not chosen: a hospital's devices come from hundreds of makers. */}
        <span class="field">
          <label for="f-manufacturer">Manufacturer of our device</label>
          <input
            id="f-manufacturer"
            name="manufacturer"
            type="search"
            value={view.filters.manufacturer}
            placeholder="any"
          />
        </span>
        <button type="submit">Filter</button>
      </form>
      {view.bulk && <BulkForm bulk={view.bulk} />}
      <InboxResults view={view} />
      {view.goneMatches > 0 && (
        <p>
          <a href="/recalls/gone">
            {view.goneMatches} {view.goneMatches === 1 ? 'match' : 'matches'} of retired or disposed devices
          </a>{' '}
          <span class="muted">open no case; review them there.</span>
        </p>
      )}
    </>
  );
}
