import { Csrf } from '../shared/layout';

/** What the inbox offers on the first day, and to whom (see the route). */
export type FirstDayView = {
  csrf: string;
  /** For an admin, when a baseline would file old work as history: how many cases it would. */
  baselineProposal: number | null;
  /** On a new install with no inventory, for someone who may load one: the sample offer. */
  offerSample: boolean;
  /** Assets of the sample inventory that are loaded, for the removal button. */
  sampleLoaded: number;
};

/**
 * A new install's first steps: the sample inventory offered while there is none, and the
 * baseline proposed to an admin while old recalls would crowd the inbox.
 */
export function FirstDay({ view }: { view: FirstDayView }) {
  return (
    <>
      {view.offerSample && (
        <section id="sample-offer" aria-labelledby="sample-offer-title">
          <h2 id="sample-offer-title">Try Vigil with a sample inventory</h2>
          <p>
            No inventory is loaded yet. Load about 40 common hospital devices (infusion pumps, monitors,
            defibrillators, ventilators) to see recalls matched to them; remove them in one click when you
            load your own.
          </p>
          <form method="post" action="/inventory/sample">
            <Csrf token={view.csrf} />
            <button type="submit">Load the sample inventory</button>
          </form>
        </section>
      )}
      {view.sampleLoaded > 0 && (
        <form method="post" action="/inventory/sample/remove" class="notice">
          <Csrf token={view.csrf} />
          The sample inventory is loaded ({view.sampleLoaded} devices).{' '}
          <button type="submit">Remove the sample inventory</button>
        </form>
      )}
      {view.baselineProposal !== null && view.baselineProposal > 0 && (
        <p id="baseline-proposal" class="notice">
          {view.baselineProposal} open{' '}
          {view.baselineProposal === 1 ? 'case is a recall' : 'cases are recalls'} the FDA has terminated.{' '}
          <a href="/baseline">Review a baseline</a> to file old recalls as history (before Vigil) so that the
          inbox holds what is open at the FDA or recent.
        </p>
      )}
    </>
  );
}

/** Why recalls have no class: their enforcement reports are not loaded, and how to load them. */
export function ClassMissing({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <p id="class-missing" class="muted">
      Unclassified recalls have no class because the FDA’s enforcement reports are not loaded: a recall’s
      Class I, II or III comes from its enforcement report. Load them with a sync (the Sync page, or{' '}
      <code>vigil sync</code>), or from the bulk file (
      <code>vigil import device-enforcement-0001-of-0001.json.zip</code>). Until then, due dates of
      unclassified recalls are provisional.
    </p>
  );
}
