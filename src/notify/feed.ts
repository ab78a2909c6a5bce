import { Feed } from 'feed';
import { assetsLine, type CaseFacts, escapeHtml, recallTitle, recallUrl, withoutControlChars } from './text';

/**
 * Atom text constructs are declared type="html" by the feed library, so readers render them as
 * markup: FDA text is escaped first, and then shows exactly as the FDA wrote it.
 */
const asHtml = (text: string) => escapeHtml(withoutControlChars(text));

function summaryOf(c: CaseFacts): string {
  const reason = c.reasonForRecall?.trim() || 'The FDA gives no reason.';
  return `<p>${asHtml(reason)}</p><p>Matched: ${asHtml(assetsLine(c.assets))}</p>`;
}

/** The Atom document of recall cases, newest first as given; `feedUrl` is the reader's own address. */
export function recallsAtom(input: {
  publicUrl: string;
  feedUrl: string;
  cases: CaseFacts[];
  now: Date;
}): string {
  const { publicUrl, cases } = input;
  const feed = new Feed({
    id: `${publicUrl}/`,
    title: 'Vigil: recalls matching our devices',
    description: 'FDA device recalls that match the inventory, as each is first matched.',
    link: `${publicUrl}/`,
    feedLinks: { atom: input.feedUrl },
    author: { name: 'Vigil' },
    updated: cases[0] ? new Date(cases[0].openedAt) : input.now,
    generator: false,
  });
  for (const c of cases) {
    feed.addItem({
      title: asHtml(recallTitle(c)),
      // One case per recall, ever: the Z-number names the entry wherever Vigil is served from.
      id: `urn:vigil:recall-case:${encodeURIComponent(c.productResNumber)}`,
      link: recallUrl(publicUrl, c.productResNumber),
      date: new Date(c.openedAt),
      description: summaryOf(c),
    });
  }
  return feed.atom1();
}
