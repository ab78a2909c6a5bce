import type { EnforcementRecord, RecallRecord } from './queries';

/** The FDA's own page for a recall, from its cfRES id (the database the recall feed comes from). */
export function fdaRecallUrl(cfresId: string | null | undefined): string | null {
  return cfresId && /^\d+$/.test(cfresId)
    ? `https://www.accessdata.fda.gov/scripts/cdrh/cfdocs/cfRES/res.cfm?id=${cfresId}`
    : null;
}

/** The FDA record as labelled fields, recall first and the enforcement report's additions after. */
export function recordFields(recall: RecallRecord | null, enforcement: EnforcementRecord | null) {
  const codeInfo = [recall?.codeInfo ?? enforcement?.codeInfo, enforcement?.moreCodeInfo]
    .filter(Boolean)
    .join('\n');
  return [
    { label: 'Product', value: recall?.productDescription ?? enforcement?.productDescription ?? null },
    { label: 'Reason for recall', value: recall?.reasonForRecall ?? enforcement?.reasonForRecall ?? null },
    { label: 'Action', value: recall?.action ?? null },
    { label: 'Code information', value: codeInfo || null },
    { label: 'Recalling firm', value: recall?.recallingFirm ?? enforcement?.recallingFirm ?? null },
    { label: 'Classification', value: enforcement?.classification ?? null },
    { label: 'Recall status', value: recall?.recallStatus ?? enforcement?.status ?? null },
    { label: 'Product code', value: recall?.productCode ?? null },
    { label: 'Device name', value: recall?.deviceName ?? null },
    { label: 'Root cause', value: recall?.rootCauseDescription ?? null },
    { label: 'Quantity', value: recall?.productQuantity ?? enforcement?.productQuantity ?? null },
    { label: 'Distribution', value: recall?.distributionPattern ?? enforcement?.distributionPattern ?? null },
    { label: 'Initiated', value: recall?.eventDateInitiated ?? enforcement?.recallInitiationDate ?? null },
    { label: 'Posted', value: recall?.eventDatePosted ?? null },
    { label: 'Classified', value: enforcement?.centerClassificationDate ?? null },
    { label: 'Terminated', value: recall?.eventDateTerminated ?? enforcement?.terminationDate ?? null },
    { label: 'Recall event', value: recall?.resEventNumber ?? enforcement?.eventId ?? null },
  ];
}

/** What the recall page leads with: what a technician decides on, the FDA's words in full. */
export function noticeSummary(recall: RecallRecord | null, enforcement: EnforcementRecord | null) {
  return {
    status: recall?.recallStatus ?? enforcement?.status ?? null,
    product: recall?.productDescription ?? enforcement?.productDescription ?? null,
    reason: recall?.reasonForRecall ?? enforcement?.reasonForRecall ?? null,
    action: recall?.action ?? null,
  };
}
