import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeWithRealData, projectRoot, sharedData } from '../support/shared';
import { runVigil, tempDir } from '../support/vigil';

const fixtures = path.join(projectRoot, 'tests/fixtures/inventory');
const devInventory = path.join(sharedData, 'matching/dev/inventory.csv');

function assetTags(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('SELECT asset_tag FROM assets ORDER BY asset_tag').all() as { asset_tag: string }[]
    ).map((r) => r.asset_tag);
  } finally {
    db.close();
  }
}

const freshDb = () => path.join(tempDir(), 'vigil.db');

describe('vigil inventory', () => {
  it('when asked for help, then both inventory commands explain themselves', async () => {
    const help = await runVigil(['inventory', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/import .*<file>/);
    expect(help.stdout).toMatch(/export/);
    const importHelp = await runVigil(['inventory', 'import', '--help']);
    expect(importHelp.stdout).toMatch(/--dry-run/);
    expect(importHelp.stdout).toMatch(/--good-rows-only/);
    expect(importHelp.stdout).toMatch(/--map <header=column>/);
    expect(importHelp.stdout).toMatch(/--date-format <order>.*\n?.*dmy/);
  });

  it('when one asset tag is on 20,000 lines, then it is one error with the count and the first lines, also in a dry run', async () => {
    const file = path.join(tempDir(), 'repeated.csv');
    const rows = Array.from({ length: 20_000 }, (_, i) => `BME-1,Acme,Pump ${i},FRN`);
    fs.writeFileSync(file, `asset_tag,manufacturer,model,product_code\n${rows.join('\n')}\n`);
    for (const args of [['--dry-run'], []]) {
      const db = freshDb();
      const result = await runVigil(['inventory', 'import', ...args, file], { VIGIL_DB: db });
      expect(result.code).toBe(1);
      const errors = result.stdout.split('\n').filter((line) => line.startsWith('line '));
      expect(errors).toEqual([
        'line 2, column asset_tag: asset tag BME-1 is on 20,000 lines (2, 3, 4, 5, 6 and 19,995 more); none of them is imported',
      ]);
      expect(result.stderr).toContain('20,000 rows have errors, so nothing');
      expect(assetTags(db)).toEqual([]);
    }
  });

  it('when 2,000 rows have errors, then the first 100 are listed and the rest counted', async () => {
    const file = path.join(tempDir(), 'bad-codes.csv');
    const rows = Array.from({ length: 2_000 }, (_, i) => `BME-${i},Acme,Pump,NOT-A-CODE`);
    fs.writeFileSync(file, `asset_tag,manufacturer,model,product_code\n${rows.join('\n')}\n`);
    const result = await runVigil(['inventory', 'import', '--dry-run', file], { VIGIL_DB: freshDb() });
    const listed = result.stdout.split('\n').filter((line) => line.startsWith('line '));
    expect(listed).toHaveLength(100);
    expect(listed.at(-1)).toMatch(/^line 101, column product_code:/);
    expect(result.stdout).toContain('… and 1,900 more errors after these');
    expect(result.stderr).toContain('2,000 rows have errors');
  });

  it('when a stored asset holds text a spreadsheet would run, then the CLI export makes it inert, and importing the export back changes nothing', async () => {
    const db = freshDb();
    const file = path.join(tempDir(), 'hostile.csv');
    fs.writeFileSync(
      file,
      'asset_tag,manufacturer,model,location\nBME-1,"=HYPERLINK(""http://evil.example"",""x"")",+Pump 7,@Ward 4\nBME-2,-Acme,Pump,ICU\n',
    );
    expect((await runVigil(['inventory', 'import', file], { VIGIL_DB: db })).code).toBe(0);
    const exported = await runVigil(['inventory', 'export'], { VIGIL_DB: db });
    expect(exported.code).toBe(0);
    const lines = exported.stdout.split('\n');
    expect(lines[1]).toMatch(/^BME-1,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)",'\+Pump 7,/);
    expect(lines[1]).toContain("'@Ward 4");
    expect(lines[2]).toMatch(/^BME-2,'-Acme,Pump,/);
    const back = path.join(tempDir(), 'back.csv');
    fs.writeFileSync(back, exported.stdout);
    const again = await runVigil(['inventory', 'import', back], { VIGIL_DB: db });
    expect(again.stdout).toMatch(/2 rows read: 0 added, 0 updated, 2 unchanged/);
  });

  it('when a CMMS export is imported, then the mapping used, the counts and the no-delete promise are printed', async () => {
    const db = freshDb();
    const result = await runVigil(['inventory', 'import', path.join(fixtures, 'cmms-export.csv')], {
      VIGIL_DB: db,
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('Columns (header in the file → Vigil column):');
    expect(lines).toContain('  "Equipment ID"     → asset_tag');
    expect(lines).toContain('  "S/N"              → serial_number');
    expect(lines).toContain(
      '  "Purchase Date"    → kept in the asset\'s extra data, as acquired_on already comes from another column',
    );
    expect(lines).toContain('  "Vendor"           → kept in the asset\'s extra data');
    expect(lines.slice(-3)).toEqual([
      '6 rows read: 6 added, 0 updated, 0 unchanged.',
      'An import never deletes assets; every stored asset is in this file.',
      'No recalls are stored yet to match against: run `vigil sync`, or `vigil import` with openFDA bulk files.',
    ]);
    expect(assetTags(db)).toHaveLength(6);
  });

  it('when it is a dry run, then nothing is stored', async () => {
    const db = freshDb();
    const result = await runVigil(
      ['inventory', 'import', path.join(fixtures, 'cmms-export.csv'), '--dry-run'],
      {
        VIGIL_DB: db,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Dry run, nothing written\. 6 rows read: would be 6 added/m);
    expect(assetTags(db)).toEqual([]);
  });

  it('when rows have errors, then each is printed with line and column, nothing is stored, and it exits 1', async () => {
    const db = freshDb();
    const result = await runVigil(['inventory', 'import', path.join(fixtures, 'rows-with-errors.csv')], {
      VIGIL_DB: db,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^line 3, column udi: UDI "\(01\)12345678901234" is not valid: GS1: /m);
    expect(result.stdout).toMatch(/^line 11: has 9 fields but the header has 7/m);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      'vigil: 8 rows have errors, so nothing was written; fix them and import again, or add --good-rows-only to import the 2 rows without errors',
    );
    expect(assetTags(db)).toEqual([]);

    const good = await runVigil(
      ['inventory', 'import', path.join(fixtures, 'rows-with-errors.csv'), '--good-rows-only'],
      { VIGIL_DB: db },
    );
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(
      /^10 rows read: 2 added, 0 updated, 0 unchanged; 8 rows with errors not imported\.$/m,
    );
    expect(assetTags(db)).toEqual(['A-6', 'A-9']);
  });

  it('when the one bad row of the contract check is imported, then the message names its line', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'bad.csv'),
      'asset_tag,manufacturer,model,udi\nX-1,Acme,M1,(01)12345678901234\n',
    );
    // A relative path is read from where the user typed it (npm run passes that as INIT_CWD).
    const result = await runVigil(['inventory', 'import', 'bad.csv'], { VIGIL_DB: freshDb(), INIT_CWD: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^line 2, column udi: .*check digit 4, but its first 13 digits give 1$/m);
  });

  it('when the file has no asset tag column or does not exist, then one line says what to do', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'no-tag.csv'), 'Mfr,Model\nAcme,M1\n');
    const noTag = await runVigil(['inventory', 'import', path.join(dir, 'no-tag.csv')], {
      VIGIL_DB: freshDb(),
    });
    expect(noTag.code).toBe(1);
    expect(noTag.stderr.trim()).toMatch(
      /^vigil: nothing was imported: line 1: no asset tag column: the headers are/,
    );
    const missing = await runVigil(['inventory', 'import', path.join(dir, 'nope.csv')], {
      VIGIL_DB: freshDb(),
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv does not exist/);
  });

  describe('an export whose headers and dates Vigil does not know', () => {
    const european = path.join(fixtures, 'european-export.csv');
    const columns = [
      'INV Sistema=asset_tag',
      'Fabricante=manufacturer',
      'Modelo=model',
      'Fecha alta=acquired_on',
    ];
    const maps = columns.flatMap((c) => ['--map', c]);
    const acquired = (file: string) => {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return db.prepare('SELECT asset_tag, acquired_on FROM assets ORDER BY asset_tag').all();
      } finally {
        db.close();
      }
    };

    it('when no header is the asset tag, then the refusal says how to choose one with --map', async () => {
      const result = await runVigil(['inventory', 'import', european], { VIGIL_DB: freshDb() });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('no asset tag column');
      expect(result.stderr).toContain('--map "INV Sistema=asset_tag"');
    });

    it('when the columns are chosen but the dates are day-first, then the refusal names --date-format dmy and nothing is stored', async () => {
      const db = freshDb();
      const result = await runVigil(['inventory', 'import', european, ...maps], { VIGIL_DB: db });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('  "INV Sistema" → asset_tag (as chosen)');
      expect(result.stderr.trim()).toBe(
        'vigil: nothing was imported: the Fecha alta dates look day first, D/M/YYYY: 4 dates, such as "25.12.2019" on line 2, cannot be month first, M/D/YYYY; import again with --date-format dmy',
      );
      expect(assetTags(db)).toEqual([]);
    });

    it('when the columns and the date order are given, then the rows import with their dates, and the summary warns of columns left empty', async () => {
      const db = freshDb();
      const result = await runVigil(['inventory', 'import', european, ...maps, '--date-format', 'dmy'], {
        VIGIL_DB: db,
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        'warning: no header is serial_number, device_name, department or status, so they stay empty; the headers kept as extra data are "Nr seryjny", "Servicio", "Estado": if one of them is one of these, choose it, as in --map "Nr seryjny=serial_number"',
      );
      expect(acquired(db)).toEqual([
        { asset_tag: 'PL-0001', acquired_on: '2019-12-25' },
        { asset_tag: 'PL-0002', acquired_on: '2018-04-03' },
        { asset_tag: 'PL-0003', acquired_on: '2015-09-17' },
        { asset_tag: 'PL-0004', acquired_on: '2021-02-01' },
      ]);
    });

    it('when --map names a column Vigil does not have, or a header the file does not have, then it says which', async () => {
      const badColumn = await runVigil(['inventory', 'import', european, '--map', 'INV Sistema=asset_tg'], {
        VIGIL_DB: freshDb(),
      });
      expect(badColumn.code).toBe(1);
      expect(badColumn.stderr).toMatch(
        /asset_tg is not a Vigil column; the columns are asset_tag, manufacturer/,
      );
      const badHeader = await runVigil(['inventory', 'import', european, '--map', 'Inventar=asset_tag'], {
        VIGIL_DB: freshDb(),
      });
      expect(badHeader.code).toBe(1);
      expect(badHeader.stderr).toContain(
        'a column was chosen for a header the file does not have ("inventar")',
      );
    });
  });

  it('when the inventory is exported, then it goes to stdout or a file and imports back unchanged', async () => {
    const db = freshDb();
    await runVigil(['inventory', 'import', path.join(fixtures, 'cmms-export.csv')], { VIGIL_DB: db });
    const out = await runVigil(['inventory', 'export'], { VIGIL_DB: db });
    expect(out.code).toBe(0);
    expect(out.stdout.split('\n')[0]).toMatch(
      /^asset_tag,manufacturer,model,catalog_number,serial_number,udi,/,
    );
    expect(out.stdout.trim().split('\n')).toHaveLength(8); // header, 6 assets, one of them on two lines

    const dir = tempDir();
    const toFile = await runVigil(['inventory', 'export', '--format', 'csv', '--output', 'inventory.csv'], {
      VIGIL_DB: db,
      INIT_CWD: dir,
    });
    expect(toFile.stdout.trim()).toBe(`6 assets written to ${path.join(dir, 'inventory.csv')}`);
    expect(fs.readFileSync(path.join(dir, 'inventory.csv'), 'utf8')).toBe(out.stdout);

    const again = await runVigil(['inventory', 'import', path.join(dir, 'inventory.csv')], { VIGIL_DB: db });
    expect(again.stdout).toMatch(/^6 rows read: 0 added, 0 updated, 6 unchanged\.$/m);
  });

  it('when another export format is asked for, then the choices are listed', async () => {
    const result = await runVigil(['inventory', 'export', '--format', 'json'], { VIGIL_DB: freshDb() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Allowed choices are csv/);
  });
});

describeWithRealData('vigil inventory on the dev evaluation set', () => {
  it('when the dev inventory is imported, then a dry run stores nothing and the import stores 310 assets', async () => {
    const db = freshDb();
    const dry = await runVigil(['inventory', 'import', devInventory, '--dry-run'], { VIGIL_DB: db });
    expect(dry.code).toBe(0);
    expect(assetTags(db)).toEqual([]);
    const result = await runVigil(['inventory', 'import', devInventory], { VIGIL_DB: db });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^310 rows read: 310 added, 0 updated, 0 unchanged\.$/m);
    expect(assetTags(db)).toHaveLength(310);
  });
}, ['matching/dev/inventory.csv']);
