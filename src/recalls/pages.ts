import { HTTPException } from 'hono/http-exception';
import type { RecallView } from '../../views/recalls/recall';
import type { ActivityView } from '../../views/recalls/recall-activity';
import type { AssetMatchView, AssetRowContext } from '../../views/recalls/recall-assets';
import type { SequesteredMark } from '../../views/shared/sequestered';
import { historyOf } from '../audit/log';
import { can } from '../auth/roles';
import { activeUsers } from '../auth/users';
import type { DueDays } from '../config';
import type { Db } from '../db/client';
import { dismissalReasons, dispositions, type Role } from '../db/schema';
import { recallReportsHref } from '../events/links';
import { facilityDay } from '../shared/clock';
import { baselineOf } from './baseline';
import { isCountedMatch } from './counted';
import type { EvidenceSettings } from './evidence';
import { fdaRecallUrl, noticeSummary, recordFields } from './fda';
import { fdaStatusLabels, fdaStatusOf } from './fda-status';
import { promiseLate } from './manufacturer';
import {
  caseOf,
  devicesHoldingCase,
  dismissedFrom,
  evidenceOf,
  type MatchedAsset,
  matchedAssets,
  notesOf,
  recallRecord,
} from './queries';
import { pageSources, sourcesViewOf } from './sources-view';
import { describeChange } from './timeline';
import {
  canClose,
  classOf,
  daysLeft,
  dismissalReasonLabels,
  dispositionLabels,
  dueDate,
  nextStates,
  openDevicesText,
  stateLabels,
} from './workflow';

/** What the pages of a recall are built from. */
export type PageDeps = {
  db: Db;
  now: () => Date;
  dueDays: DueDays;
  evidence: EvidenceSettings;
  /** Which assets incidents hold sequestered now, by asset tag (marked on the recall page). */
  held: () => ReadonlyMap<string, SequesteredMark>;
};

/** Who a case can be assigned to: the active accounts that work cases. */
export const workers = (db: Db) =>
  activeUsers(db)
    .filter((u) => can(u.role, 'work'))
    .map((u) => ({ id: u.id, name: u.name }));

const place = (a: MatchedAsset) => [a.department, a.location].filter(Boolean).join(', ');

function toAssetView(a: MatchedAsset, held: ReadonlyMap<string, SequesteredMark>): AssetMatchView {
  return {
    assetTag: a.assetTag,
    model: [a.manufacturer, a.model].filter(Boolean).join(' ') || 'Model not recorded',
    serialNumber: a.serialNumber,
    place: place(a),
    score: a.score,
    confidence: a.confidence,
    reasons: a.reasons,
    lotStatus: a.lotStatus,
    decision: a.decision,
    decidedBy: a.decidedBy,
    disposition: a.disposition,
    dispositionLabel: a.disposition
      ? (dispositionLabels[a.disposition as keyof typeof dispositionLabels] ?? a.disposition)
      : null,
    dispositionNote: a.dispositionNote,
    dispositionBy: a.dispositionBy,
    dispositionAt: a.dispositionAt,
    sequestered: held.get(a.assetTag) ?? null,
  };
}

/** A recall of a common model can hit hundreds of our devices: the page shows them a hundred at a time. */
const assetPageSize = 100;

export type RecallViewExtra = Partial<Pick<RecallView, 'caseError' | 'assetsError' | 'announcement'>> & {
  manufacturer?: { error: string; typed: Record<string, string> };
  rowError?: AssetRowContext['error'];
  activity?: Partial<ActivityView>;
  sourcesError?: string;
};

