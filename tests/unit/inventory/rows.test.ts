import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../../../src/inventory/columns';
import { decodeCsvBytes, readCsv } from '../../../src/inventory/csv';
import { emptyColumnWarnings } from '../../../src/inventory/empty-columns';
import { validateRows } from '../../../src/inventory/rows';
import { projectRoot } from '../../support/shared';

const today = new Date('2025-06-01T00:00:00Z');
const fixture = (name: string) => fs.readFileSync(path.join(projectRoot, 'tests/fixtures/inventory', name));

function validate(text: string) {
  const table = readCsv(text);
  const columns = mapHeaders(table.header);
  return { table, columns, ...validateRows(table.records, columns, table.header.length, today) };
}

describe('reading CSV', () => {
  it('when a file has a BOM, CRLF line ends and a quoted field across two lines, then line numbers stay physical', () => {
    const table = readCsv(decodeCsvBytes(fixture('cmms-export.csv')));
    expect(table.header[0]).toBe('Equipment ID');
    expect(table.records.map((r) => r.line)).toEqual([2, 3, 4, 5, 7, 8]);
    expect(table.records[3]!.cells[16]).toBe('Returned from repair.\nNew battery fitted.');
    expect(table.problem).toBeNull();
  });

  it('when the header uses semicolons or tabs, then that is the delimiter', () => {
    expect(readCsv(fixture('semicolon-tab.csv').toString('utf8')).records[0]!.cells[1]).toBe('Zoll');
    const tabbed = readCsv('Asset #\tMfr\nT-1\tZoll\n');
    expect(tabbed.delimiter).toBe('\t');
    expect(tabbed.records[0]!.cells).toEqual(['T-1', 'Zoll']);
  });

  it('when Excel saved the file as Windows-1252 or UTF-16, then names keep their accents', () => {
    const cp1252 = Buffer.from('asset_tag,manufacturer\nT-2,Dr\xe4gerwerk\n', 'latin1');
    expect(readCsv(decodeCsvBytes(cp1252)).records[0]!.cells[1]).toBe('Drägerwerk');
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('asset_tag\tmanufacturer\nT-2\tDrägerwerk\n', 'utf16le'),
    ]);
    expect(readCsv(decodeCsvBytes(utf16)).records[0]!.cells[1]).toBe('Drägerwerk');
  });

  it('when a Windows-1252 file holds dashes, curly quotes, ™ and €, then they are those characters, not control codes', () => {
    // What Excel on a US Windows writes for "Infusion pump – “Plum” 360™, €1,200".
    const bytes = Buffer.concat([
      Buffer.from('asset_tag,model\nT-3,Plum 360 '),
      Buffer.from([0x96, 0x20, 0x93, 0x41, 0x94, 0x99, 0x20, 0x80]),
      Buffer.from('\n'),
    ]);
    expect(readCsv(decodeCsvBytes(bytes)).records[0]!.cells[1]).toBe('Plum 360 – “A”™ €');
  });

  it('when a UTF-16 file has no byte-order mark, then it is still read as UTF-16, either byte order', () => {
    const text = 'asset_tag\tmanufacturer\nT-2\tDrägerwerk\n';
    const little = Buffer.from(text, 'utf16le');
    const big = Buffer.from(little).swap16();
    expect(readCsv(decodeCsvBytes(little)).records[0]!.cells).toEqual(['T-2', 'Drägerwerk']);
    expect(readCsv(decodeCsvBytes(big)).records[0]!.cells).toEqual(['T-2', 'Drägerwerk']);
  });

  it('when a row is blank or only separators, then it is skipped rather than taken for an asset', () => {
    expect(readCsv('asset_tag,model\nA-1,M\n\n,\n  \nA-2,N\n').records.map((r) => r.line)).toEqual([2, 6]);
  });

  it('when a quote is never closed, then the file is refused from the line where it starts', () => {
    const table = readCsv('asset_tag,model\nA-1,M\nA-2,"open\nA-3,N\n');
    expect(table.records.map((r) => r.line)).toEqual([2]);
    expect(table.problem).toMatchObject({ line: 3 });
    expect(table.problem!.message).toMatch(/never closed/);
  });

  it('when the file is empty, then it says so', () => {
    expect(readCsv('').problem?.message).toMatch(/the file is empty/);
  });
});

