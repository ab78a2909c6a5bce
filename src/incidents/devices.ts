import { and, eq, sql } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { assets, custodyLog, incidentDevices } from '../db/schema';
import { listingOf } from '../inventory/listing';
import { searchAssets } from '../inventory/page-queries';
import { facilityMinute } from '../shared/clock';
import { Refusal } from '../shared/refusal';
import { changeableIncident } from './record';

/**
 * The devices of an investigation: brought in from the inventory with what was true of them at
 * the time, completed for the MedWatch form, and taken out of use (sequestered) and released,
 * each step in the chain of custody.
 */

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

/** How many assets the device finder offers at once. */
const choicesAtMost = 8;

/**
 * The assets a person's words find, to add one to an investigation: the inventory page's own
 * search (the start of any word of the tag, serial number, manufacturer, model or location,
 * whatever the case).
 */
export function devicesToAdd(db: Db, q: string) {
  const listing = listingOf({ q: q.slice(0, 100) });
  const { rows, total } = searchAssets(db, listing);
  return {
    q: listing.q,
    total,
    assets: rows.slice(0, choicesAtMost).map((r) => ({
      assetTag: r.assetTag,
      manufacturer: r.manufacturer,
      model: r.model,
      serialNumber: r.serialNumber,
      location: [r.department, r.location].filter(Boolean).join(', ') || null,
    })),
  };
}

/**
 * Adds a device from the inventory to the investigation, its details prefilled from the asset.
 * The tag is found whatever its case ("bme-1001" is BME-1001).
 */
export function addDevice(db: Db, incidentId: number, typedTag: string, by: Actor, now: Date): void {
  writeTransaction(db, () => {
    const incident = changeableIncident(db, incidentId);
    const asset = db
      .select()
      .from(assets)
      .where(sql`${assets.assetTag} = ${typedTag.trim()} COLLATE NOCASE`)
      .orderBy(sql`${assets.assetTag} = ${typedTag.trim()} DESC`)
      .get();
    if (!asset)
      throw new Refusal(
        `there is no asset ${typedTag} in the inventory: search by its tag, serial number or model`,
      );
    const assetTag = asset.assetTag;
    const details = deviceDetails(asset);
    const added = db
      .insert(incidentDevices)
      .values({ incidentId, assetTag, details })
      .onConflictDoNothing()
      .run();
    if (added.changes === 0) throw new Refusal(`${assetTag} is already part of ${incident.number}`);
    audit(db, by, now, {
      action: 'incident.device_added',
      entity: 'incident',
      entityId: String(incidentId),
      after: { assetTag, details },
    });
  });
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
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const key = and(eq(incidentDevices.incidentId, incidentId), eq(incidentDevices.assetTag, assetTag));
    const device = db.select().from(incidentDevices).where(key).get();
    if (!device) throw new Refusal(`${assetTag} is not a device of this incident`, 'missing');
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
  });
}

/**
 * A sequestered device's step in the chain of custody, taken by the person recording it. Its time
 * is the facility's local minute, as the steps people type are.
 */
function custodyStep(
  db: Db,
  incidentId: number,
  assetTag: string,
  step: { at: string; action: string; why: string },
  by: Actor,
): void {
  db.insert(custodyLog)
    .values({ incidentId, item: assetTag, ...step, why: step.why.trim(), who: by.name, recordedBy: by.name })
    .run();
}

/**
 * Takes a device out of use and into safekeeping, logging who took it, where and why. A
 * sequestered asset shows as such wherever it appears until it is released.
 */
export function sequester(
  db: Db,
  incidentId: number,
  assetTag: string,
  custody: { where: string; why: string },
  by: Actor,
  now: Date,
): void {
  if (!custody.where.trim() || !custody.why.trim())
    throw new Refusal('say where the device is kept and why, for the chain of custody');
  writeTransaction(db, () => {
    changeableIncident(db, incidentId);
    const key = and(eq(incidentDevices.incidentId, incidentId), eq(incidentDevices.assetTag, assetTag));
    const device = db.select().from(incidentDevices).where(key).get();
    if (!device) throw new Refusal(`${assetTag} is not a device of this incident: add it first`, 'missing');
    if (device.sequesteredAt && !device.releasedAt) throw new Refusal(`${assetTag} is already sequestered`);
    const at = now.toISOString();
    db.update(incidentDevices)
      .set({ sequesteredAt: at, sequesteredWhere: custody.where.trim(), releasedAt: null })
      .where(key)
      .run();
    custodyStep(
      db,
      incidentId,
      assetTag,
      { at: facilityMinute(now), action: `sequestered in ${custody.where.trim()}`, why: custody.why },
      by,
    );
    audit(db, by, now, {
      action: 'incident.sequestered',
      entity: 'incident',
      entityId: String(incidentId),
      after: { assetTag, where: custody.where.trim(), why: custody.why.trim() },
    });
  });
}

export function release(
  db: Db,
  incidentId: number,
  assetTag: string,
  why: string,
  by: Actor,
  now: Date,
): void {
  if (!why.trim()) throw new Refusal('say why the device is released, for the chain of custody');
  writeTransaction(db, () => {
    const key = and(eq(incidentDevices.incidentId, incidentId), eq(incidentDevices.assetTag, assetTag));
    const device = db.select().from(incidentDevices).where(key).get();
    if (!device?.sequesteredAt || device.releasedAt) throw new Refusal(`${assetTag} is not sequestered`);
    const at = now.toISOString();
    db.update(incidentDevices).set({ releasedAt: at }).where(key).run();
    custodyStep(db, incidentId, assetTag, { at: facilityMinute(now), action: 'released', why }, by);
    audit(db, by, now, {
      action: 'incident.released',
      entity: 'incident',
      entityId: String(incidentId),
      after: { assetTag, why: why.trim() },
    });
  });
}
