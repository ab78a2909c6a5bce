import type { InboxView } from '../../views/recalls/inbox';
import { caseStates, dismissalReasons } from '../db/schema';
import { facilityDay } from '../shared/clock';
import { sourceLabel } from '../sources/notice';
import { fdaStatuses, fdaStatusLabels, fdaStatusOf } from './fda-status';
import { goneDeviceMatchCount } from './gone-devices';
import {
  casesOpenedSince,
  enforcementLoaded,
  type InboxFilters,
  inboxPageSize,
  inboxRows,
  latePromiseCount,
  stateCounts,
} from './inbox-queries';
import { promiseLate } from './manufacturer';
import { type PageDeps, workers } from './pages';
import { classOf, daysLeft, dismissalReasonLabels, dueDate, stateLabels } from './workflow';

export const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | null =>
  v && (values as readonly string[]).includes(v) ? (v as T) : null;

export function inboxFilters(q: (name: string) => string | undefined, today: string): InboxFilters {
  const page = Number.parseInt(q('page') ?? '1', 10);
  return {
    state: oneOf([...caseStates, 'all', 'history'] as const, q('state')) ?? 'open',
    recallClass: oneOf(['I', 'II', 'III', 'unclassified'] as const, q('class')),
    fdaStatus: oneOf(fdaStatuses, q('fda')),
    lateOn: q('late') === '1' ? today : null,
    department: q('department') || null,
    manufacturer: q('manufacturer') || null,
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

/** The inbox for the filters in `query`, with what is new since `lastVisit`. */
export function inboxViewOf(
  deps: PageDeps,
  query: (name: string) => string | undefined,
  lastVisit: string | null,
  choices: Omit<InboxView['choices'], 'fdaStatuses'>,
  viewer: Pick<InboxView, 'baselineProposal' | 'offerSample' | 'sampleLoaded' | 'csrf'> & {
    canWork: boolean;
  },
): InboxView {
  const { db, now } = deps;
  const today = now();
  const day = facilityDay(today);
  const f = inboxFilters(query, day);
  const { rows, total } = inboxRows(db, f);
  const counts = stateCounts(db);
  return {
    items: rows.map((r) => {
      const cls = classOf(r.classification);
      const due = dueDate(r.openedAt, cls, deps.dueDays, r.dueOverride);
      const fda = fdaStatusOf(r.recallStatus);
      return {
        fdaStatus: fda ? fdaStatusLabels[fda] : null,
        terminatedAt: fda === 'terminated' ? r.terminatedAt : null,
        terminatedButOpen: fda === 'terminated' && r.state !== 'closed',
        filedAsHistory: r.baselineId !== null,
        // Without a class, the due date follows the unclassified rule until the class is known.
        dueProvisional: cls === null && !r.dueOverride,
        promiseLate: r.state !== 'closed' && promiseLate(r, day) ? r.correctionPromisedBy : null,
        productResNumber: r.productResNumber,
        recallClass: cls,
        firm: r.recallingFirm,
        product:
          r.productDescription && r.productDescription.length > 200
            ? `${r.productDescription.slice(0, 200)}…`
            : r.productDescription,
        postedAt: r.postedAt,
        state: r.state,
        stateLabel: stateLabels[r.state],
        assignee: r.assignee,
        assets: r.assets,
        undecided: r.undecided,
        due,
        daysLeft: daysLeft(due, today),
        isNew: lastVisit !== null && r.openedAt > lastVisit,
        early: r.noticeSource ? { label: sourceLabel(r.noticeSource), sourceClass: r.noticeClass } : null,
        heardFirstFrom: r.heardFrom ? r.heardFrom.split(',').map(sourceLabel).join(', ') : null,
      };
    }),
    total,
    page: f.page,
    pages: Math.max(1, Math.ceil(total / inboxPageSize)),
    counts: caseStates.map((s) => ({ state: s, label: stateLabels[s], n: counts[s] })),
    history: counts.history,
    filters: {
      state: f.state === 'open' ? '' : f.state,
      recallClass: f.recallClass ?? '',
      fda: f.fdaStatus ?? '',
      late: f.lateOn ? '1' : '',
      department: f.department ?? '',
      manufacturer: f.manufacturer ?? '',
    },
    choices: { ...choices, fdaStatuses: fdaStatuses.map((s) => ({ value: s, label: fdaStatusLabels[s] })) },
    newCount: lastVisit ? casesOpenedSince(db, lastVisit) : 0,
    lastVisit,
    latePromises: latePromiseCount(db, day),
    goneMatches: goneDeviceMatchCount(db),
    classMissing:
      counts.new + counts.acknowledged + counts.assigned + counts.in_progress > 0 && !enforcementLoaded(db),
    baselineProposal: viewer.baselineProposal,
    offerSample: viewer.offerSample,
    sampleLoaded: viewer.sampleLoaded,
    csrf: viewer.csrf,
    bulk: viewer.canWork
      ? {
          csrf: viewer.csrf,
          people: workers(db),
          reasons: dismissalReasons.map((r) => ({ value: r, label: dismissalReasonLabels[r] })),
        }
      : null,
  };
}
