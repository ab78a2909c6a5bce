import { ClassBadge, DueText } from './class-and-due';
import type { InboxItem, InboxView } from './inbox';

function query(filters: InboxView['filters'], page: number) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k === 'recallClass' ? 'class' : k, v);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

/** The recall's status at the FDA, with a warning when the FDA terminated what we still hold open. */
function FdaStatus({ item }: { item: InboxItem }) {
  if (!item.fdaStatus) return <span class="muted">Not given</span>;
  return (
    <>
      {item.fdaStatus}
      {item.terminatedAt && <span class="muted"> {item.terminatedAt}</span>}
      {item.terminatedButOpen && !item.filedAsHistory && (
        <>
          <br />
          <span class="running">Terminated at the FDA, still open here</span>
        </>
      )}
    </>
  );
}

/** The table and its pages: the whole page's section, and what htmx swaps when a filter changes. */
export function InboxResults({ view }: { view: InboxView }) {
  const ticked = new Set((view.bulk?.typed?.ids ?? '').split(','));
  return (
    <section id="inbox-results" aria-labelledby="inbox-results-title" aria-live="polite">
      <h2 id="inbox-results-title" class="visually-hidden">
        Matched recalls
      </h2>
      <p class="muted">
        {view.total.toLocaleString('en-US')} {view.total === 1 ? 'recall' : 'recalls'}
        {view.pages > 1 && `, page ${view.page} of ${view.pages}`}
      </p>
      {view.items.length === 0 ? (
        <p>No matched recall fits these filters.</p>
      ) : (
        <table>
          <thead>
            <tr>
              {view.bulk && (
                <th scope="col">
                  <span class="visually-hidden">Select</span>
                </th>
              )}
              <th scope="col">Class</th>
              <th scope="col">Recall</th>
              <th scope="col">At the FDA</th>
              <th scope="col" class="num">
                Our devices
              </th>
              <th scope="col">State</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((i) => (
              <tr class={i.isNew ? 'new' : ''}>
                {view.bulk && (
                  <td>
                    <label class="visually-hidden" for={`tick-${i.productResNumber}`}>
                      Select {i.productResNumber}
                    </label>
                    <input
                      id={`tick-${i.productResNumber}`}
                      type="checkbox"
                      name="ids"
                      value={i.productResNumber}
                      form="inbox-bulk"
                      checked={ticked.has(i.productResNumber)}
                    />
                  </td>
                )}
                <td>
                  <ClassBadge c={i.recallClass} />
                  {i.early?.sourceClass && (
                    <>
                      <br />
                      <span class="muted">
                        {i.early.label}: {i.early.sourceClass}
                      </span>
                    </>
                  )}
                </td>
                <td>
                  <a href={`/recalls/${encodeURIComponent(i.productResNumber)}`}>{i.productResNumber}</a>
                  {i.isNew && <span class="badge"> new</span>} <strong>{i.firm ?? 'Firm not given'}</strong>
                  {i.early && <span class="badge early"> {i.early.label} · not yet in openFDA</span>}
                  {i.heardFirstFrom && <span class="muted"> · first heard from {i.heardFirstFrom}</span>}
                  <br />
                  <span class="muted">{i.product}</span>
                  {i.promiseLate && (
                    <>
                      <br />
                      <span class="failed">Correction promised by {i.promiseLate}: late</span>
                    </>
                  )}
                </td>
                <td>
                  <FdaStatus item={i} />
                </td>
                <td class="num">
                  {i.assets}
                  {i.undecided > 0 && i.state !== 'closed' && (
                    <>
                      <br />
                      <span class="muted">{i.undecided} not finished</span>
                    </>
                  )}
                </td>
                <td>
                  {i.stateLabel}
                  {i.assignee && (
                    <>
                      <br />
                      <span class="muted">{i.assignee}</span>
                    </>
                  )}
                </td>
                <td>
                  {i.filedAsHistory ? (
                    <span class="muted">Before Vigil</span>
                  ) : (
                    <>
                      <DueText due={i.due} daysLeft={i.daysLeft} closed={i.state === 'closed'} />
                      {i.dueProvisional && i.state !== 'closed' && (
                        <>
                          <br />
                          <span class="muted">provisional: no class yet</span>
                        </>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.pages > 1 && (
        <nav aria-label="Pages" class="pages">
          {view.page > 1 && <a href={query(view.filters, view.page - 1)}>Previous page</a>}{' '}
          {view.page < view.pages && <a href={query(view.filters, view.page + 1)}>Next page</a>}
        </nav>
      )}
    </section>
  );
}
