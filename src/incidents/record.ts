import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { harmLevels, incidentOutcomes, incidents, seriousOutcomes } from '../db/schema';
import { dayField, optionalDay } from '../shared/days';
import { Refusal } from '../shared/refusal';
import { identifierProblem } from './patient-identifiers';
import { decideReportability, type ReportabilityDecision } from './reportability';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => s || null);

/** FDA problem codes: numbers separated by commas or spaces, kept as "1234, 2993". */
const codes = z
  .string()
  .trim()
  .regex(/^[\d\s,]*$/, 'problem codes are FDA code numbers separated by commas')
  .optional()
  .transform(
    (s) =>
      (s
        ? s
            .split(/[\s,]+/)
            .filter(Boolean)
            .join(', ')
        : null) || null,
  );

/** What opening an incident takes; the rest is added as the investigation goes. */
export const incidentInput = z.object({
  title: z.string().trim().min(1, 'give the incident a short title').max(200),
  eventAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'the event time is written YYYY-MM-DD or YYYY-MM-DDTHH:MM')
    .optional(),
  awareOn: dayField('the date the facility became aware'),
  reporter: text(200),
  location: text(200),
  outcome: z.enum(incidentOutcomes, { message: `the event type is one of ${incidentOutcomes.join(', ')}` }),
  harm: z.enum(harmLevels).optional(),
  sentinel: z.boolean().default(false),
  description: text(20_000),
  deathOn: optionalDay('the date of death'),
  /** B2's boxes besides death: several may be ticked. */
  seriousOutcomes: z
    .array(z.enum(seriousOutcomes, { message: `a serious outcome is one of ${seriousOutcomes.join(', ')}` }))
    .optional()
    .transform((list) => (list?.length ? [...new Set(list)] : null)),
  relevantTests: text(5_000),
  concomitantProducts: text(5_000),
  patientProblemCodes: codes,
  deviceProblemCodes: codes,
  reporterOccupation: text(100),
  reporterHealthProfessional: z
    .enum(['', 'yes', 'no'], { message: 'say whether the reporter is a health professional: yes or no' })
    .optional()
    .transform((v) => (v === 'yes' ? true : v === 'no' ? false : null)),
  reporterAlsoSentToFda: z
    .enum(['', 'yes', 'no', 'unknown'], {
      message: 'say whether the reporter also told the FDA: yes, no or unknown',
    })
    .optional()
    .transform((v) => v || null),
  /**
   * A code, never the patient's name, record number, SSN or date of birth: this is what the 3500A,
   * the investigation report and the exports carry, so it must not identify the patient by itself.
   */
  patientIdentifier: text(100).superRefine((value, ctx) => {
    const problem = identifierProblem(value);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: `the patient identifier looks like a ${problem}: enter a code that does not identify the patient instead, such as the one Vigil suggests, PT- and the incident's number (PT-2026-0001), or leave it empty`,
      });
  }),
  /** A number and its unit, as the 3500A asks: "72 years", "8 months". */
  patientAge: z
    .string()
    .trim()
    .regex(/^(\d{1,3} (years|months|weeks|days))?$/, 'the age is a number and a unit: "72 years", "8 months"')
    .optional()
    .transform((s) => s || null),
  patientSex: z
    .enum(['', 'female', 'male'], { message: 'the sex is female or male, or left empty' })
    .optional()
    .transform((s) => s || null),
  patientWeightKg: z
    .string()
    .trim()
    .regex(/^(\d{1,3}(\.\d{1,2})?)?$/, 'the weight is in kilograms, such as 72.5')
    .optional()
    .transform((s) => s || null),
  patientHistory: text(5_000),
});
export type IncidentInput = z.input<typeof incidentInput>;

/** Why the input cannot be used, in one sentence, or the cleaned input. */
function parse(input: IncidentInput) {
  const parsed = incidentInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Refusal(`${String(issue.path[0] ?? 'input')}: ${issue.message}`);
  }
  if (parsed.data.eventAt && parsed.data.eventAt.slice(0, 10) > parsed.data.awareOn)
    throw new Refusal('awareOn: the facility cannot have become aware before the event happened');
  if (parsed.data.deathOn && parsed.data.outcome !== 'death')
    throw new Refusal('deathOn: a date of death is recorded only when the event type is death');
  if (parsed.data.seriousOutcomes && !['death', 'serious_injury'].includes(parsed.data.outcome))
    throw new Refusal(
      'seriousOutcomes: outcomes attributed to the event (block B2) are recorded for a death or a serious injury only',
    );
  return { ...parsed.data, deathOn: parsed.data.deathOn ?? null };
}

