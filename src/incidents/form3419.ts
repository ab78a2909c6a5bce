import type { Facility } from './facility';
import { withheldText } from './patient-identifiers';

/**
 * Form FDA 3419, the user facility's annual report (21 CFR 803.33): due January 1 for the
 * calendar year before, summarising the MDR reports the facility actually sent that year. Built
 * from the reports recorded as sent, one entry per user facility report number (the report to
 * the FDA and the copy to the manufacturer share a number; follow-ups are not new events).
 */

/** One report as sent, with what 803.33(a)(7) asks about its device and event. */
export type SentRow = {
  reportNumber: string;
  recipient: 'FDA' | 'manufacturer';
  recipientName: string | null;
  sentOn: string;
  followUp: number;
  incidentNumber: string;
  description: string | null;
  /** Read only to withhold its words from the description if it is a name. */
  patientIdentifier?: string | null;
  devices: Record<string, string>[];
};

export type AnnualEntry = {
  reportNumber: string;
  incidentNumber: string;
  firstSentOn: string;
  manufacturer: string | null;
  brandAndCommonName: string | null;
  modelCatalogSerialLot: string | null;
  description: string | null;
  submittedTo: string[];
};

export type Form3419 = {
  year: number;
  dueOn: string;
  facility: Facility;
  entries: AnnualEntry[];
  total: number;
  lowestNumber: string | null;
  highestNumber: string | null;
};

const joinedOf = (values: (string | undefined)[], sep = ', ') => {
  const kept = values.map((v) => v?.trim()).filter(Boolean);
  return kept.length ? kept.join(sep) : null;
};

/** A brief description: the first sentences of the event, at most 300 characters. */
function brief(text: string | null): string | null {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  if (flat.length <= 300) return flat;
  const cut = flat.slice(0, 300);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 200))}…`;
}

/** Builds the summary for `year` from every report row; rows of other years are ignored. */
export function annualReport(year: number, facility: Facility, rows: SentRow[]): Form3419 {
  const byNumber = new Map<string, SentRow[]>();
  for (const row of rows) byNumber.set(row.reportNumber, [...(byNumber.get(row.reportNumber) ?? []), row]);
  const entries: AnnualEntry[] = [];
  for (const [reportNumber, sent] of byNumber) {
    const initial = sent.filter((r) => r.followUp === 0).sort((a, b) => a.sentOn.localeCompare(b.sentOn));
    // The event belongs to the year its initial report went out.
    if (!initial[0] || Number(initial[0].sentOn.slice(0, 4)) !== year) continue;
    const devices = initial[0].devices;
    const to = new Set(
      initial.map((r) =>
        r.recipient === 'FDA' ? 'FDA' : `Manufacturer${r.recipientName ? ` (${r.recipientName})` : ''}`,
      ),
    );
    entries.push({
      reportNumber,
      incidentNumber: initial[0].incidentNumber,
      firstSentOn: initial[0].sentOn,
      manufacturer: joinedOf(
        devices.map((d) => joinedOf([d.manufacturer, d.manufacturerAddress]) ?? undefined),
        '; ',
      ),
      brandAndCommonName: joinedOf(
        devices.map((d) => joinedOf([d.brandName, d.commonName]) ?? undefined),
        '; ',
      ),
      modelCatalogSerialLot: joinedOf(
        devices.map(
          (d) =>
            joinedOf([
              d.model && `model ${d.model}`,
              d.catalogNumber && `catalog ${d.catalogNumber}`,
              d.serialNumber && `serial ${d.serialNumber}`,
              d.lot && `lot ${d.lot}`,
            ]) ?? undefined,
        ),
        '; ',
      ),
      // The 3419 goes to the FDA: the description loses patient identifiers, as the 3500A's does.
      description: brief(withheldText(initial[0].description, initial[0].patientIdentifier)),
      submittedTo: [...to].sort(),
    });
  }
  entries.sort((a, b) => a.reportNumber.localeCompare(b.reportNumber, 'en', { numeric: true }));
  return {
    year,
    dueOn: `${year + 1}-01-01`,
    facility,
    entries,
    total: entries.length,
    lowestNumber: entries[0]?.reportNumber ?? null,
    highestNumber: entries.at(-1)?.reportNumber ?? null,
  };
}