/** The recall page for a viewer: what they may do, and the page of matched assets asked for. */
export function recallViewOf(
  deps: PageDeps,
  id: string,
  viewer: { role: Role; csrf: string },
  assetsPage: string | undefined,
  extra: RecallViewExtra = {},
): RecallView {
  const { db, now } = deps;
  const { recall, enforcement } = recallRecord(db, id);
  if (!recall && !enforcement)
    throw new HTTPException(404, {
      message: `There is no recall ${id} in Vigil. Check the number, or sync.`,
    });
  const kase = caseOf(db, id);
  const cls = classOf(enforcement?.classification);
  const all = matchedAssets(db, id);
  // Read once for the page: a recall of a common model matches hundreds of devices.
  const held = deps.held();
  const toView = (a: MatchedAsset) => toAssetView(a, held);
  const counted = all.filter(isCountedMatch);
  const requested = Number.parseInt(assetsPage ?? '1', 10);
  const assetPage = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const canWork = can(viewer.role, 'work');
  const rowContext: AssetRowContext = {
    productResNumber: id,
    csrf: viewer.csrf,
    canWork,
    hasCase: kase !== null,
    dispositions: dispositions.map((d) => ({ value: d, label: dispositionLabels[d] })),
    dismissalReasons: dismissalReasons.map((r) => ({ value: r, label: dismissalReasonLabels[r] })),
    error: extra.rowError,
  };
  const product = recall?.productDescription ?? enforcement?.productDescription ?? '';
  const due = kase ? dueDate(kase.openedAt, cls, deps.dueDays, kase.dueOverride) : null;
  // A notice's case folded into this one brought its history along.
  const sources = pageSources(db, id, recall?.eventDatePosted ?? null);
  const history = [id, ...sources.folded]
    .flatMap((key) => historyOf(db, 'recall', key))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const open = kase ? devicesHoldingCase(db, id) : [];
  const evidence = evidenceOf(db, id);
  const fda = fdaStatusOf(recall?.recallStatus ?? enforcement?.status);
  const filed = kase?.baselineId ? baselineOf(db, kase.baselineId) : null;
  const responseFile = evidence.find((e) => e.id === kase?.responseFileId);
  return {
    productResNumber: id,
    recallClass: cls,
    firm: recall?.recallingFirm ?? enforcement?.recallingFirm ?? null,
    title: product.length > 240 ? `${product.slice(0, 240)}…` : product,
    fdaUrl: fdaRecallUrl(recall?.cfresId),
    reportsHref: recallReportsHref(recall?.recallingFirm ?? enforcement?.recallingFirm, recall?.productCode),
    fields: recordFields(recall, enforcement),
    fda: {
      status: fda ? fdaStatusLabels[fda] : null,
      terminatedAt:
        fda === 'terminated' ? (recall?.eventDateTerminated ?? enforcement?.terminationDate ?? null) : null,
    },
    summary: noticeSummary(recall, enforcement),
    highWaiting: all.filter((a) => a.confidence === 'high' && a.decision === null).length,
    caseView:
      kase && due
        ? {
            state: kase.state,
            stateLabel: stateLabels[kase.state],
            assignee: kase.assignee,
            openedAt: kase.openedAt,
            due,
            daysLeft: daysLeft(due, now()),
            dueSetByHand: Boolean(kase.dueOverride),
            closedAt: kase.closedAt,
            closedBy: kase.closedBy,
            moves: nextStates(kase.state).map((s) => ({ value: s, label: stateLabels[s] })),
            people: workers(db),
            openDevices: open,
            canClose: canClose(kase.state, open),
            openDevicesText: openDevicesText(open),
            dueProvisional: cls === null && !kase.dueOverride,
            history: filed ? { at: filed.appliedAt, by: filed.appliedBy } : null,
            manufacturer: {
              productResNumber: id,
              csrf: viewer.csrf,
              canWork,
              responseSentOn: kase.responseSentOn,
              responseSentBy: kase.responseSentBy,
              responseFile: responseFile ? { id: responseFile.id, name: responseFile.originalName } : null,
              correctionPromisedBy: kase.correctionPromisedBy,
              correctionDoneOn: kase.correctionDoneOn,
              promiseLate: kase.state !== 'closed' && promiseLate(kase, facilityDay(now())),
              error: extra.manufacturer?.error,
              typed: extra.manufacturer?.typed,
            },
          }
        : null,
    counted: counted.slice((assetPage - 1) * assetPageSize, assetPage * assetPageSize).map(toView),
    countedTotal: counted.length,
    assetPage,
    assetPages: Math.max(1, Math.ceil(counted.length / assetPageSize)),
    assetsError: extra.assetsError,
    candidates: all.filter((a) => !isCountedMatch(a) && a.decision !== 'dismissed').map(toView),
    dismissed: dismissedFrom(db, id).map((d) => ({
      assetTag: d.assetTag,
      model: [d.manufacturer, d.model].filter(Boolean).join(' ') || 'Model not recorded',
      reason: d.reason ? dismissalReasonLabels[d.reason] : 'No reason recorded',
      note: d.note,
      by: d.decidedBy,
      at: d.decidedAt,
    })),
    rowContext,
    activity: {
      productResNumber: id,
      csrf: viewer.csrf,
      canWork,
      hasCase: kase !== null,
      notes: notesOf(db, id).map((n) => ({ author: n.author, body: n.body, at: n.at })),
      evidence: evidence.map((e) => ({
        id: e.id,
        name: e.originalName,
        size: e.size,
        by: e.uploadedBy,
        at: e.uploadedAt,
        sha256: e.sha256,
      })),
      timeline: [
        ...history.map((h) => ({ at: h.at, actor: h.actor, text: describeChange(h) })),
        ...(kase
          ? [
              {
                at: kase.openedAt,
                actor: 'Vigil',
                text: 'opened the case: the recall matched devices we own',
              },
            ]
          : []),
        ...sources.events,
      ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
      maxEvidenceMb: Math.floor(deps.evidence.maxBytes / 1048576),
      ...extra.activity,
    },
    sources: sourcesViewOf(db, id, sources, { csrf: viewer.csrf, canWork }, extra.sourcesError),
    caseError: extra.caseError,
    announcement: extra.announcement,
  };
}
