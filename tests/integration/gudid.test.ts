import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { gudidDevices } from '../../src/db/schema';
import { gatherKnowledge } from '../../src/matching/gather';
import { createAssetReader } from '../../src/matching/profiles';
import { importGudid } from '../../src/openfda/gudid/import';
import { gudidDevice, gudidRecords, isGudidFile } from '../../src/openfda/gudid/read';
import { describeWithRealData, openFdaData } from '../support/shared';
import { openTestDb, runVigil, tempDir } from '../support/vigil';

// GUDID company names serve firm identity for assets with no manufacturer: the company behind
// their UDI-DI, or behind the brand their model starts with. Read from the real GUDID files.
describeWithRealData('GUDID device records', () => {
  const sample = path.join(openFdaData, 'device-udi.sample.json');
  const converted = path.join(openFdaData, 'device-udi.gudid2016-converted.ndjson.zip');
  let db: Db;
  let close: () => void;
  beforeEach(() => {
    ({ db, close } = openTestDb());
  });
  afterEach(() => close());
  const deps = () => ({ db, now: () => new Date('2026-01-05T10:00:00Z') });

  it('when a GUDID file is an envelope or one record per line, zipped or not, then it is recognised and read; a recall file is not', async () => {
    expect(await isGudidFile(sample)).toBe(true);
    expect(await isGudidFile(converted)).toBe(true);
    expect(await isGudidFile(path.join(openFdaData, 'device-recall.sample.json'))).toBe(false);
    let first: unknown = null;
    for await (const record of gudidRecords(sample)) {
      first = record;
      break;
    }
    expect(gudidDevice(first)).toMatchObject({ primaryDi: expect.stringMatching(/^\d{14}$/) });
  });

  it('when the files are imported twice, then each device identifier is stored once with its company, brand and model', async () => {
    const once = await importGudid(deps(), sample);
    expect(once).toMatchObject({ records: 2001, stored: 2001, skipped: 0 });
    await importGudid(deps(), sample);
    expect(db.select().from(gudidDevices).all()).toHaveLength(2001);
    const picc = db
      .select()
      .from(gudidDevices)
      .all()
      .find((d) => d.primaryDi === '00801741121227');
    expect(picc).toMatchObject({ companyName: 'Bard Access Systems, Inc.', brandName: 'PowerPICC' });
  });

  it('when an asset has no manufacturer, then its firm is the company GUDID names for its UDI-DI, or for the brand its model starts with', async () => {
    await importGudid(deps(), sample);
    const { knowledge } = gatherKnowledge(db, new Date(), {
      termsBuiltFrom: null,
      rebuild: true,
      everyRecall: () => [],
    });
    const read = createAssetReader(knowledge);
    const asset = (fields: { model: string; udiDi?: string }) =>
      read({
        assetTag: 'BME-1',
        manufacturer: null,
        catalogNumber: null,
        serialNumber: null,
        udiDi: fields.udiDi ?? null,
        udiLot: null,
        udiSerial: null,
        productCode: null,
        softwareVersion: null,
        model: fields.model,
      });
    expect(asset({ model: 'catheter 5 Fr', udiDi: '00801741121227' }).firm.names).toEqual([
      'bard access systems',
    ]);
    expect(asset({ model: 'PowerPICC SOLO 5 Fr' }).firm.names).toEqual(['bard access systems']);
    expect(asset({ model: 'Unknown Pump 12' }).firmSource).toBe('none');
  });

  it('when vigil import is given a GUDID file, then it says how many devices it stored', async () => {
    const env = { VIGIL_DB: path.join(tempDir(), 'vigil.db') };
    const result = await runVigil(['import', sample], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /device-udi\.sample\.json: 2,001 GUDID device records: 2,001 stored, 0 without a device identifier/,
    );
  });
});
