/**
 * How each openFDA device endpoint indexes its fields, hand-copied from the Elasticsearch mappings in
 * ../shared/data/openfda/schemas (device_recall_mapping, res_mapping, maude_mapping,
 * classification_mapping, deviceudi_mapping). The fake never reads those files at run time: it also
 * runs on small fixture directories that have none.
 *
 * - keyword: the whole value, exact and case-sensitive; there is no `.exact` sub-field.
 * - text: tokenised by the standard analyzer, case-insensitive.
 * - textExact: text, plus a `.exact` keyword sub-field.
 * - date: `basic_date||date||epoch_millis`, so both YYYYMMDD and YYYY-MM-DD.
 * - long: numeric (also stands in for `integer`).
 */

export const ENDPOINTS = ['recall', 'enforcement', 'event', 'classification', 'udi'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

export type FieldType = 'keyword' | 'text' | 'textExact' | 'date' | 'long';

/** What a query, sort or count actually compares: `.exact` sub-fields behave as keywords. */
export type FieldKind = 'keyword' | 'text' | 'date' | 'long';

/** One addressable field: its dotted name as the API accepts it, its path in a record, how it matches. */
export interface IndexedField {
  name: string;
  path: readonly string[];
  kind: FieldKind;
}

type FieldSpec = Partial<Record<FieldType, string>>;

function table(...specs: [prefix: string, spec: FieldSpec][]): ReadonlyMap<string, FieldType> {
  const fields = new Map<string, FieldType>();
  for (const [prefix, spec] of specs) {
    for (const [type, names] of Object.entries(spec) as [FieldType, string][]) {
      for (const name of names.split(/\s+/).filter(Boolean)) fields.set(prefix + name, type);
    }
  }
  return fields;
}

// The product-code-level annotation, as device_harmonization builds it.
const OPENFDA: FieldSpec = {
  keyword: 'device_class fei_number k_number pma_number registration_number',
  textExact: 'device_name medical_specialty_description regulation_number',
};

const RECALL = table(
  [
    '',
    {
      keyword: `cfres_id recall_status address_1 address_2 city state postal_code country additional_info_contact
        firm_fei_number product_code pma_numbers k_numbers res_event_number product_quantity`,
      textExact: 'recalling_firm product_res_number root_cause_description',
      text: 'reason_for_recall product_description code_info other_submission_description action distribution_pattern',
      date: 'event_date_initiated event_date_created event_date_posted event_date_terminated',
    },
  ],
  ['openfda.', OPENFDA],
);

// res_mapping is shared with drug and food enforcement; its drug-only openfda fields are left out
// because device records always carry `openfda: {}`.
const ENFORCEMENT = table([
  '',
  {
    textExact: `address_1 address_2 city classification country initial_firm_notification product_type
      recall_number recalling_firm state status voluntary_mandated`,
    text: `code_info distribution_pattern more_code_info product_description postal_code product_quantity
      reason_for_recall`,
    date: 'center_classification_date recall_initiation_date report_date termination_date',
    long: 'event_id',
  },
]);

// maude_mapping also maps the device.baseline_* fields, which the API strips from every response.
const EVENT = table(
  [
    '',
    {
      textExact: `adverse_event_flag distributor_address_1 distributor_address_2 distributor_city distributor_name
        distributor_state distributor_zip_code distributor_zip_code_ext event_key event_location event_type
        health_professional initial_report_to_fda manufacturer_address_1 manufacturer_address_2 manufacturer_city
        manufacturer_contact_address_1 manufacturer_contact_address_2 manufacturer_contact_area_code
        manufacturer_contact_city manufacturer_contact_country manufacturer_contact_exchange
        manufacturer_contact_extension manufacturer_contact_f_name manufacturer_contact_l_name
        manufacturer_contact_pcity manufacturer_contact_pcountry manufacturer_contact_phone_number
        manufacturer_contact_plocal manufacturer_contact_postal_code manufacturer_contact_state
        manufacturer_contact_t_name manufacturer_contact_zip_code manufacturer_contact_zip_ext manufacturer_country
        manufacturer_g1_city manufacturer_g1_country manufacturer_g1_name manufacturer_g1_postal_code
        manufacturer_g1_state manufacturer_g1_street_1 manufacturer_g1_street_2 manufacturer_g1_zip_code
        manufacturer_g1_zip_code_ext manufacturer_link_flag manufacturer_name manufacturer_postal_code
        manufacturer_state manufacturer_zip_code manufacturer_zip_code_ext mdr_report_key noe_summarized
        suppl_dates_fda_received suppl_dates_mfr_received number_devices_in_event number_patients_in_event
        previous_use_code product_problem_flag product_problems remedial_action removal_correction_number
        report_number report_source_code report_to_fda report_to_manufacturer reporter_occupation_code
        reprocessed_and_reused_flag single_use_flag source_type type_of_report`,
      // Text-mapped and undocumented (openfda-api.md §4).
      text: 'date_added date_changed',
      // The mapping spells the last one `device_date_of_manufacturere`; the API's date list has this spelling.
      date: `date_facility_aware date_manufacturer_received date_of_event date_received date_report
        date_report_to_fda date_report_to_manufacturer report_date device_date_of_manufacturer`,
    },
  ],
  [
    'device.',
    {
      textExact: `brand_name catalog_number date_removed_flag device_age_text device_availability
        device_evaluated_by_manufacturer device_event_key device_operator device_report_product_code
        device_sequence_number generic_name udi_di udi_public implant_flag lot_number manufacturer_d_address_1
        manufacturer_d_address_2 manufacturer_d_city manufacturer_d_country manufacturer_d_name
        manufacturer_d_postal_code manufacturer_d_state manufacturer_d_zip_code manufacturer_d_zip_code_ext
        model_number other_id_number`,
      date: 'date_received date_returned_to_manufacturer expiration_date_of_device',
    },
  ],
  [
    'device.openfda.',
    { keyword: 'device_class fei_number registration_number', textExact: OPENFDA.textExact },
  ],
  [
    'mdr_text.',
    { textExact: 'mdr_text_key patient_sequence_number text text_type_code', date: 'date_report' },
  ],
  [
    'patient.',
    {
      textExact: `patient_sequence_number patient_problems patient_age patient_sex patient_weight patient_ethnicity
        patient_race`,
      keyword: 'sequence_number_outcome sequence_number_treatment',
      date: 'date_received',
    },
  ],
);

const CLASSIFICATION = table(
  [
    '',
    {
      // product_code is plain text here, so it cannot be sorted on.
      text: `definition device_class gmp_exempt_flag implant_flag life_sustain_support_flag medical_specialty
        product_code review_code review_panel submission_type_id third_party_flag unclassified_reason`,
      textExact: 'device_name medical_specialty_description regulation_number',
      keyword: 'summary_malfunction_reporting',
    },
  ],
  ['openfda.', { keyword: OPENFDA.keyword }],
);

// ES booleans accept only "true"/"false", which a keyword match reproduces for the `is_*`/`has_*` flags.
const UDI = table(
  [
    '',
    {
      keyword: `public_version_status public_device_record_key public_version_number labeler_duns_number
        record_status fei_numbers is_direct_marking_exempt is_pm_exempt is_hct_p is_kit is_combination_product
        is_single_use has_lot_or_batch_number has_serial_number has_manufacturing_date has_expiration_date
        has_donation_id_number is_labeled_as_nrl is_labeled_as_no_nrl is_rx is_otc`,
      textExact: `commercial_distribution_status brand_name version_or_model_number catalog_number company_name
        device_description mri_safety`,
      date: 'public_version_date publish_date commercial_distribution_end_date',
      long: 'device_count_in_base_package',
    },
  ],
  [
    'identifiers.',
    {
      keyword: 'id type',
      textExact: 'issuing_agency package_status',
      text: 'unit_of_use_id package_type',
      long: 'quantity_per_package',
      date: 'package_discontinue_date',
    },
  ],
  ['customer_contacts.', { keyword: 'phone ext email' }],
  ['gmdn_terms.', { keyword: 'code code_status implantable', textExact: 'name', text: 'definition' }],
  ['product_codes.', { keyword: 'code', text: 'name' }],
  ['product_codes.openfda.', { keyword: 'device_class', textExact: OPENFDA.textExact }],
  ['device_sizes.', { keyword: 'unit value', textExact: 'type', text: 'text' }],
  ['storage.', { textExact: 'type special_conditions' }],
  ['storage.high.', { keyword: 'unit value' }],
  ['storage.low.', { keyword: 'unit value' }],
  ['premarket_submissions.', { keyword: 'submission_number supplement_number submission_type' }],
  ['sterilization.', { keyword: 'is_sterile is_sterilization_prior_use', text: 'sterilization_methods' }],
);

const TABLES: Record<Endpoint, ReadonlyMap<string, FieldType>> = {
  recall: RECALL,
  enforcement: ENFORCEMENT,
  event: EVENT,
  classification: CLASSIFICATION,
  udi: UDI,
};

function indexed(name: string, type: FieldType): IndexedField {
  return { name, path: name.split('.'), kind: type === 'textExact' ? 'text' : type };
}

/**
 * The field a query names, or undefined when the index has no such field (ES then matches nothing).
 * `x.exact` resolves only where the mapping defines the sub-field; it compares whole values.
 */
export function resolveField(endpoint: Endpoint, name: string): IndexedField | undefined {
  const fields = TABLES[endpoint];
  const type = fields.get(name);
  if (type) return indexed(name, type);
  if (name.endsWith('.exact')) {
    const base = name.slice(0, -'.exact'.length);
    if (fields.get(base) === 'textExact') return { name, path: base.split('.'), kind: 'keyword' };
  }
  return undefined;
}

const allFieldsCache = new Map<Endpoint, IndexedField[]>();

/** Every field an unfielded term searches (ES `default_field: *`), `.exact` sub-fields included. */
export function allFields(endpoint: Endpoint): readonly IndexedField[] {
  let fields = allFieldsCache.get(endpoint);
  if (!fields) {
    fields = [];
    for (const [name, type] of TABLES[endpoint]) {
      fields.push(indexed(name, type));
      if (type === 'textExact')
        fields.push({ name: `${name}.exact`, path: name.split('.'), kind: 'keyword' });
    }
    allFieldsCache.set(endpoint, fields);
  }
  return fields;
}

export function isEndpoint(value: string): value is Endpoint {
  return (ENDPOINTS as readonly string[]).includes(value);
}
