import { Csrf } from '../shared/layout';
import { stamped } from '../shared/time';

export type BaselinePreviewView = {
  postedBefore: string | null;
  open: number;
  terminated: number;
  before: number;
  worked: number;
  stays: number;
  staysByStatus: { open: number; completed: number; other: number };
};

export type AppliedBaseline = {
  id: number;
  postedBefore: string | null;
  cases: number;
  appliedBy: string;
  appliedAt: string;
  undoneBy: string | null;
  undoneAt: string | null;
};

export type BaselineView = {
  csrf: string;
  /** The day as typed, shown again when it is not a date. */
  typed: string;
  error?: string;
  /** Null while the day typed is not a date: nothing is counted until it is. */
  preview: BaselinePreviewView | null;
  applied: AppliedBaseline[];
};

const cases = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'case' : 'cases'}`;

/** What the baseline will do, counted; and the button that does exactly that. */
export function BaselinePreview({ view }: { view: BaselineView }) {
  const p = view.preview;
  return (
    <section id="baseline-preview" aria-labelledby="baseline-preview-title" aria-live="polite">
      <h2 id="baseline-preview-title">What the baseline will do</h2>
      {view.error && (
        <p class="alert" role="alert">
          {view.error}
        </p>
      )}
      {p && (
        <>
          <p>
            Of <strong data-count="open">{p.open.toLocaleString('en-US')}</strong> open cases, the baseline
            files as history (before Vigil):
          </p>
          <ul>
            <li>
              <strong data-count="terminated">{cases(p.terminated)}</strong> whose recall the FDA has
              terminated
            </li>
            <li>
              <strong data-count="before">{cases(p.before)}</strong>{' '}
              {p.postedBefore
                ? `whose recall was posted before ${p.postedBefore}`
                : 'by posting day (no day chosen)'}
            </li>
          </ul>
          <p>
            The inbox then holds <strong data-count="stays">{cases(p.stays)}</strong>: {p.staysByStatus.open}{' '}
            open at the FDA, {p.staysByStatus.completed} completed at the FDA and recent,{' '}
            {p.staysByStatus.other} with no FDA status given.
            {p.worked > 0 && ` ${cases(p.worked)} would qualify but stay, since someone has started on them.`}
          </p>
          <form method="post" action="/baseline">
            <Csrf token={view.csrf} />
            <input type="hidden" name="before" value={p.postedBefore ?? ''} />
            <button type="submit" disabled={p.terminated + p.before === 0}>
              File {cases(p.terminated + p.before)} as history
            </button>
          </form>
        </>
      )}
    </section>
  );
}

/** The admin's baseline screen: choose the day, see the counts, apply; and undo what was applied. */
export function BaselinePage({ view }: { view: BaselineView }) {
  return (
    <>
      <h1>Baseline: what is history, what is work</h1>
      <p>
        An inventory loaded against years of recalls opens a case for every old recall that matches a device.
        A baseline files as history the cases nobody has started on whose recall the FDA has terminated, or
        that was posted before the day you choose. History stays on the asset and recall pages, in search and
        in the compliance report as “before Vigil”; the inbox keeps what is open at the FDA or recent. A
        baseline can be undone.
      </p>
      <form
        method="get"
        action="/baseline"
        class="filters"
        hx-get="/baseline"
        hx-trigger="change"
        hx-target="#baseline-preview"
        hx-swap="outerHTML"
      >
        <span class="field">
          <label for="baseline-before">Also file recalls posted before</label>
          <input id="baseline-before" name="before" type="date" value={view.typed} />
        </span>
        <button type="submit">Count again</button>
      </form>
      <BaselinePreview view={view} />
      {view.applied.length > 0 && (
        <section aria-labelledby="baselines-title">
          <h2 id="baselines-title">Baselines applied</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Applied</th>
                <th scope="col">Posted before</th>
                <th scope="col" class="num">
                  Cases filed
                </th>
                <th scope="col">Undo</th>
              </tr>
            </thead>
            <tbody>
              {view.applied.map((b) => (
                <tr>
                  <td>
                    {stamped(b.appliedAt)} by {b.appliedBy}
                  </td>
                  <td>{b.postedBefore ?? 'terminated only'}</td>
                  <td class="num">{b.cases}</td>
                  <td>
                    {b.undoneAt ? (
                      `Undone ${stamped(b.undoneAt)} by ${b.undoneBy}`
                    ) : (
                      <form method="post" action={`/baseline/${b.id}/undo`}>
                        <Csrf token={view.csrf} />
                        <button type="submit">Undo: put its cases back in the inbox</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
