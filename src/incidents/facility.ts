import { eq } from 'drizzle-orm';
import { type Actor, audit } from '../audit/log';
import { type Db, writeTransaction } from '../db/client';
import { facility } from '../db/schema';

/** What the MedWatch forms ask of the reporting facility (3500A section F, Form 3419 items 1–6). */
export const facilityKeys = [
  'name',
  'street',
  'city',
  'state',
  'postalCode',
  'country',
  /** The CMS provider number, or the number the FDA assigned; it begins every report number. */
  'number',
  'contactName',
  'contactTitle',
  'phone',
  'email',
] as const;
export type FacilityKey = (typeof facilityKeys)[number];
export type Facility = Partial<Record<FacilityKey, string>>;

export function facilityDetails(db: Db): Facility {
  return db.select().from(facility).where(eq(facility.id, 1)).get()?.details ?? {};
}

/** Saves the facility's details (an administrator's task); empty values are removed. */
export function setFacility(db: Db, values: Partial<Record<string, string>>, by: Actor, now: Date): Facility {
  const details: Facility = {};
  for (const key of facilityKeys) {
    const value = (values[key] ?? '').trim().slice(0, 300);
    if (value) details[key] = value;
  }
  writeTransaction(db, () => {
    const before = facilityDetails(db);
    const row = {
      id: 1,
      details: details as Record<string, string>,
      updatedBy: by.name,
      updatedAt: now.toISOString(),
    };
    db.insert(facility).values(row).onConflictDoUpdate({ target: facility.id, set: row }).run();
    audit(db, by, now, {
      action: 'facility.updated',
      entity: 'facility',
      entityId: '1',
      before,
      after: details,
    });
  });
  return details;
}

/** What the forms need that is still missing, by label, for the pages to ask for it. */
export function facilityGaps(f: Facility): string[] {
  const needed: [FacilityKey, string][] = [
    ['name', 'facility name'],
    ['street', 'street address'],
    ['city', 'city'],
    ['number', 'CMS provider or FDA-assigned number'],
    ['contactName', 'contact person'],
    ['phone', 'phone'],
  ];
  return needed.filter(([key]) => !f[key]).map(([, label]) => label);
}
