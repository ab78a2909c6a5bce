import { seriousLabels } from '../../src/incidents/medwatch/format';
import { Field, type FormError, outcomeLabels, Select, TextArea, typedOr } from './incident-parts';

/** The stored header and patient section, as the form shows them. */
export type HeaderValues = Partial<Record<HeaderField, string | null>> & {
  sentinel?: boolean | null;
  seriousOutcomes?: string[] | null;
  reporterHealthProfessional?: boolean | null;
};
type HeaderField =
  | 'title'
  | 'eventAt'
  | 'awareOn'
  | 'reporter'
  | 'reporterOccupation'
  | 'reporterAlsoSentToFda'
  | 'location'
  | 'outcome'
  | 'harm'
  | 'description'
  | 'deathOn'
  | 'relevantTests'
  | 'concomitantProducts'
  | 'patientProblemCodes'
  | 'deviceProblemCodes'
  | 'patientIdentifier'
  | 'patientAge'
  | 'patientSex'
  | 'patientWeightKg'
  | 'patientHistory';

const harms = [
  ['', 'Not yet assessed'],
  ['none', 'None'],
  ['mild', 'Mild'],
  ['moderate', 'Moderate'],
  ['severe', 'Severe'],
  ['death', 'Death'],
] as const;

/**
 * The incident's header (domain.md §2) and its minimal patient section: an identifier, never a
 * name. Used to open an incident and to correct it later.
 */
export function HeaderFields({
  stored,
  error,
  form,
  suggestedPatientCode,
}: {
  stored: HeaderValues;
  error?: FormError;
  form: string;
  /** The code Vigil offers once the incident has a number; a new one has none yet. */
  suggestedPatientCode?: string;
}) {
  const v = typedOr(error, form);
  const sentinel = error?.form === form ? error.typed.sentinel === 'yes' : Boolean(stored.sentinel);
  const outcomes = new Set(
    error?.form === form ? (error.typed.seriousOutcomes ?? '').split(',') : (stored.seriousOutcomes ?? []),
  );
  const yesNo = (b: boolean | null | undefined) => (b === true ? 'yes' : b === false ? 'no' : '');
  return (
    <>
      <fieldset>
        <legend>What happened</legend>
        <Field name="title" label="Short title" value={v('title', stored.title)} required />
        <Field
          name="eventAt"
          label="Event date and time"
          type="datetime-local"
          value={v('eventAt', stored.eventAt)}
        />
        <Field
          name="awareOn"
          label="Date the facility became aware"
          type="date"
          value={v('awareOn', stored.awareOn)}
          required
          hint="Starts the 10-work-day reporting clock (21 CFR 803.30)."
        />
        <Select
          name="outcome"
          label="Event type"
          value={v('outcome', stored.outcome)}
          required
          options={[['', 'Choose…'], ...Object.entries(outcomeLabels)]}
        />
        <Select name="harm" label="Harm severity" value={v('harm', stored.harm)} options={harms} />
        <p class="field">
          <label>
            <input type="checkbox" name="sentinel" value="yes" checked={sentinel} /> Sentinel event (Joint
            Commission: analysis and action plan within 45 business days)
          </label>
        </p>
        <Field name="location" label="Location (unit, room)" value={v('location', stored.location)} />
        <Field name="reporter" label="Reported by (staff member)" value={v('reporter', stored.reporter)} />
        <Field
          name="reporterOccupation"
          label="Reporter's occupation"
          value={v('reporterOccupation', stored.reporterOccupation)}
        />
        <Select
          name="reporterHealthProfessional"
          label="Is the reporter a health professional?"
          value={v('reporterHealthProfessional', yesNo(stored.reporterHealthProfessional))}
          options={[
            ['', 'Not recorded'],
            ['yes', 'Yes'],
            ['no', 'No'],
          ]}
        />
        <Select
          name="reporterAlsoSentToFda"
          label="Did the reporter also report it to the FDA?"
          value={v('reporterAlsoSentToFda', stored.reporterAlsoSentToFda)}
          options={[
            ['', 'Not recorded'],
            ['yes', 'Yes'],
            ['no', 'No'],
            ['unknown', 'Unknown'],
          ]}
        />
        <TextArea
          name="description"
          label="Description of the event"
          value={v('description', stored.description)}
          rows={5}
        />
        <Field
          name="deathOn"
          label="Date of death (if the event type is death)"
          type="date"
          value={v('deathOn', stored.deathOn)}
        />
        <fieldset>
          <legend>
            Outcomes attributed to the event (for a death or a serious injury; MedWatch block B2)
          </legend>
          {Object.entries(seriousLabels).map(([value, label]) => (
            <p class="field">
              <label>
                <input type="checkbox" name="seriousOutcomes" value={value} checked={outcomes.has(value)} />{' '}
                {label}
              </label>
            </p>
          ))}
        </fieldset>
        <TextArea
          name="relevantTests"
          label="Relevant tests and laboratory data, with dates"
          value={v('relevantTests', stored.relevantTests)}
        />
        <TextArea
          name="concomitantProducts"
          label="Other medical products in use, with therapy dates"
          value={v('concomitantProducts', stored.concomitantProducts)}
        />
        <Field
          name="patientProblemCodes"
          label="FDA patient problem codes"
          value={v('patientProblemCodes', stored.patientProblemCodes)}
          hint="Code numbers separated by commas."
        />
        <Field
          name="deviceProblemCodes"
          label="FDA device problem codes"
          value={v('deviceProblemCodes', stored.deviceProblemCodes)}
          hint="Code numbers separated by commas."
        />
      </fieldset>
      <fieldset>
        <legend>Patient (no names)</legend>
        <Field
          name="patientIdentifier"
          label="Patient identifier"
          value={v('patientIdentifier', stored.patientIdentifier)}
          placeholder={suggestedPatientCode}
          hint={`A code that does not identify the patient${suggestedPatientCode ? `: Vigil suggests ${suggestedPatientCode}` : ", such as PT- and the incident's number"}. Never a name, medical record number, social security number or date of birth. Leave it empty if none is needed.`}
        />
        <Field
          name="patientAge"
          label="Age"
          value={v('patientAge', stored.patientAge)}
          hint='A number and a unit: "72 years", "8 months".'
        />
        <Select
          name="patientSex"
          label="Sex"
          value={v('patientSex', stored.patientSex)}
          options={[
            ['', 'Not recorded'],
            ['female', 'Female'],
            ['male', 'Male'],
          ]}
        />
        <Field
          name="patientWeightKg"
          label="Weight (kg)"
          value={v('patientWeightKg', stored.patientWeightKg)}
        />
        <TextArea
          name="patientHistory"
          label="Relevant history, including pre-existing conditions"
          value={v('patientHistory', stored.patientHistory)}
        />
      </fieldset>
    </>
  );
}
