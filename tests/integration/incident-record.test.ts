import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/audit/log';
import type { Db } from '../../src/db/client';
import { custodyLog, incidentDevices, incidents } from '../../src/db/schema';
import { sequestrationsOf } from '../../src/incidents/asset-incidents';
import { addDevice, release, sequester } from '../../src/incidents/devices';
import { decideIncident, openIncident } from '../../src/incidents/record';
import { importInventory } from '../../src/inventory/import';
import { Refusal } from '../../src/shared/refusal';
import { projectRoot } from '../support/shared';
import { openTestDb } from '../support/vigil';

const pat = { name: 'Pat Tech', userId: null };
const now = new Date('2026-11-20T15:00:00.000Z');
let db: Db;
let close: () => void;

beforeEach(() => {
  ({ db, close } = openTestDb());
  importInventory(
    { db, now: () => now },
    { text: fs.readFileSync(path.join(projectRoot, 'tests/fixtures/matching/inventory.csv'), 'utf8') },
  );
});
afterEach(() => close());

const death = {
  title: 'Infusion stopped without alarm',
  eventAt: '2026-11-19T22:40',
  awareOn: '2026-11-20',
  outcome: 'death' as const,
  location: 'ICU Bay 4',
  patientIdentifier: 'PT-2026-0001',
};

describe('an incident record', () => {
  it('when incidents are opened, then each is numbered within the year the facility became aware, and audited', () => {
    expect(openIncident(db, death, pat, now).number).toBe('INC-2026-0001');
    expect(openIncident(db, { ...death, title: 'Second' }, pat, now).number).toBe('INC-2026-0002');
    expect(openIncident(db, { ...death, eventAt: undefined, awareOn: '2027-01-04' }, pat, now).number).toBe(
      'INC-2027-0001',
    );
    const first = db.select().from(incidents).where(eq(incidents.number, 'INC-2026-0001')).get()!;
    expect(first).toMatchObject({
      state: 'open',
      outcome: 'death',
      createdBy: 'Pat Tech',
      patientIdentifier: 'PT-2026-0001',
    });
    expect(historyOf(db, 'incident', String(first.id)).map((h) => h.action)).toEqual(['incident.opened']);
  });

  it.each([
    [{ ...death, title: ' ' }, 'title: give the incident a short title'],
    [
      { ...death, awareOn: '2026-02-30' },
      'awareOn: the date the facility became aware is not a date: write it as YYYY-MM-DD, such as 2026-01-31',
    ],
    [
      { ...death, eventAt: '2026-11-21T08:00' },
      'awareOn: the facility cannot have become aware before the event happened',
    ],
    [
      { ...death, outcome: 'bad' as never },
      'outcome: the event type is one of death, serious_injury, malfunction, near_miss, use_error',
    ],
  ])('when the input is wrong, then nothing is stored and the error says what to fix', (input, message) => {
    expect(() => openIncident(db, input, pat, now)).toThrow(new Refusal(message));
    expect(db.select().from(incidents).all()).toEqual([]);
  });

  it('when a device from the inventory is added, then its details are copied in for the form', () => {
    const { id } = openIncident(db, death, pat, now);
    addDevice(db, id, 'BME-1001', pat, now);
    expect(db.select().from(incidentDevices).get()).toMatchObject({
      assetTag: 'BME-1001',
      details: {
        manufacturer: 'BD',
        model: 'Alaris PC Unit 8015',
        serialNumber: '12840771',
        productCode: 'FRN',
        commonName: 'Infusion pump controller',
      },
    });
    expect(() => addDevice(db, id, 'BME-1001', pat, now)).toThrow(
      'BME-1001 is already part of INC-2026-0001',
    );
    expect(() => addDevice(db, id, 'NOPE', pat, now)).toThrow('there is no asset NOPE in the inventory');
  });

  it('when a device is sequestered and later released, then it shows as sequestered until then and the custody log has both', () => {
    const { id } = openIncident(db, death, pat, now);
    addDevice(db, id, 'BME-1001', pat, now);
    expect(() => sequester(db, id, 'BME-1001', { where: ' ', why: 'x' }, pat, now)).toThrow(
      'say where the device is kept',
    );
    sequester(
      db,
      id,
      'BME-1001',
      { where: 'Biomed cage 2', why: 'involved in a death; keep as found' },
      pat,
      now,
    );
    expect(sequestrationsOf(db).get('BME-1001')).toEqual({
      incidentId: id,
      incidentNumber: 'INC-2026-0001',
      where: 'Biomed cage 2',
      since: now.toISOString(),
    });
    expect(() => sequester(db, id, 'BME-1001', { where: 'x', why: 'y' }, pat, now)).toThrow(
      'already sequestered',
    );
    release(
      db,
      id,
      'BME-1001',
      'manufacturer evaluation finished',
      pat,
      new Date('2026-12-15T10:00:00.000Z'),
    );
    expect(sequestrationsOf(db).size).toBe(0);
    expect(db.select({ action: custodyLog.action, why: custodyLog.why }).from(custodyLog).all()).toEqual([
      { action: 'sequestered in Biomed cage 2', why: 'involved in a death; keep as found' },
      { action: 'released', why: 'manufacturer evaluation finished' },
    ]);
  });

  it('when reportability is decided, then the decision and its reasoning are kept and audited', () => {
    const { id } = openIncident(db, death, pat, now);
    const decision = decideIncident(
      db,
      id,
      { deviceMayHaveContributed: true, manufacturerKnown: true },
      pat,
      now,
    );
    expect(decision.reports.map((r) => `${r.to} ${r.dueOn}`)).toEqual([
      'FDA 2026-12-07',
      'manufacturer 2026-12-07',
    ]);
    const stored = db.select().from(incidents).where(eq(incidents.id, id)).get()!;
    expect(stored).toMatchObject({
      deviceMayHaveContributed: true,
      manufacturerKnown: true,
      decidedBy: 'Pat Tech',
    });
    expect(stored.reportability).toEqual(decision);
    expect(historyOf(db, 'incident', String(id)).map((h) => h.action)).toEqual([
      'incident.reportability',
      'incident.opened',
    ]);
  });
});
