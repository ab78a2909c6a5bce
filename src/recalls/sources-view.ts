import type { SourcesView } from '../../views/recalls/recall-sources';
import type { Db } from '../db/client';
import { heardFirst } from '../sources/lead';
import { joinedStates, linksOf } from '../sources/linking';
import { sourceLabel } from '../sources/notice';
import { type HeldNotice, noticesByKey } from '../sources/store';

const joined = (state: string) => (joinedStates as readonly string[]).includes(state);

export type SourceEvent = { at: string; actor: string; text: string };

/**
 * What the early sources add to one recall page, read once: the notice this page is (if it is
 * one), its links, the notices folded into this recall (their timelines are its too), and every
 * source on the timeline.
 */
export type PageSources = {
  notice: HeldNotice | null;
  links: ReturnType<typeof linksOf>;
  /** The early notices whose cases were folded into this recall's. */
  folded: string[];
  events: SourceEvent[];
};

/**
 * Every source on the timeline: the day each early notice joined to this recall was published
 * (or this notice's own), and the day openFDA posted the recall. Days, not times: the sources
 * give days.
 */
export function pageSources(db: Db, id: string, postedAt: string | null): PageSources {
  const notice = noticesByKey(db, [id]).get(id) ?? null;
  const links = linksOf(db, id);
  const joinedHere = links.filter((l) => l.productResNumber === id && joined(l.state));
  const told = notice
    ? [notice]
    : [
        ...noticesByKey(
          db,
          joinedHere.map((l) => l.noticeKey),
        ).values(),
      ];
  return {
    notice,
    links,
    folded: joinedHere.filter((l) => l.mergedAt).map((l) => l.noticeKey),
    events: [
      ...told
        .filter((n) => n.noticeDate)
        .map((n) => ({
          at: n.noticeDate!,
          actor: sourceLabel(n.source),
          text: notice ? 'told of this recall' : `told of this recall first, as ${n.noticeKey}: ${n.title}`,
        })),
      ...(postedAt && !notice ? [{ at: postedAt, actor: 'openFDA', text: 'posted the recall' }] : []),
    ],
  };
}

/**
 * What the recall page says of early sources: on a notice's page, the notice and the openFDA
 * recalls it may be; on a recall's page, the notices that told of it first and the lead.
 */
export function sourcesViewOf(
  db: Db,
  id: string,
  read: PageSources,
  viewer: { csrf: string; canWork: boolean },
  error?: string,
): SourcesView {
  const { notice, links } = read;
  const heard = notice ? null : heardFirst(db, id);
  return {
    notice: notice && {
      source: sourceLabel(notice.source),
      title: notice.title,
      url: notice.url,
      noticeDate: notice.noticeDate,
      sourceClass: notice.sourceClass,
      category: notice.category,
      joinedTo: links.find((l) => l.noticeKey === id && joined(l.state))?.productResNumber ?? null,
    },
    heard: heard && { first: heard.source, on: heard.on, postedAt: heard.postedAt, leadDays: heard.leadDays },
    links: links.map((l) => ({
      noticeKey: l.noticeKey,
      productResNumber: l.productResNumber,
      other: notice ? l.productResNumber : l.noticeKey,
      otherTitle: notice ? '' : `${sourceLabel(l.source)}: ${l.title}`,
      state: l.state,
      reasons: l.reasons,
      decidedBy: l.decidedBy,
    })),
    ...viewer,
    error,
  };
}
