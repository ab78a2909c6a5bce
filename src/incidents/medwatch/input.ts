import type { SeriousOutcome } from '../../db/schema';
import type { Outcome } from '../reportability';

/**
 * What a MedWatch 3500A draft is built from: plain values an incident record holds (domain.md §2,
 * 21 CFR 803.32). Everything is optional because a facility must report what it reasonably knows,
 * without waiting to know more; the draft lists what is still empty.
 *
 * Dates are `YYYY-MM-DD` (a full ISO date-time is accepted; only its day is used).
 *
 * There is deliberately no field for the patient's name, date of birth or any other PHI beyond an
 * identifier: Vigil never holds them, and the form does not need them.
 */
export type MedwatchInput = {
  event?: MedwatchEvent;
  patient?: MedwatchPatient;
  device?: MedwatchDevice;
  facility?: MedwatchFacility;
  initialReporter?: MedwatchInitialReporter;
};

/** Serious outcomes other than death, as the B2 check boxes name them. */
export type { SeriousOutcome };

/** F12, the place where the event occurred. */
export type EventLocation =
  | 'hospital'
  | 'home'
  | 'nursing_home'
  | 'outpatient_treatment'
  | 'outpatient_diagnostic'
  | 'ambulatory_surgical'
  | 'other';

export type MedwatchEvent = {
  /** The investigation's event type; drives B1 and B2. */
  outcome?: Outcome;
  /** Further serious outcomes to tick in B2 (a death can also have been life-threatening first). */
  seriousOutcomes?: SeriousOutcome[];
  /** The day of death, if the outcome is death (B2). */
  deathOn?: string;
  /** Whether a device problem (defect, malfunction) is reported, beside any adverse event (B1). */
  productProblem?: boolean;
  occurredOn?: string;
  /** The day anyone in the facility became aware: F6, and the start of the 10-work-day clock. */
  awareOn?: string;
  description?: string;
  relevantTests?: string;
  /** Relevant history, including pre-existing conditions (B7). */
  relevantHistory?: string;
  location?: EventLocation;
  /** Free text when `location` is `other`. */
  locationOther?: string;
  /** F10 event problem codes (FDA patient problem and device problem codes). */
  patientProblemCodes?: string[];
  deviceProblemCodes?: string[];
  /** D11: other medical products in use, with therapy dates (not those used to treat the event). */
  concomitantProducts?: string;
};

export type MedwatchPatient = {
  /** An identifier that is not the patient's name (FDA: initials or another code, never the name). */
  identifier?: string;
  age?: { value: number; unit: 'years' | 'months' | 'weeks' | 'days' };
  sex?: 'female' | 'male';
  weight?: { value: number; unit: 'kg' | 'lb' };
};

export type DeviceOperator = 'health_professional' | 'lay_user_patient' | 'other';

export type MedwatchDevice = {
  brandName?: string;
  commonName?: string;
  /** FDA three-letter product code ("procode"). */
  productCode?: string;
  manufacturerName?: string;
  manufacturerAddress?: Address;
  model?: string;
  catalog?: string;
  serial?: string;
  lot?: string;
  expiresOn?: string;
  udi?: string;
  softwareVersion?: string;
  /** Any other identifying number (asset tag, control number). */
  otherNumber?: string;
  operator?: DeviceOperator;
  operatorOther?: string;
  implanted?: boolean;
  implantedOn?: string;
  explantedOn?: string;
  singleUseReprocessed?: boolean;
  reprocessorName?: string;
  reprocessorAddress?: Address;
  availableForEvaluation?: boolean;
  returnedToManufacturerOn?: string;
  /** For F9, the approximate age of the device: the earlier known of these is used. */
  manufacturedOn?: string;
  inServiceOn?: string;
};

export type MedwatchFacility = {
  name?: string;
  address?: Address;
  contactPerson?: string;
  phone?: string;
  /** UF/importer report number: the facility's CMS or FDA number, the year and a sequence. */
  reportNumber?: string;
  reportType?: 'initial' | 'follow_up';
  /** Which follow-up this is (1, 2, …) when `reportType` is `follow_up`. */
  followUpNumber?: number;
  reportDate?: string;
  sentToFdaOn?: string;
  sentToManufacturerOn?: string;
};

export type MedwatchInitialReporter = {
  /** A member of staff, not the patient. */
  name?: string;
  address?: Address;
  phone?: string;
  email?: string;
  healthProfessional?: boolean;
  occupation?: string;
  alsoSentToFda?: 'yes' | 'no' | 'unknown';
};

export type Address = {
  street?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
};
