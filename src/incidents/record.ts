import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
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
  patientIdentifier: text(100),
  patientAge: text(20),
  patientSex: text(20),
  patientWeightKg: text(20),
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
  return parsed.data;
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
  };
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => Boolean(e[1])));
}

/** Adds a device from the inventory to the investigation, its details prefilled from the asset. */
export function addDevice(db: Db, incidentId: number, assetTag: string, by: Actor, now: Date): void {
  db.$client.transaction(() => {
    const incident = incidentRow(db, incidentId);
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

export type Sequestration = { incidentNumber: string; where: string | null; since: string };

/** Every asset sequestered now, for the pages that list assets to say so. */
export function sequesteredAssets(db: Db): Map<string, Sequestration> {
  const rows = db
    .select({
      assetTag: incidentDevices.assetTag,
      incidentNumber: incidents.number,
      where: incidentDevices.sequesteredWhere,
      since: incidentDevices.sequesteredAt,
    })
    .from(incidentDevices)
    .innerJoin(incidents, eq(incidents.id, incidentDevices.incidentId))
    .where(and(isNotNull(incidentDevices.sequesteredAt), isNull(incidentDevices.releasedAt)))
    .all();
  return new Map(
    rows.map((r) => [r.assetTag, { incidentNumber: r.incidentNumber, where: r.where, since: r.since! }]),
  );
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
    const incident = incidentRow(db, incidentId);
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
