import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDataset,
  type FdaRecord,
  loadDataset,
  recordKey,
  removeRecord,
} from '../../support/fake-openfda/dataset';

const envelope = (lastUpdated: string, results: FdaRecord[]) =>
  JSON.stringify({
    meta: { last_updated: lastUpdated, results: { skip: 0, limit: results.length, total: results.length } },
    results,
  });

/** A one-member zip (deflate), the shape of openFDA's download files. */
function zipOf(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const packed = deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, packed, central, nameBytes, end]);
}

describe('loadDataset', () => {
  let dir: string;
  const lines: string[] = [];
  const load = (addSamples = false) => loadDataset(dir, { addSamples, log: (line) => lines.push(line) });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fake-openfda-'));
    lines.length = 0;
    const recalls = [
      { product_res_number: 'Z-0001-2020', recall_status: 'Open, Classified', action: 'Letter' },
      { product_res_number: 'Z-0002-2020', recall_status: 'Terminated' },
    ];
    await writeFile(
      join(dir, 'device-recall.bulk.json.zip'),
      zipOf('device-recall-0001-of-0001.json', envelope('2024-05-01', recalls)),
    );
    await writeFile(
      join(dir, 'device-recall.sample.json'),
      envelope('2020-01-01', [
        {
          product_res_number: 'Z-0001-2020',
          recall_status: 'Terminated',
          event_date_terminated: '2024-04-30',
        },
        { product_res_number: 'Z-9999-2020', recall_status: 'Completed' },
      ]),
    );
    await writeFile(
      join(dir, 'device-event.sample.json'),
      envelope('2023-03-01', [{ report_number: 'MW5114259' }]),
    );
    await writeFile(join(dir, 'device-recall.cfres.csv.zip'), 'not json');
    await writeFile(join(dir, 'device-udi.gudid.ndjson.zip'), 'not json');
    await writeFile(join(dir, 'notes.json'), '{}');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when a base file and a sample overlay exist, then matching records are patched field by field', async () => {
    const dataset = await load();
    expect(dataset.recall.records.get('Z-0001-2020')).toEqual({
      product_res_number: 'Z-0001-2020',
      recall_status: 'Terminated',
      action: 'Letter',
      event_date_terminated: '2024-04-30',
    });
    expect(dataset.recall.lastUpdated).toBe('2024-05-01');
  });

  it('when sample records have new keys, then they are left out with a log line unless addSamples', async () => {
    expect([...(await load()).recall.records.keys()]).toEqual(['Z-0001-2020', 'Z-0002-2020']);
    expect(lines.join('\n')).toMatch(/left out 1 of 2 recall record\(s\) from device-recall\.sample\.json/);
    expect((await load(true)).recall.records.has('Z-9999-2020')).toBe(true);
  });

  it('when only a sample file exists, then it is the base, with its own last_updated', async () => {
    const dataset = await load();
    expect([...dataset.event.records.keys()]).toEqual(['MW5114259']);
    expect(dataset.event.lastUpdated).toBe('2023-03-01');
    expect(dataset.enforcement.records.size).toBe(0);
  });

  it('when the directory is missing or has no device files, then loading fails with a clear message', async () => {
    await expect(loadDataset(join(dir, 'nope'))).rejects.toThrow(/no such data directory/);
    const empty = await mkdtemp(join(tmpdir(), 'fake-openfda-empty-'));
    try {
      await expect(loadDataset(empty)).rejects.toThrow(/no openFDA device files/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('record keys', () => {
  it('when records are keyed, then each endpoint uses its openFDA document id', () => {
    expect(recordKey('recall', { product_res_number: 'Z-0053-2020' })).toBe('Z-0053-2020');
    expect(recordKey('event', { mdr_report_key: '1511541', report_number: '1720753-2008-26826' })).toBe(
      '1511541',
    );
    expect(recordKey('event', { report_number: 'MW5114259' })).toBe('MW5114259');
    expect(recordKey('classification', { product_code: 'FOZ' })).toBe('FOZ');
    expect(
      recordKey('udi', {
        identifiers: [{ id: '00887517567062', type: 'Primary' }, { id: '10887517567069' }],
      }),
    ).toBe('00887517567062');
    expect(recordKey('enforcement', { product_type: 'Devices', recall_number: 'Z-2338-2012' })).toBe(
      createHash('sha256').update('DevicesZ-2338-2012').digest('hex'),
    );
  });

  it('when an enforcement record has no recall_number, then it still gets an id', () => {
    expect(recordKey('enforcement', { product_type: 'Devices', event_id: '62561' })).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it('when an enforcement record is removed by recall_number, then its hashed id is found', () => {
    const dataset = createDataset({
      enforcement: { results: [{ product_type: 'Devices', recall_number: 'Z-0198-2018' }] },
    });
    expect(removeRecord(dataset, 'enforcement', 'Z-0198-2018')).toBe(true);
    expect(dataset.enforcement.records.size).toBe(0);
  });
});
