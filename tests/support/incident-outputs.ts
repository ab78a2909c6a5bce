import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../src/db/client';
import { addDevice } from '../../src/incidents/devices';
import { decideIncident, type IncidentInput, openIncident } from '../../src/incidents/record';
import { importInventory } from '../../src/inventory/import';
import { textOf } from './page-text';
import { projectRoot } from './shared';
import { testWebApp, type WebClient } from './web';

/** What the incident output tests share: a day in December 2026, a reported death, a facility. */
export const pat = { name: 'Pat Tech', userId: null };
export const now = new Date('2026-12-10T15:00:00.000Z');

/** The real app on a fresh database at `now`, with the fixture inventory (BME-1001 and the rest). */
export function appWithInventory() {
  const web = testWebApp({ now: () => now });
  importInventory(
    { db: web.db, now: () => now },
    { text: fs.readFileSync(path.join(projectRoot, 'tests/fixtures/matching/inventory.csv'), 'utf8') },
  );
  return web;
}

export const death: IncidentInput = {
  title: 'Infusion stopped without alarm',
  eventAt: '2026-11-19T22:40',
  awareOn: '2026-11-20',
  outcome: 'death',
  deathOn: '2026-11-20',
  location: 'ICU Bay 4',
  reporter: 'Dana Nurse',
  description: 'The pump stopped mid-infusion and no occlusion alarm sounded.',
  patientIdentifier: 'PT-0001',
  patientAge: '71 years',
  patientSex: 'female',
  patientWeightKg: '80',
};

export const fullFacility = {
  name: 'St. Example Medical Center',
  number: '1234567',
  street: '1 Main Street',
  city: 'Springfield',
  state: 'IL',
  postalCode: '62701',
  contactName: 'Robin Risk',
  phone: '555-0100',
};

/** A device-related death with BME-1001, decided reportable; returns its id and the decision. */
export function deathWithDevice(db: Db, input: IncidentInput = death) {
  const { id, number } = openIncident(db, input, pat, now);
  addDevice(db, id, 'BME-1001', pat, now);
  const decision = decideIncident(
    db,
    id,
    { deviceMayHaveContributed: true, manufacturerKnown: true },
    pat,
    now,
  );
  return { id, number, decision };
}

export async function page(client: WebClient, pathname: string, status = 200) {
  const res = await client.get(pathname);
  expect(res.status).toBe(status);
  return res.text();
}

/** One block of the 3500A page, as text: "D4.serial Serial # 12840771". */
export function block(html: string, id: string): string {
  const row = new RegExp(`<tr id="block-${id.replace('.', '\\.')}">([\\s\\S]*?)</tr>`).exec(html);
  expect(row, `block ${id}`).not.toBeNull();
  return textOf(row![1]!).trim();
}
