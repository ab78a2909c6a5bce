import { describe, expect, it } from 'vitest';
import { columnFor, headerKey, mapHeaders, readChoices } from '../../../src/inventory/columns';

describe('header variants', () => {
  it('when headers are spelled the way CMMS exports spell them, then each finds its column', () => {
    const expected: Record<string, string> = {
      'Asset #': 'asset_tag',
      'Asset Tag': 'asset_tag',
      'Equipment ID': 'asset_tag',
      'Equip #': 'asset_tag',
      Tag: 'asset_tag',
      'Control Number': 'asset_tag',
      Mfr: 'manufacturer',
      Mfg: 'manufacturer',
      'Manufacturer Name': 'manufacturer',
      Make: 'manufacturer',
      'Model Number': 'model',
      'Model #': 'model',
      'Catalog #': 'catalog_number',
      REF: 'catalog_number',
      'Cat No': 'catalog_number',
      'List Number': 'catalog_number',
      'S/N': 'serial_number',
      'Serial #': 'serial_number',
      'Serial No': 'serial_number',
      UDI: 'udi',
      'Product Code': 'product_code',
      'FDA Product Code': 'product_code',
      'Device Type': 'device_name',
      Description: 'device_name',
      Dept: 'department',
      Department: 'department',
      Location: 'location',
      Room: 'location',
      Status: 'status',
      'Software Version': 'software_version',
      'SW Version': 'software_version',
      Acquired: 'acquired_on',
      'Acquisition Date': 'acquired_on',
      'Install Date': 'acquired_on',
      'Purchase Date': 'acquired_on',
      acquired_on: 'acquired_on',
    };
    for (const [header, column] of Object.entries(expected)) expect(columnFor(header), header).toBe(column);
  });

  it('when case, spaces and punctuation differ, then the header still matches', () => {
    expect(headerKey('  SERIAL  #  ')).toBe(headerKey('serial number'));
    expect(columnFor('serial_number')).toBe('serial_number');
    expect(columnFor('S / N')).toBe('serial_number');
    expect(columnFor('asset-tag')).toBe('asset_tag');
  });

  it('when a header is a supplier, not a maker, then it is not taken for the manufacturer', () => {
    expect(columnFor('Vendor')).toBeNull();
    expect(columnFor('Cost Center')).toBeNull();
  });
});

describe('mapHeaders', () => {
  it('when every header is known, then the mapping lists them in canonical order and nothing is unmapped', () => {
    const result = mapHeaders(['Mfr', 'Asset #', 'S/N']);
    expect(result.mapping).toEqual([
      { header: 'Asset #', index: 1, column: 'asset_tag' },
      { header: 'Mfr', index: 0, column: 'manufacturer' },
      { header: 'S/N', index: 2, column: 'serial_number' },
    ]);
    expect(result.unmapped).toEqual([]);
    expect(result.problem).toBeNull();
  });

  it('when two headers mean the same column, then the first is used and the other is kept, not dropped', () => {
    const result = mapHeaders(['Tag', 'Install Date', 'Purchase Date', 'Vendor']);
    expect(result.mapping.find((m) => m.column === 'acquired_on')?.header).toBe('Install Date');
    expect(result.unmapped).toEqual([
      { header: 'Purchase Date', index: 2, looksLike: 'acquired_on' },
      { header: 'Vendor', index: 3, looksLike: null },
    ]);
  });

  it('when one of them is the canonical name itself, then that one wins whatever its position', () => {
    const result = mapHeaders(['asset_tag', 'Description', 'device_name']);
    expect(result.mapping.find((m) => m.column === 'device_name')?.header).toBe('device_name');
    expect(result.unmapped).toEqual([{ header: 'Description', index: 1, looksLike: 'device_name' }]);
  });

  it('when a header is blank or repeated, then each still gets a name of its own', () => {
    const result = mapHeaders(['Asset #', '', 'Notes', 'Notes']);
    expect(result.unmapped.map((u) => u.header)).toEqual(['(column 2)', 'Notes', 'Notes (2)']);
  });

  it('when no header identifies the asset, then the file is refused with the headers it has', () => {
    const result = mapHeaders(['Mfr', 'Model', 'Serial']);
    expect(result.problem).toBe(
      'no asset tag column: the headers are "Mfr", "Model", "Serial"; name the column that identifies each asset "asset_tag" (or Asset #, Asset Tag, Equipment ID, Tag)',
    );
  });
});

describe('columns a person chooses', () => {
  it('when --map pairs are read, then each header gets its column, and "extra" keeps one as extra data', () => {
    const { choices, problem } = readChoices([
      'INV Sistema=asset_tag',
      'Notas=extra',
      ' Fabricante = Manufacturer ',
    ]);
    expect(problem).toBeNull();
    expect([...choices]).toEqual([
      ['invsistema', 'asset_tag'],
      ['notas', null],
      ['fabricante', 'manufacturer'],
    ]);
  });

  it('when a pair has no "=" or names no Vigil column, then the problem says what is wrong', () => {
    expect(readChoices(['INV Sistema']).problem).toBe(
      '--map "INV Sistema" is not "header=column", as in --map "INV Sistema=asset_tag"',
    );
    expect(readChoices(['Tag=asset']).problem).toMatch(
      /^--map "Tag=asset": asset is not a Vigil column; the columns are asset_tag, /,
    );
  });

  it('when a column is chosen for a header, then it wins over what Vigil would read, and that header stays as extra data', () => {
    const chosen = new Map([['invsistema', 'asset_tag' as const]]);
    const read = mapHeaders(['Asset #', 'INV Sistema', 'Model'], chosen);
    expect(read.problem).toBeNull();
    expect(read.mapping).toEqual([
      { header: 'INV Sistema', index: 1, column: 'asset_tag', chosen: true },
      { header: 'Model', index: 2, column: 'model' },
    ]);
    expect(read.unmapped).toEqual([{ header: 'Asset #', index: 0, looksLike: 'asset_tag' }]);
  });

  it('when a column is chosen for a header the file does not have, then the problem names it and the headers', () => {
    expect(mapHeaders(['Asset #', 'Model'], new Map([['inventar', 'asset_tag']])).problem).toBe(
      'a column was chosen for a header the file does not have ("inventar"); the headers are "Asset #", "Model"',
    );
  });
});