describe('validating rows', () => {
  it('when rows are good, then values are trimmed, normalised and the UDI split into its parts', () => {
    const { rows, errors } = validate(decodeCsvBytes(fixture('cmms-export.csv')));
    expect(errors).toEqual([]);
    expect(rows[0]).toEqual({
      line: 2,
      values: {
        assetTag: 'EQ-1001',
        manufacturer: 'Baxter',
        model: 'SIGMA Spectrum',
        catalogNumber: '35700BAX2',
        serialNumber: 'SN276735',
        udi: '(01)00085412091570(21)SN276735',
        udiIssuer: 'GS1',
        udiDi: '00085412091570',
        udiLot: null,
        udiSerial: 'SN276735',
        udiExpiry: null,
        udiManufactured: null,
        productCode: 'FRN',
        deviceName: 'Infusion Pump, Volumetric',
        department: 'ICU',
        location: 'MICU Bay 29',
        status: 'In Service',
        softwareVersion: '8.00.05',
        acquiredOn: '2019-11-25',
        extra: { Description: 'Large volume pump', 'Purchase Date': '2019-11-01', Vendor: 'Medline' },
      },
    });
    expect(rows[1]!.values).toMatchObject({
      udiDi: '00840682116855',
      udiSerial: 'TAAW63177',
      udiManufactured: '2017-12-13',
    });
    expect(rows[2]!.values).toMatchObject({
      udiIssuer: 'HIBCC',
      udiDi: 'H373VBJR060202A3',
      acquiredOn: '2015-03-03',
    });
    expect(rows[3]!.values).toMatchObject({ acquiredOn: '2020-01-01', status: 'Out of Service', udi: null });
    expect(rows[4]!.values).toMatchObject({
      udiIssuer: 'ICCBBA',
      udiDi: 'A9999XYZ100T0476',
      udiSerial: '000025',
    });
    expect(rows[5]!.values).toMatchObject({ productCode: 'FPO', extra: { Vendor: 'Stryker Service' } });
  });

  it('when rows are bad, then each error names its physical line, its column and why', () => {
    const { rows, errors } = validate(fixture('rows-with-errors.csv').toString('utf8'));
    expect(errors).toEqual([
      {
        line: 2,
        column: 'asset_tag',
        message: 'asset tag A-1 is on 2 lines (2, 10); none of them is imported',
      },
      {
        line: 3,
        column: 'udi',
        message:
          'UDI "(01)12345678901234" is not valid: GS1: (01) 12345678901234 has check digit 4, but its first 13 digits give 1',
      },
      {
        line: 4,
        column: 'product_code',
        message: '"FR1" is not an FDA product code (three letters, such as FRN)',
      },
      { line: 5, column: 'acquired_on', message: '"2019-02-30" is not a real date' },
      { line: 6, column: 'asset_tag', message: 'the asset tag is empty; every asset needs one' },
      {
        line: 9,
        column: 'udi',
        message:
          'UDI "+H373VBJR060202A3B" is not valid: HIBCC: check character of +H373VBJR060202A3B is B, but the data before it gives A',
      },
      {
        line: 11,
        column: null,
        message: 'has 9 fields but the header has 7; look for a stray comma or a missing quote',
      },
    ]);
    expect(rows.map((r) => [r.line, r.values.assetTag])).toEqual([
      [7, 'A-6'],
      [12, 'A-9'],
    ]);
  });

  it('when a row has fewer fields than the header, then it is an error, not a silent shift', () => {
    const { errors } = validate('asset_tag,manufacturer,model\nA-1,Acme\n');
    expect(errors).toEqual([
      {
        line: 2,
        column: null,
        message: 'has 2 fields but the header has 3; look for a stray comma or a missing quote',
      },
    ]);
  });

  it('when every line ends with the same empty extra fields, then they are ignored', () => {
    const { rows, errors } = validate('asset_tag,model\nA-1,M1,,\nA-2,M2,,\n');
    expect(errors).toEqual([]);
    expect(rows[0]!.values).toEqual({ assetTag: 'A-1', model: 'M1', extra: null });
  });

  it('when an unquoted comma shifts one row, then that row is an error even if the spill-over is empty', () => {
    const { rows, errors } = validate(
      'asset_tag,device_name,status,notes\nA-1,Pump, volumetric,In Service,,\nA-2,Pump,In Service,\n',
    );
    expect(errors).toEqual([
      {
        line: 2,
        column: null,
        message: 'has 6 fields but the header has 4; look for a stray comma or a missing quote',
      },
    ]);
    expect(rows.map((r) => r.values.assetTag)).toEqual(['A-2']);
  });

  it('when a column is not in the file, then the row does not mention it at all', () => {
    const { rows } = validate('Tag,Model\nA-1,M1\n');
    expect(Object.keys(rows[0]!.values).sort()).toEqual(['assetTag', 'extra', 'model']);
  });
});

describe('the order of dates, and columns left empty', () => {
  it('when day-first dates fail month first, then the file is refused naming the order, counting those it would misread', () => {
    const text = 'asset_tag,acquired_on\nA-1,25/12/2019\nA-2,03/04/2018\nA-3,14/05/2020\n';
    expect(validate(text).problem).toBe(
      'the acquired_on dates look day first, D/M/YYYY: 2 dates, such as "25/12/2019" on line 2, cannot be month first, M/D/YYYY, and the other 1 would be misread; import again with --date-format dmy',
    );
    const table = readCsv(text);
    const columns = mapHeaders(table.header);
    const dayFirst = validateRows(table.records, columns, table.header.length, today, 'dmy');
    expect(dayFirst.problem).toBeNull();
    expect(dayFirst.rows.map((r) => r.values.acquiredOn)).toEqual(['2019-12-25', '2018-04-03', '2020-05-14']);
  });

  it('when a date is simply wrong, then it is a row error and the file is not refused for its order', () => {
    const result = validate('asset_tag,acquired_on\nA-1,2/30/2019\nA-2,last spring\n');
    expect(result.problem).toBeNull();
    expect(result.errors.map((e) => e.line)).toEqual([2, 3]);
  });

  it("when a known column's header is empty and a second header for it has values, then the warning says to choose that one", () => {
    const text = 'asset_tag,Department,Dept Name,model\nA-1,,ICU,X\nA-2,,NICU,Y\n';
    const table = readCsv(text);
    expect(emptyColumnWarnings(mapHeaders(table.header), table.records)).toEqual([
      'department is empty in every row under "Department", while "Dept Name", kept as extra data, has values; to use it: --map "Dept Name=department"',
    ]);
  });
});
