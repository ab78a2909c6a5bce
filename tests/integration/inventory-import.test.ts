import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { exportInventory } from '../../src/inventory/export';
import { importInventory } from '../../src/inventory/import';
import { allAssets } from '../../src/inventory/queries';
import { describeWithRealData, projectRoot, sharedData } from '../support/shared';
import { openTestDb, tempDir } from '../support/vigil';

const fixtures = path.join(projectRoot, 'tests/fixtures/inventory');
const devInventory = path.join(sharedData, 'matching/dev/inventory.csv');

let db: Db;
let close: () => void;
let clock: Date;
const deps = () => ({ db, now: () => clock });
beforeEach(() => {
  ({ db, close } = openTestDb());
  clock = new Date('2025-06-01T10:00:00.000Z');
});
afterEach(() => close());

const importText = (text: string, options: { dryRun?: boolean; goodRowsOnly?: boolean } = {}) =>
  importInventory(deps(), { text, ...options });

describe('importing an inventory', () => {
  it('when a messy CMMS export is imported, then every row lands with its UDI parsed and nothing dropped', () => {
    const result = importInventory(deps(), { file: path.join(fixtures, 'cmms-export.csv') });
    expect(result).toMatchObject({ rows: 6, added: 6, updated: 0, unchanged: 0, errors: [], written: true });
    expect(result.problem).toBeNull();
    const stored = allAssets(db);
    expect(stored.map((a) => a.assetTag)).toEqual([
      'EQ-1001',
      'EQ-1002',
      'EQ-1003',
      'EQ-1004',
      'EQ-1005',
      'EQ-1006',
    ]);
    expect(stored[0]).toMatchObject({
      udiDi: '00085412091570',
      udiSerial: 'SN276735',
      productCode: 'FRN',
      acquiredOn: '2019-11-25',
      extra: { Description: 'Large volume pump', 'Purchase Date': '2019-11-01', Vendor: 'Medline' },
      createdAt: '2025-06-01T10:00:00.000Z',
    });
    expect(stored[3]!.extra).toEqual({ Notes: 'Returned from repair.\nNew battery fitted.' });
    expect(stored[4]).toMatchObject({
      udiIssuer: 'ICCBBA',
      udiDi: 'A9999XYZ100T0476',
      acquiredOn: '2021-01-05',
    });
  });

  it('when it is a dry run, then nothing is written but the counts say what would happen', () => {
    importText('asset_tag,model\nA-1,M1\nA-2,M2\n');
    const result = importText('asset_tag,model\nA-1,M1\nA-2,M2 rev B\nA-3,M3\n', { dryRun: true });
    expect(result).toMatchObject({ added: 1, updated: 1, unchanged: 1, written: false, addedTags: ['A-3'] });
    expect(allAssets(db).map((a) => [a.assetTag, a.model])).toEqual([
      ['A-1', 'M1'],
      ['A-2', 'M2'],
    ]);
  });

  it('when any row has an error, then nothing is written and every error is listed', () => {
    const result = importInventory(deps(), { file: path.join(fixtures, 'rows-with-errors.csv') });
    expect(result.written).toBe(false);
    // The asset tag on lines 2 and 10 is one error, at its first line; both rows count as bad.
    expect(result.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 9, 11]);
    expect(result).toMatchObject({ rows: 10, added: 2, errorCount: 7, rowsWithErrors: 8 });
    expect(allAssets(db)).toEqual([]);
  });

  it('when the user asks for the good rows only, then those land and the bad ones are reported', () => {
    const result = importInventory(deps(), {
      file: path.join(fixtures, 'rows-with-errors.csv'),
      goodRowsOnly: true,
    });
    expect(result).toMatchObject({ written: true, added: 2, addedTags: ['A-6', 'A-9'] });
    expect(result).toMatchObject({ errorCount: 7, rowsWithErrors: 8 });
    expect(allAssets(db).map((a) => [a.assetTag, a.model])).toEqual([
      ['A-6', 'M6 with a model\nspanning two lines'],
      ['A-9', 'M9'],
    ]);
  });

  it('when a file is re-imported with changes, then rows are added, updated or unchanged by asset tag', () => {
    importText('asset_tag,model,status\nA-1,M1,In Service\nA-2,M2,In Service\n');
    clock = new Date('2025-07-01T10:00:00.000Z');
    const result = importText(
      'asset_tag,model,status\nA-1,M1,In Service\nA-2,M2,Retired\nA-3,M3,In Service\n',
    );
    expect(result).toMatchObject({
      added: 1,
      updated: 1,
      unchanged: 1,
      addedTags: ['A-3'],
      updatedTags: ['A-2'],
    });
    const [a1, a2] = allAssets(db);
    expect(a1).toMatchObject({ updatedAt: '2025-06-01T10:00:00.000Z' });
    expect(a2).toMatchObject({
      status: 'Retired',
      createdAt: '2025-06-01T10:00:00.000Z',
      updatedAt: '2025-07-01T10:00:00.000Z',
    });
  });

  it('when a later export leaves columns out, then what is stored in them is kept', () => {
    importText('asset_tag,serial_number,location,Vendor,Cost Center\nA-1,SN1,ICU,Medline,4410\n');
    const result = importText('asset_tag,location,Cost Center\nA-1,MICU,\n');
    expect(result).toMatchObject({ updated: 1 });
    expect(allAssets(db)[0]).toMatchObject({
      serialNumber: 'SN1',
      location: 'MICU',
      extra: { Vendor: 'Medline' },
    });
  });

  it('when assets are missing from the file, then they are kept and counted', () => {
    importText('asset_tag\nA-1\nA-2\nA-3\n');
    const result = importText('asset_tag\nA-2\n');
    expect(result).toMatchObject({ unchanged: 1, notInFile: 2 });
    expect(allAssets(db)).toHaveLength(3);
  });

  it('when the inventory is exported and imported again, then every asset is unchanged', () => {
    importInventory(deps(), { file: path.join(fixtures, 'cmms-export.csv') });
    const { csv, assets } = exportInventory(db);
    expect(assets).toBe(6);
    expect(csv.split('\n')[0]).toBe(
      'asset_tag,manufacturer,model,catalog_number,serial_number,udi,product_code,device_name,department,location,status,software_version,acquired_on,Description,Notes,Purchase Date,Vendor',
    );
    const before = allAssets(db);
    clock = new Date('2025-08-01T00:00:00.000Z');
    const again = importText(csv);
    expect(again).toMatchObject({ rows: 6, added: 0, updated: 0, unchanged: 6, errors: [] });
    expect(allAssets(db)).toEqual(before);
  });

  it('when the file has no asset tag column, then nothing is imported and the headers are named', () => {
    const result = importText('Mfr,Model\nAcme,M1\n', { goodRowsOnly: true });
    expect(result.written).toBe(false);
    expect(result.problem).toMatch(/^line 1: no asset tag column: the headers are "Mfr", "Model"/);
    expect(allAssets(db)).toEqual([]);
  });

  it('when a quote is never closed, then nothing is imported, not even the good rows', () => {
    const result = importText('asset_tag,model\nA-1,M1\nA-2,"M2\nA-3,M3\n', { goodRowsOnly: true });
    expect(result.written).toBe(false);
    expect(result.problem).toMatch(/^line 3: a quoted field .* is never closed/);
    expect(allAssets(db)).toEqual([]);
  });

  it('when the file does not exist, then it says so', () => {
    const file = path.join(tempDir(), 'missing.csv');
    expect(importInventory(deps(), { file }).problem).toBe(`${file} does not exist`);
  });

  it('when the same upload is given as text with Windows line ends, then it reads the same as the file', () => {
    const text = fs.readFileSync(path.join(fixtures, 'cmms-export.csv'), 'utf8');
    expect(importText(text, { dryRun: true })).toMatchObject({ rows: 6, added: 6, errors: [] });
  });
});

describeWithRealData('the dev evaluation inventory', () => {
  it('when the 310-row dev inventory is imported, then all 310 assets are stored without an error', () => {
    const dry = importInventory(deps(), { file: devInventory, dryRun: true });
    expect(dry).toMatchObject({ rows: 310, added: 310, errors: [], written: false });
    expect(allAssets(db)).toEqual([]);
    const result = importInventory(deps(), { file: devInventory });
    expect(result).toMatchObject({ rows: 310, added: 310, errors: [], problem: null, written: true });
    const stored = allAssets(db);
    expect(stored).toHaveLength(310);
    expect(stored.filter((a) => a.udiDi !== null).map((a) => a.udiDi)).toEqual([
      '10885403801518',
      '04961333232420',
      '07325710000823',
      '00085412091570',
    ]);
    expect(importInventory(deps(), { file: devInventory })).toMatchObject({ unchanged: 310 });
  });
}, ['matching/dev/inventory.csv']);
