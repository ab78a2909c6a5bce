import { Timestamp } from './time';

export type GlanceFeed = {
  title: string;
  /** The latest load of the feed, by a sync or a bulk import, and which. */
  lastLoad: { at: string; by: 'sync' | 'import' } | null;
  failing: boolean;
  running: boolean;
};

/** Sync status at a glance, for the inbox: each feed in a word, and the way to the sync page. */
export function SyncGlance({ feeds, now }: { feeds: GlanceFeed[]; now: Date }) {
  const failing = feeds.filter((f) => f.failing);
  return (
    <section class="glance" aria-labelledby="glance-title">
      <h2 id="glance-title">openFDA sync</h2>
      {failing.length > 0 && (
        <p class="alert" role="alert">
          {failing.map((f) => f.title).join(', ')} could not be synced: recalls shown may be out of date.{' '}
          <a href="/sync">See why</a>
        </p>
      )}
      <ul>
        {feeds.map((f) => (
          <li>
            {f.title}:{' '}
            {f.running ? (
              <span class="running">syncing now</span>
            ) : f.failing ? (
              <span class="failed">failing</span>
            ) : f.lastLoad ? (
              <span class="ok">{f.lastLoad.by === 'sync' ? 'synced' : 'loaded from a bulk file'}</span>
            ) : (
              <span class="muted">not loaded yet</span>
            )}{' '}
            {f.lastLoad && (
              <span class="muted">
                (last <Timestamp iso={f.lastLoad.at} now={now} />)
              </span>
            )}
          </li>
        ))}
      </ul>
      <p>
        <a href="/sync">Sync page</a>
      </p>
    </section>
  );
}
