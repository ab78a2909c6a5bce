import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, audit } from '../audit/log';
import type { Db } from '../db/client';
import { assets, custodyLog, harmLevels, incidentDevices, incidentOutcomes, incidents } from '../db/schema';
import { decideReportability, type ReportabilityDecision } from './reportability';

/** An incident step that cannot be taken, with what to do instead. */
export class IncidentError extends Error {}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'that day does not exist');
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
  awareOn: day,
  reporter: text(200),
  location: text(200),
  outcome: z.enum(incidentOutcomes, { message: `the event type is one of ${incidentOutcomes.join(', ')}` }),
  harm: z.enum(harmLevels).optional(),
  sentinel: z.boolean().default(false),
  description: text(20_000),
  deathOn: day.optional().or(z.literal('').transform(() => undefined)),
  relevantTests: text(5_000),
  concomitantProducts: text(5_000),
  patientProblemCodes: codes,
  deviceProblemCodes: codes,
  reporterOccupation: text(100),
  patientIdentifier: text(100),
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
    throw new IncidentError(`${String(issue.path[0] ?? 'input')}: ${issue.message}`);
  }
  if (parsed.data.eventAt && parsed.data.eventAt.slice(0, 10) > parsed.data.awareOn)
    throw new IncidentError('awareOn: the facility cannot have become aware before the event happened');
  if (parsed.data.deathOn && parsed.data.outcome !== 'death')
    throw new IncidentError('deathOn: a date of death is recorded only when the event type is death');
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
  return db.$client.transaction(() => {
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
  })();
}

function incidentRow(db: Db, id: number) {
  const row = db.select().from(incidents).where(eq(incidents.id, id)).get();
  if (!row) throw new IncidentError(`there is no incident ${id}`);
  return row;
}

/** The incident, if it may still be changed: an archived record is kept as it was. */
export function changeableIncident(db: Db, id: number) {
  const row = incidentRow(db, id);
  if (row.archivedAt) throw new IncidentError(`${row.number} is archived: restore it before changing it`);
  return row;
}

/** Corrects or completes the header and the patient section; the audit row keeps what it was. */
export function updateIncident(db: Db, incidentId: number, input: IncidentInput, by: Actor, now: Date): void {
  const data = parse(input);
  db.$client.transaction(() => {
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
  })();
}

/** Records how the analysis is being done: RCA², five whys, fishbone, or the team's own words. */
export function setMethod(db: Db, incidentId: number, method: string, by: Actor, now: Date): void {
  const value = method.trim().slice(0, 500) || null;
  db.$client.transaction(() => {
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
  })();
}

/** The asset fields the MedWatch form asks about, copied in as they were at the time. */
function deviceDetails(asset: typeof assets.$inferSelect): Record<string, string> {
  const fields: Record<string, string | null> = {
    manufacturer: asset.manufacturer,
    model: asset.model,
    catalogNumber: asset.catalogNumber,
    serialNumber: asset.serialNumber,
    lot: asset.udiLot,
    expiry: asset.udiExpiry,
    udi: asset.udi,
    udiDi: asset.udiDi,
    productCode: asset.productCode,
    commonName: asset.deviceName,
    softwareVersion: asset.softwareVersion,
    manufacturedOn: asset.udiManufactured,
    inServiceOn: asset.acquiredOn,
  };
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => Boolean(e[1])));
}

/** Adds a device from the inventory to the investigation, its details prefilled from the asset. */
export function addDevice(db: Db, incidentId: number, assetTag: string, by: Actor, now: Date): void {
  db.$client.transaction(() => {
    const incident = changeableIncident(db, incidentId);
    const asset = db.select().from(assets).where(eq(assets.assetTag, assetTag)).get();
    if (!asset) throw new IncidentError(`there is no asset ${assetTag} in the inventory`);
    const details = deviceDetails(asset);
    const added = db
      .insert(incidentDevices)
      .values({ incidentId, assetTag, details })
      .onConflictDoNothing()
      .run();
    if (added.changes === 0) throw new IncidentError(`${assetTag} is already part of ${incident.number}`);
    audit(db, by, now, {
      action: 'incident.device_added',
      entity: 'incident',
      entityId: String(incidentId),
      after: { assetTag, details },
    });
  })();
}

