import { eq } from 'drizzle-orm';
import type { EventReportView, LabelledValue } from '../../views/events/event-report';
import type { Db } from '../db/client';
import { maudeReports } from '../db/schema';
import { deviceReportsHref } from './links';

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const records = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** A field as text: openFDA sends scalars as strings and some fields as lists of strings. */
function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() ? v : null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const items = v.map(textOf).filter((x): x is string => Boolean(x));
    return items.length ? items.join('; ') : null;
  }
  return null;
}

/** openFDA writes dates as YYYYMMDD; people read YYYY-MM-DD. */
const dayOf = (v: unknown) => {
  const t = textOf(v);
  return t && /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6)}` : t;
};
const yesNo = (v: unknown) => {
  const t = textOf(v);
  return t === 'Y' ? 'Yes' : t === 'N' ? 'No' : t;
};
const joined = (r: Rec, keys: string[], glue = ', ') =>
  keys
    .map((k) => textOf(r[k]))
    .filter(Boolean)
    .join(glue) || null;

type Field = [label: string, key: string, read?: (v: unknown) => string | null];

/** The report's own fields worth reading, in the order an investigator asks about them. */
const reportFields: Field[] = [
  ['Report number', 'report_number'],
  ['Event type', 'event_type'],
  ['Date received by the FDA', 'date_received', dayOf],
  ['Date of event', 'date_of_event', dayOf],
  ['Date of report', 'date_report', dayOf],
  ['Date the facility became aware', 'date_facility_aware', dayOf],
  ['Date the manufacturer received it', 'date_manufacturer_received', dayOf],
  ['Event location', 'event_location'],
  ['Report source', 'report_source_code'],
  ['Source type', 'source_type'],
  ['Type of report', 'type_of_report'],
  ['Adverse event', 'adverse_event_flag', yesNo],
  ['Product problem', 'product_problem_flag', yesNo],
  ['Product problems', 'product_problems'],
  ['Reporter occupation', 'reporter_occupation_code'],
  ['Reported by a health professional', 'health_professional', yesNo],
  ['Initial report to the FDA', 'initial_report_to_fda'],
  ['Reported to the FDA', 'report_to_fda', yesNo],
  ['Date reported to the FDA', 'date_report_to_fda', dayOf],
  ['Reported to the manufacturer', 'report_to_manufacturer', yesNo],
  ['Date reported to the manufacturer', 'date_report_to_manufacturer', dayOf],
  ['Previous use', 'previous_use_code'],
  ['Single-use device', 'single_use_flag', yesNo],
  ['Reprocessed and reused', 'reprocessed_and_reused_flag', yesNo],
  ['Remedial action', 'remedial_action'],
  ['Removal or correction number', 'removal_correction_number'],
  ['Devices in the event', 'number_devices_in_event'],
  ['Patients in the event', 'number_patients_in_event'],
  ['MDR report key', 'mdr_report_key'],
  ['Event key', 'event_key'],
];

const deviceFields: Field[] = [
  ['Brand', 'brand_name'],
  ['Generic name', 'generic_name'],
  ['Manufacturer', 'manufacturer_d_name'],
  ['Model number', 'model_number'],
  ['Catalog number', 'catalog_number'],
  ['Lot number', 'lot_number'],
  ['Other identifier', 'other_id_number'],
  ['UDI-DI', 'udi_di'],
  ['UDI (public)', 'udi_public'],
  ['Product code', 'device_report_product_code'],
  ['Expiry date', 'expiration_date_of_device', dayOf],
  ['Date of manufacture', 'device_date_of_manufacturer', dayOf],
  ['Device age', 'device_age_text'],
  ['Operator', 'device_operator'],
  ['Device available for evaluation', 'device_availability'],
  ['Returned to the manufacturer', 'date_returned_to_manufacturer', dayOf],
  ['Evaluated by the manufacturer', 'device_evaluated_by_manufacturer'],
  ['Implanted', 'implant_flag', yesNo],
  ['Explanted', 'date_removed_flag'],
];

/** Keys shown elsewhere on the page, or lists of records that have their own sections. */
const shownElsewhere = new Set(['device', 'mdr_text', 'patient', 'manufacturer_name']);

const read = (r: Rec, fields: Field[]): LabelledValue[] =>
  fields.map(([label, key, f = textOf]) => [label, f(r[key])] as LabelledValue).filter(([, v]) => v);

function manufacturerOf(r: Rec): LabelledValue[] {
  const contact = (k: string) => `manufacturer_contact_${k}`;
  const rows: LabelledValue[] = [
    ['Manufacturer', textOf(r.manufacturer_name)],
    [
      'Address',
      joined(
        r,
        ['address_1', 'address_2', 'city', 'state', 'zip_code', 'postal_code', 'country'].map(
          (k) => `manufacturer_${k}`,
        ),
      ),
    ],
    ['Contact', joined(r, ['t_name', 'f_name', 'l_name'].map(contact), ' ')],
    [
      'Contact address',
      joined(
        r,
        ['address_1', 'address_2', 'city', 'state', 'zip_code', 'zip_ext', 'postal_code', 'country'].map(
          contact,
        ),
      ),
    ],
    [
      'Contact telephone',
      joined(
        r,
        ['pcountry', 'area_code', 'exchange', 'phone_number', 'extension', 'pcity', 'plocal'].map(contact),
        ' ',
      ),
    ],
    [
      'Manufacturing site',
      joined(
        r,
        ['name', 'street_1', 'street_2', 'city', 'state', 'zip_code', 'postal_code', 'country'].map(
          (k) => `manufacturer_g1_${k}`,
        ),
      ),
    ],
  ];
  return rows.filter(([, v]) => v);
}

/** Whether a top-level key is one the page already shows under a label. */
function isShown(key: string): boolean {
  if (shownElsewhere.has(key)) return true;
  if (reportFields.some(([, k]) => k === key)) return true;
  return /^manufacturer_(address|city|state|zip|postal|country|contact_|g1_)/.test(key);
}

/** What the report page shows, from the stored openFDA record: a pure function of it. */
export function eventReportView(reportKey: string, raw: unknown): EventReportView {
  const r = isRecord(raw) ? raw : {};
  const mdrKey = textOf(r.mdr_report_key);
  const devices = records(r.device);
  return {
    reportKey,
    reportNumber: textOf(r.report_number),
    eventType: textOf(r.event_type),
    dateReceived: dayOf(r.date_received),
    fdaUrl:
      mdrKey && /^\d+$/.test(mdrKey)
        ? `https://www.accessdata.fda.gov/scripts/cdrh/cfdocs/cfmaude/detail.cfm?mdrfoi__id=${mdrKey}`
        : null,
    fields: read(r, reportFields),
    manufacturer: manufacturerOf(r),
    devices: devices.map((d, i) => {
      const openfda = isRecord(d.openfda) ? d.openfda : {};
      return {
        heading: `Device ${textOf(d.device_sequence_number) ?? i + 1}`,
        fields: [
          ...read(d, deviceFields),
          ...read(openfda, [
            ['Device name (FDA)', 'device_name'],
            ['Device class', 'device_class'],
            ['Medical specialty', 'medical_specialty_description'],
            ['Regulation number', 'regulation_number'],
          ]),
        ],
        searchHref: deviceReportsHref({
          model: textOf(d.model_number),
          productCode: textOf(d.device_report_product_code),
          manufacturer: textOf(d.manufacturer_d_name),
        }),
      };
    }),
    narratives: records(r.mdr_text).map((t) => ({
      type: textOf(t.text_type_code) ?? 'Narrative',
      date: dayOf(t.date_report),
      patient: textOf(t.patient_sequence_number),
      text: textOf(t.text) ?? '',
    })),
    patients: records(r.patient).map((p, i) => ({
      heading: `Patient ${textOf(p.patient_sequence_number) ?? i + 1}`,
      fields: read(p, [
        ['Outcome', 'sequence_number_outcome'],
        ['Treatment', 'sequence_number_treatment'],
        ['Patient problems', 'patient_problems'],
        ['Age', 'patient_age'],
        ['Sex', 'patient_sex'],
        ['Weight', 'patient_weight'],
        ['Ethnicity', 'patient_ethnicity'],
        ['Race', 'patient_race'],
      ]),
    })),
    // Anything else the FDA sent, under its own name, so no field is hidden by our choice of labels.
    other: Object.entries(r)
      .filter(([k]) => !isShown(k))
      .map(([k, v]) => [k, textOf(v)] as LabelledValue)
      .filter(([, v]) => v),
  };
}

/** The report stored under a key, ready for its page; null when there is none. */
export function findEventReport(db: Db, reportKey: string): EventReportView | null {
  const row = db
    .select({ raw: maudeReports.raw })
    .from(maudeReports)
    .where(eq(maudeReports.reportKey, reportKey))
    .get();
  if (!row) return null;
  let raw: unknown = null;
  try {
    raw = JSON.parse(row.raw);
  } catch {
    // A record that is not JSON shows its key and nothing else rather than failing the page.
  }
  return eventReportView(reportKey, raw);
}
