import type { ComplianceReport, ReportAsset, ReportRecall } from '../../views/reports/reports';
import type { DueDays } from '../config';
import type { Db } from '../db/client';
import { dismissalReasonLabels, dispositionLabels, stateLabels } from '../recalls/workflow';
import { csvOf } from '../shared/csv';
import { excerpt } from '../shared/text';
import { medianLeadBySource } from '../sources/lead';
import {
  classLabel,
  complianceTotals,
  dayAfter,
  judgeCases,
  timelinessLabels,
  totalsByClass,
} from './compliance';
import { assetsOfCasesOpenedIn, casesOpenedIn } from './queries';

export type { ComplianceReport, ReportAsset, ReportRecall };

export function complianceReport(
  db: Db,
  range: { from: string; to: string },
  dueDays: DueDays,
  now: Date,
): ComplianceReport {
  const before = dayAfter(range.to);
  const judged = judgeCases(
    casesOpenedIn(db, range.from, before),
    assetsOfCasesOpenedIn(db, range.from, before),
    dueDays,
    now,
  );
  return {
    ...range,
    generatedAt: now.toISOString(),
    recalls: judged.map((r) => ({
      productResNumber: r.productResNumber,
      recallClass: classLabel(r.recallClass),
      firm: r.firm,
      product: excerpt(r.product, 90),
      openedAt: r.openedAt,
      due: r.due,
      state: stateLabels[r.state],
      assignedTo: r.assignedTo,
      closedAt: r.closedAt,
      closedBy: r.closedBy,
      daysToClose: r.daysToClose,
      timeliness: r.timeliness,
      timelinessLabel: timelinessLabels[r.timeliness],
      assets: r.assets.map(({ dismissal, ...a }) =>
        dismissal
          ? {
              ...a,
              disposition: `Dismissed, not this device: ${dismissal.reason ? dismissalReasonLabels[dismissal.reason].toLowerCase() : 'no reason recorded'}`,
              note: dismissal.note,
              decidedBy: dismissal.by,
              decidedAt: dismissal.at,
            }
          : { ...a, disposition: a.disposition ? dispositionLabels[a.disposition] : null },
      ),
    })),
    totals: complianceTotals(judged),
    byClass: totalsByClass(judged).map((c) => ({ label: classLabel(c.recallClass), totals: c.totals })),
    leadBySource: medianLeadBySource(db, { from: range.from, before }),
  };
}

const csvColumns = [
  'recall_number',
  'class',
  'firm',
  'product',
  'opened_at',
  'due',
  'state',
  'assigned_to',
  'closed_at',
  'closed_by',
  'days_to_close',
  'on_time',
  'asset_tag',
  'device',
  'serial_number',
  'department',
  'disposition',
  'disposition_note',
  'disposition_by',
  'disposition_at',
];

/** One row per recall and asset; a recall with no asset left still has its one row. */
export function complianceCsv(report: ComplianceReport): string {
  const rows = report.recalls.flatMap((r) => {
    const recall = [
      r.productResNumber,
      r.recallClass,
      r.firm,
      r.product,
      r.openedAt,
      r.due,
      r.state,
      r.assignedTo,
      r.closedAt,
      r.closedBy,
      r.daysToClose,
      r.timelinessLabel,
    ];
    if (r.assets.length === 0) return [recall];
    return r.assets.map((a) => [
      ...recall,
      a.assetTag,
      a.device,
      a.serialNumber,
      a.department,
      a.disposition,
      a.note,
      a.decidedBy,
      a.decidedAt,
    ]);
  });
  return csvOf([csvColumns, ...rows]);
}

/** The file name a download of the report gets: it carries the range. */
export const csvFilename = (report: { from: string; to: string }) =>
  `vigil-recall-compliance-${report.from}-to-${report.to}.csv`;
