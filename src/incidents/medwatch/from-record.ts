import type { incidents } from '../../db/schema';
import type { Facility } from '../facility';
import type { SentReport } from '../reports-sent';
import type { DeviceOperator, MedwatchInput } from './input';

type IncidentRow = typeof incidents.$inferSelect;

/** What one 3500A is drafted from: the record, one of its devices, the facility, what was sent. */
export type FormSource = {
  incident: IncidentRow;
  device: { assetTag: string; details: Record<string, string> } | null;
  facility: Facility;
  reports: SentReport[];
  /** The report number to print when none has been sent yet (see suggestedReportNumber). */
  suggestedNumber: string;
  today: string;
};

const yes = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);
const list = (v: string | null) => (v ? v.split(/,\s*/).filter(Boolean) : undefined);

/** "72 years" → { value: 72, unit: 'years' }, as record.ts stores it. */
function age(v: string | null): NonNullable<MedwatchInput['patient']>['age'] {
  const m = /^(\d+) (years|months|weeks|days)$/.exec(v ?? '');
  return m ? { value: Number(m[1]), unit: m[2] as 'years' } : undefined;
}

const operators = new Set<DeviceOperator>(['health_professional', 'lay_user_patient', 'other']);

/**
 * The plain input for `draft3500A`, read off a stored incident. A draft is of the initial report
 * unless a follow-up number is asked for; its dates sent come from the reports recorded as sent.
 */
export function medwatchInputOf(source: FormSource, followUp = 0): MedwatchInput {
  const { incident: i, facility: f, reports } = source;
  const d = source.device?.details ?? {};
  const first = (to: 'FDA' | 'manufacturer') => reports.find((r) => r.recipient === to && r.followUp === 0);
  const weight = i.patientWeightKg ? Number(i.patientWeightKg) : undefined;
  const facilityAddress = {
    street: f.street,
    city: f.city,
    state: f.state,
    postalCode: f.postalCode,
    country: f.country,
  };
  return {
    event: {
      outcome: i.outcome,
      deathOn: i.deathOn ?? undefined,
      seriousOutcomes: i.seriousOutcomes ?? undefined,
      // A device problem code or error code recorded says the device had a problem (B1).
      productProblem:
        i.outcome === 'malfunction' || Boolean(d.errorCodes || i.deviceProblemCodes) || undefined,
      occurredOn: i.eventAt ?? undefined,
      awareOn: i.awareOn,
      description: i.description ?? undefined,
      relevantTests: i.relevantTests ?? undefined,
      relevantHistory: i.patientHistory ?? undefined,
      // Vigil is kept by hospitals: F12 is a hospital unless the record says otherwise.
      location: 'hospital',
      patientProblemCodes: list(i.patientProblemCodes),
      deviceProblemCodes: list(i.deviceProblemCodes),
      concomitantProducts: i.concomitantProducts ?? undefined,
    },
    patient: {
      identifier: i.patientIdentifier ?? undefined,
      age: age(i.patientAge),
      sex: i.patientSex === 'female' || i.patientSex === 'male' ? i.patientSex : undefined,
      weight: weight !== undefined && Number.isFinite(weight) ? { value: weight, unit: 'kg' } : undefined,
    },
    device: source.device
      ? {
          brandName: d.brandName,
          commonName: d.commonName,
          productCode: d.productCode,
          manufacturerName: d.manufacturer,
          manufacturerAddress: d.manufacturerAddress ? { street: d.manufacturerAddress } : undefined,
          model: d.model,
          catalog: d.catalogNumber,
          serial: d.serialNumber,
          lot: d.lot,
          expiresOn: d.expiry,
          udi: d.udi,
          softwareVersion: d.softwareVersion,
          otherNumber: `Asset tag ${source.device.assetTag}`,
          operator: operators.has(d.operator as DeviceOperator) ? (d.operator as DeviceOperator) : undefined,
          operatorOther: d.operatorOther,
          implanted: d.implantedOn ? true : undefined,
          implantedOn: d.implantedOn,
          explantedOn: d.explantedOn,
          singleUseReprocessed: yes(d.singleUseReprocessed),
          reprocessorName: d.reprocessor,
          availableForEvaluation: yes(d.availableForEvaluation),
          returnedToManufacturerOn: d.returnedOn,
          manufacturedOn: d.manufacturedOn,
          inServiceOn: d.inServiceOn,
        }
      : undefined,
    facility: {
      name: f.name,
      address: facilityAddress,
      contactPerson: f.contactName,
      phone: f.phone,
      reportNumber: reports[0]?.reportNumber ?? source.suggestedNumber,
      reportType: followUp > 0 ? 'follow_up' : 'initial',
      followUpNumber: followUp > 0 ? followUp : undefined,
      reportDate: source.today,
      sentToFdaOn: first('FDA')?.sentOn,
      sentToManufacturerOn: first('manufacturer')?.sentOn,
    },
    // The initial reporter is a member of staff, reached at the facility's address and phone.
    initialReporter: {
      name: i.reporter ?? undefined,
      address: i.reporter ? facilityAddress : undefined,
      phone: i.reporter ? f.phone : undefined,
      healthProfessional: i.reporterHealthProfessional ?? undefined,
      occupation: i.reporterOccupation ?? undefined,
      alsoSentToFda: i.reporterAlsoSentToFda ?? undefined,
    },
  };
}
