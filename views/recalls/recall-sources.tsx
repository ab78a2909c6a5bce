import { Csrf } from '../shared/layout';

export type NoticeLinkView = {
  noticeKey: string;
  productResNumber: string;
  /** The key on the other side of the link from this page, and what it is. */
  other: string;
  otherTitle: string;
  state: 'linked' | 'suggested' | 'confirmed' | 'rejected';
  reasons: string[];
  decidedBy: string | null;
};

export type SourcesView = {
  /** This page is an early notice's: what its source said. */
  notice: {
    source: string;
    title: string;
    url: string | null;
    noticeDate: string | null;
    sourceClass: string | null;
    category: string | null;
    /** The openFDA recall the notice was joined to, where its case is worked now. */
    joinedTo: string | null;
  } | null;
  /** For a recall that early sources told first: who first, when, and the lead on openFDA. */
  heard: { first: string; on: string; postedAt: string | null; leadDays: number | null } | null;
  links: NoticeLinkView[];
  csrf: string;
  canWork: boolean;
  error?: string | undefined;
};

const stateWords: Record<NoticeLinkView['state'], string> = {
  linked: 'the same event (Vigil is sure)',
  confirmed: 'the same event (confirmed',
  suggested: 'perhaps the same event: Vigil asks you',
  rejected: 'not the same event (a person said)',
};

function Link({ link, view, action }: { link: NoticeLinkView; view: SourcesView; action: string }) {
  return (
    <li>
      <a href={`/recalls/${encodeURIComponent(link.other)}`}>{link.other}</a> {link.otherTitle}:{' '}
      <strong>
        {stateWords[link.state]}
        {link.state === 'confirmed' ? ` by ${link.decidedBy ?? 'a person'})` : ''}
      </strong>
      <ul class="muted">
        {link.reasons.map((r) => (
          <li>{r}</li>
        ))}
      </ul>
      {link.state === 'suggested' && view.canWork && (
        <form method="post" action={action} class="inline-fields">
          <Csrf token={view.csrf} />
          <input type="hidden" name="notice" value={link.noticeKey} />
          <input type="hidden" name="recall" value={link.productResNumber} />
          <button type="submit" name="same" value="yes">
            Same recall: one case
          </button>{' '}
          <button type="submit" name="same" value="no" class="secondary">
            Not the same
          </button>
        </form>
      )}
    </li>
  );
}

/** Where Vigil heard of the recall: the early notice, its links to openFDA, and the lead. */
export function SourcesPanel({ view, productResNumber }: { view: SourcesView; productResNumber: string }) {
  const n = view.notice;
  if (!n && !view.heard && view.links.length === 0) return null;
  const action = `/recalls/${encodeURIComponent(productResNumber)}/notice-link`;
  return (
    <section id="sources" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      {view.error && (
        <p class="alert" role="alert">
          {view.error}
        </p>
      )}
      {n && (
        <p>
          <span class="badge early">{n.source}</span>{' '}
          {n.joinedTo ? (
            <>
              This early notice is the FDA’s recall{' '}
              <a href={`/recalls/${encodeURIComponent(n.joinedTo)}`}>{n.joinedTo}</a>: it is worked there.
            </>
          ) : (
            <strong>Not yet in openFDA.</strong>
          )}{' '}
          {n.source} published it {n.noticeDate ? `on ${n.noticeDate}` : 'on a day it did not give'}
          {n.category ? ` (${n.category})` : ''}.{' '}
          {n.sourceClass
            ? `${n.source} classes it ${n.sourceClass}, its own scale; the FDA’s class is unknown until the FDA classifies it.`
            : 'The FDA’s class is unknown until the FDA classifies it.'}{' '}
          {n.url && (
            <a href={n.url} rel="noopener noreferrer">
              The notice at {n.source}
            </a>
          )}
        </p>
      )}
      {view.heard && (
        <p>
          First heard from <strong>{view.heard.first}</strong> on {view.heard.on}
          {view.heard.postedAt
            ? `; openFDA posted it on ${view.heard.postedAt}${view.heard.leadDays !== null ? `, ${view.heard.leadDays} days later` : ''}.`
            : '.'}
        </p>
      )}
      {view.links.length > 0 && (
        <ul>
          {view.links.map((link) => (
            <Link link={link} view={view} action={action} />
          ))}
        </ul>
      )}
    </section>
  );
}
