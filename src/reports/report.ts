import { stringify } from 'csv-stringify/sync';
import type { DueDays } from '../config';
import type { Db } from '../db/client';
import { dismissalReasonLabels, dispositionLabels, stateLabels } from '../recalls/workflow';
import { excerpt } from '../shared/text';
import {
  type ComplianceTotals,
  classLabel,
  complianceTotals,
  dayAfter,
  judgeCases,
  type Timeliness,
  timelinessLabels,
  totalsByClass,
} from './compliance';
import { assetsOfCasesOpenedIn, casesOpenedIn } from './queries';

export type ReportAsset = {
  assetTag: string;
  device: string | null;
  serialNumber: string | null;
  department: string | null;
  disposition: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
};

export type ReportRecall = {
  productResNumber: string;
  recallClass: string;
  firm: string | null;
  product: string;
  openedAt: string;
  due: string;
  state: string;
  assignedTo: string | null;
  closedAt: string | null;
  closedBy: string | null;
  daysToClose: number | null;
  timeliness: Timeliness;
  timelinessLabel: string;
  assets: ReportAsset[];
};

/** The compliance report for a range of days (both ends included), in words a surveyor reads. */
export type ComplianceReport = {
  from: string;
  to: string;
  generatedAt: string;
  recalls: ReportRecall[];
  totals: ComplianceTotals;
  byClass: { label: string; totals: ComplianceTotals }[];
};

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

/**
 * Text from the FDA or from people could start a spreadsheet formula; a leading apostrophe keeps
 * it text (OWASP's advice for CSV injection).
 */
export const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

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
  return stringify([csvColumns, ...rows], {
    record_delimiter: '\n',
    cast: { string: inert },
  });
}

/** The file name a download of the report gets: it carries the range. */
export const csvFilename = (report: { from: string; to: string }) =>
  `vigil-recall-compliance-${report.from}-to-${report.to}.csv`;
