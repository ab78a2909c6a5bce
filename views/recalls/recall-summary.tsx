import { ClassBadge, DueText } from './class-and-due';
import type { RecallView } from './recall';

/** What the page opens with: the notice in brief, everything needed to decide. */
export function Summary({ view }: { view: RecallView }) {
  const c = view.caseView;
  const s = view.summary;
  return (
    <section id="summary" class="card" aria-labelledby="summary-title">
      <h2 id="summary-title" class="visually-hidden">
        The notice in brief
      </h2>
      <p class="lead">
        <strong>{view.firm ?? 'Firm not given'}</strong>: {view.title}
      </p>
      <dl class="facts">
        <dt>Class</dt>
        <dd>
          <ClassBadge c={view.recallClass} />
        </dd>
        <dt>FDA status</dt>
        <dd>{s.status ?? 'Not given'}</dd>
        {s.product && s.product !== view.title && (
          <>
            <dt>Product</dt>
            <dd class="pre">{s.product}</dd>
          </>
        )}
        <dt>Reason for recall</dt>
        <dd class="pre">{s.reason ?? 'Not given'}</dd>
        <dt>Action</dt>
        <dd class="pre">{s.action ?? 'Not given'}</dd>
        {c && (
          <>
            <dt>Due</dt>
            <dd>
              <DueText due={c.due} daysLeft={c.daysLeft} closed={c.state === 'closed'} />
            </dd>
          </>
        )}
      </dl>
      <p>
        {view.fdaUrl && (
          <a href={view.fdaUrl} rel="noopener noreferrer">
            The FDA's page for this recall
          </a>
        )}
        {view.fdaUrl && view.reportsHref && ' · '}
        {view.reportsHref && <a href={view.reportsHref}>MAUDE reports for this firm and product code</a>}
      </p>
    </section>
  );
}
