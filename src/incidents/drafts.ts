import type { Db } from '../db/client';
import { facilityDay } from '../shared/clock';
import { Refusal } from '../shared/refusal';
import { facilityDetails, facilityGaps } from './facility';
import { draft3500A } from './medwatch/form3500a';
import { medwatchInputOf } from './medwatch/from-record';
import { incidentFile } from './queries';
import { suggestedReportNumber } from './reports-sent';

export type DraftRequest = { assetTag?: string; followUp: number };

/**
 * The 3500A draft of one incident as it stands today, for one of its devices (the first unless
 * one is named): what the page and the PDF both show. Null when there is no such incident.
 */
export function incidentDraft(db: Db, incidentId: number, request: DraftRequest, now: Date) {
  const file = incidentFile(db, incidentId);
  if (!file) return null;
  const device = request.assetTag
    ? file.devices.find((d) => d.assetTag === request.assetTag)
    : file.devices[0];
  if (request.assetTag && !device)
    throw new Refusal(`${file.incident.number} has no device ${request.assetTag}`);
  const today = facilityDay(now);
  const facility = facilityDetails(db);
  const input = medwatchInputOf(
    {
      incident: file.incident,
      device: device ?? null,
      facility,
      reports: file.reports,
      suggestedNumber: suggestedReportNumber(db, incidentId, today),
      today,
    },
    request.followUp,
  );
  return {
    incident: file.incident,
    devices: file.devices.map((d) => d.assetTag),
    assetTag: device?.assetTag ?? null,
    followUp: request.followUp,
    draft: draft3500A(input, now),
    facilityGaps: facilityGaps(facility),
  };
}
export type IncidentDraft = NonNullable<ReturnType<typeof incidentDraft>>;