/** Opens an investigation, numbered by the year the facility became aware (INC-2026-0001). */
export function openIncident(
  db: Db,
  input: IncidentInput,
  by: Actor,
  now: Date,
): { id: number; number: string } {
  const data = parse(input);
  const at = now.toISOString();
  return writeTransaction(db, () => {
    const year = data.awareOn.slice(0, 4);
    const { n } = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM incidents WHERE number LIKE ${`INC-${year}-%`}`,
    )!;
    const number = `INC-${year}-${String(n + 1).padStart(4, '0')}`;
    const row = db
      .insert(incidents)
      .values({
        ...data,
        eventAt: data.eventAt ?? null,
        harm: data.harm ?? null,
        number,
        state: 'open',
        createdBy: by.name,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: incidents.id, number: incidents.number })
      .get();
    audit(db, by, now, {
      action: 'incident.opened',
      entity: 'incident',
      entityId: String(row.id),
      after: { number, ...data },
    });
    return row;
  });
}

function incidentRow(db: Db, id: number) {
  const row = db.select().from(incidents).where(eq(incidents.id, id)).get();
  if (!row) throw new Refusal(`there is no incident ${id}`, 'missing');
  return row;
}

/** The incident, if it may still be changed: an archived record is kept as it was. */
export function changeableIncident(db: Db, id: number) {
  const row = incidentRow(db, id);
  if (row.archivedAt) throw new Refusal(`${row.number} is archived: restore it before changing it`);
  return row;
}

/** Corrects or completes the header and the patient section; the audit row keeps what it was. */
export function updateIncident(db: Db, incidentId: number, input: IncidentInput, by: Actor, now: Date): void {
  const data = parse(input);
  writeTransaction(db, () => {
    const before = changeableIncident(db, incidentId);
    db.update(incidents)
      .set({ ...data, eventAt: data.eventAt ?? null, harm: data.harm ?? null, updatedAt: now.toISOString() })
      .where(eq(incidents.id, incidentId))
      .run();
    const changed = Object.fromEntries(
      Object.entries(data).filter(([k, v]) => (before as Record<string, unknown>)[k] !== (v ?? null)),
    );
    audit(db, by, now, {
      action: 'incident.updated',
      entity: 'incident',
      entityId: String(incidentId),
      before: Object.fromEntries(
        Object.keys(changed).map((k) => [k, (before as Record<string, unknown>)[k]]),
      ),
      after: changed,
    });
    // Who must be told and by when follows from the event type and the aware date: a decision
    // already on file is taken again on the same facts, and the audit log keeps the old one.
    const redecide =
      before.awareOn !== data.awareOn || before.outcome !== data.outcome || before.sentinel !== data.sentinel;
    if (redecide && before.reportability && before.deviceMayHaveContributed !== null)
      decideIncident(
        db,
        incidentId,
        {
          deviceMayHaveContributed: before.deviceMayHaveContributed,
          manufacturerKnown: before.manufacturerKnown ?? false,
        },
        by,
        now,
      );
  });
}

/** Records how the analysis is being done: RCA², five whys, fishbone, or the team's own words. */
export function setMethod(db: Db, incidentId: number, method: string, by: Actor, now: Date): void {
  const value = method.trim().slice(0, 500) || null;
  writeTransaction(db, () => {
    const before = changeableIncident(db, incidentId);
    db.update(incidents)
      .set({ method: value, updatedAt: now.toISOString() })
      .where(eq(incidents.id, incidentId))
      .run();
    audit(db, by, now, {
      action: 'incident.method',
      entity: 'incident',
      entityId: String(incidentId),
      before: { method: before.method },
      after: { method: value },
    });
  });
}

/** Decides reportability from the facts and keeps the decision with its reasoning (803.18). */
export function decideIncident(
  db: Db,
  incidentId: number,
  facts: { deviceMayHaveContributed: boolean; manufacturerKnown: boolean },
  by: Actor,
  now: Date,
): ReportabilityDecision {
  return writeTransaction(db, () => {
    const incident = changeableIncident(db, incidentId);
    const decision = decideReportability({
      outcome: incident.outcome,
      awareOn: incident.awareOn,
      sentinel: incident.sentinel,
      ...facts,
    });
    const at = now.toISOString();
    db.update(incidents)
      .set({ ...facts, reportability: decision, decidedBy: by.name, decidedAt: at, updatedAt: at })
      .where(eq(incidents.id, incidentId))
      .run();
    audit(db, by, now, {
      action: 'incident.reportability',
      entity: 'incident',
      entityId: String(incidentId),
      before: incident.reportability,
      after: { facts, decision },
    });
    return decision;
  });
}