/** The device details the form asks for, beyond what the inventory holds (domain.md §2). */
export const deviceDetailKeys = [
  'brandName',
  'commonName',
  'productCode',
  'manufacturer',
  'manufacturerAddress',
  'model',
  'catalogNumber',
  'serialNumber',
  'lot',
  'expiry',
  'udi',
  'udiDi',
  'softwareVersion',
  'operator',
  'operatorOther',
  'implantedOn',
  'explantedOn',
  'singleUseReprocessed',
  'reprocessor',
  'availableForEvaluation',
  'returnedOn',
  'accessories',
  'settings',
  'errorCodes',
  'manufacturedOn',
  'inServiceOn',
] as const;
export type DeviceDetailKey = (typeof deviceDetailKeys)[number];

/**
 * Corrects or completes what is recorded of a device as it was at the time of the event; only
 * the known keys are kept, each at most 2,000 characters. Empty values are removed.
 */
export function updateDevice(
  db: Db,
  incidentId: number,
  assetTag: string,
  values: Partial<Record<string, string>>,
  by: Actor,
  now: Date,
): void {
  db.$client.transaction(() => {
    changeableIncident(db, incidentId);
    const key = and(eq(incidentDevices.incidentId, incidentId), eq(incidentDevices.assetTag, assetTag));
    const device = db.select().from(incidentDevices).where(key).get();
    if (!device) throw new IncidentError(`${assetTag} is not a device of this incident`);
    const details: Record<string, string> = {};
    for (const name of deviceDetailKeys) {
      const value = (values[name] ?? '').trim().slice(0, 2000);
      if (value) details[name] = value;
    }
    db.update(incidentDevices).set({ details }).where(key).run();
    audit(db, by, now, {
      action: 'incident.device_updated',
      entity: 'incident',
      entityId: String(incidentId),
      before: { assetTag, details: device.details },
      after: { assetTag, details },
    });
  })();
}

/**
 * Takes a device out of use and into safekeeping, logging who took it, where and why. A
 * sequestered asset shows as such wherever it appears until it is released.
 */
export function sequester(
  db: Db,
  incidentId: number,
  assetTag: string,
  custody: { where: string; why: string; at?: string },
  by: Actor,
  now: Date,
): void {
  if (!custody.where.trim() || !custody.why.trim())
    throw new IncidentError('say where the device is kept and why, for the chain of custody');
  db.$client.transaction(() => {
    changeableIncident(db, incidentId);
    const key = and(eq(incidentDevices.incidentId, incidentId), eq(incidentDevices.assetTag, assetTag));
    const device = db.select().from(incidentDevices).where(key).get();
    if (!device) throw new IncidentError(`${assetTag} is not a device of this incident: add it first`);
    if (device.sequesteredAt && !device.releasedAt)
      throw new IncidentError(`${assetTag} is already sequestered`);
    const at = custody.at ?? now.toISOString();
    db.update(incidentDevices)
      .set({ sequesteredAt: at, sequesteredWhere: custody.where.trim(), releasedAt: null })
      .where(key)
      .run();
    db.insert(custodyLog)
      .values({
        incidentId,
        item: assetTag,
        at,
        who: by.name,
        action: `sequestered in ${custody.where.trim()}`,
        why: custody.why.trim(),
        recordedBy: by.name,
      })
      .run();
    audit(db, by, now, {
      action: 'incident.sequestered',
      entity: 'incident',
      entityId: String(incidentId),
      after: { assetTag, where: custody.where.trim(), why: custody.why.trim() },
    });
  })();
}

export function release(
  db: Db,
  incidentId: number,
  assetTag: string,
  why: string,
  by: Actor,
  now: Date,
): void {
  if (!why.trim()) throw new IncidentError('say why the device is released, for the chain of custody');
  db.$client.transaction(() => {
    const key = and(eq(incidentDevices.incidentId, incidentId), eq(incidentDevices.assetTag, assetTag));
    const device = db.select().from(incidentDevices).where(key).get();
    if (!device?.sequesteredAt || device.releasedAt)
      throw new IncidentError(`${assetTag} is not sequestered`);
    const at = now.toISOString();
    db.update(incidentDevices).set({ releasedAt: at }).where(key).run();
    db.insert(custodyLog)
      .values({
        incidentId,
        item: assetTag,
        at,
        who: by.name,
        action: 'released',
        why: why.trim(),
        recordedBy: by.name,
      })
      .run();
    audit(db, by, now, {
      action: 'incident.released',
      entity: 'incident',
      entityId: String(incidentId),
      after: { assetTag, why: why.trim() },
    });
  })();
}

/** Decides reportability from the facts and keeps the decision with its reasoning (803.18). */
export function decideIncident(
  db: Db,
  incidentId: number,
  facts: { deviceMayHaveContributed: boolean; manufacturerKnown: boolean },
  by: Actor,
  now: Date,
): ReportabilityDecision {
  return db.$client.transaction(() => {
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
  })();
}
