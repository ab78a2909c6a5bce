import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { importInventory } from '../../src/inventory/import';
import { importFiles } from '../../src/openfda/bulk/import';
import { matchAndOpenCases } from '../../src/pipeline';
import { projectRoot } from '../support/shared';
import { captureLog, runVigil, tempDir } from '../support/vigil';

const fixtures = path.join(projectRoot, 'tests/fixtures/matching');
const fixture = (name: string) => path.join(fixtures, name);

type Exported = {
  asset_tag: string;
  product_res_number: string;
  score: number;
  confidence: string;
  status: string;
  lot_status: string;
  reasons: string[];
};

/**
 * A database file with the fixture inventory and first recalls matched, built with the same
 * services the CLI calls (quicker than three more processes), and closed for the CLI to open.
 */
async function matchedDb(): Promise<string> {
  const file = path.join(tempDir(), 'vigil.db');
  const db = openDatabase(file);
  const deps = { db, now: () => new Date(), log: captureLog().log };
  try {
    importInventory(deps, { file: fixture('inventory.csv') });
    await importFiles(deps, [fixture('recalls.json')]);
    await matchAndOpenCases(deps);
  } finally {
    closeDatabase(db);
  }
  return file;
}

function decisions(file: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM match_decisions ORDER BY asset_tag').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function matchesJson(file: string, ...args: string[]): Promise<Exported[]> {
  const result = await runVigil(['matches', '--format', 'json', ...args], { VIGIL_DB: file });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

const pairOf = (row: Exported) => `${row.asset_tag} ${row.product_res_number}`;

/** The last line a failed command wrote. */
const lastLine = (text: string) => text.trim().split('\n').at(-1);

describe('vigil match, matches, confirm and dismiss', () => {
  it('when asked for help, then each matching command explains itself', async () => {
    const match = await runVigil(['match', '--help']);
    expect(match.code).toBe(0);
    expect(match.stdout).toMatch(/^Usage: vigil match \[options\]/);
    expect(match.stdout).toMatch(/--full\s+redo every recall against every asset/);

    const matches = await runVigil(['matches', '--help']);
    expect(matches.code).toBe(0);
    expect(matches.stdout).toMatch(/^Usage: vigil matches \[options\]/);
    expect(matches.stdout).toMatch(/--format <format>[\s\S]*"csv", "json"/);
    expect(matches.stdout).toMatch(/--min-confidence <level>[\s\S]*"low", "medium", "high"/);

    for (const command of ['confirm', 'dismiss']) {
      const help = await runVigil([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(
        new RegExp(`^Usage: vigil ${command} \\[options\\] <asset_tag> <product_res_number>`),
      );
      expect(help.stdout).toMatch(/--by <name>\s+who decided/);
      expect(help.stdout).toMatch(/--note <text>/);
    }
  });

  it('when recalls are imported before any inventory, then it says the inventory is what is missing', async () => {
    const env = { VIGIL_DB: path.join(tempDir(), 'vigil.db') };
    const recalls = await runVigil(['import', fixture('recalls.json')], env);
    expect(recalls.code).toBe(0);
    expect(lastLine(recalls.stdout)).toBe(
      'No assets are in the inventory yet to match recalls to: run `vigil inventory import <file.csv>`.',
    );
  });

  it('when the inventory and then recalls are imported, then each import says what matching found, and vigil match says what it matched', async () => {
    const env = { VIGIL_DB: path.join(tempDir(), 'vigil.db') };
    const inventory = await runVigil(['inventory', 'import', fixture('inventory.csv')], env);
    expect(inventory.code).toBe(0);
    expect(inventory.stdout).toMatch(/^12 rows read: 12 added, 0 updated, 0 unchanged\.$/m);

    const recalls = await runVigil(['import', fixture('recalls.json')], env);
    expect(recalls.code).toBe(0);
    expect(recalls.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^recalls\.json: 9 recall records: 9 added, 0 updated, 0 unchanged, 0 skipped/),
      expect.stringMatching(
        /^matched 9 new or changed recalls and 0 new or changed assets: 8 high, 1 medium and 1 low confidence suggestions, \d+\.\d s$/,
      ),
    ]);

    const again = await runVigil(['match'], env);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toMatch(
      /^matched 0 new or changed recalls and 0 new or changed assets: 0 high, 0 medium and 0 low confidence suggestions/,
    );
    const full = await runVigil(['match', '--full'], env);
    expect(full.code).toBe(0);
    expect(full.stdout.trim()).toMatch(
      /^matched every recall \(9\) against every asset \(12\): 8 high, 1 medium and 1 low confidence suggestions, \d+\.\d s$/,
    );

    const later = await runVigil(['import', fixture('recalls-later.json')], env);
    expect(later.code).toBe(0);
    expect(lastLine(later.stdout)).toMatch(
      /^matched 2 new or changed recalls and 0 new or changed assets: 1 high, 1 medium and 0 low confidence suggestions/,
    );
  });

  it('when matches are exported, then the CSV and the JSON list the same pairs, best first, with their reasons', async () => {
    const file = await matchedDb();
    const csv = await runVigil(['matches'], { VIGIL_DB: file });
    expect(csv.code).toBe(0);
    const [header] = csv.stdout.split('\n');
    expect(header).toBe('asset_tag,product_res_number,score,confidence,status,lot_status,reasons');
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    const json = await matchesJson(file);

    expect(rows).toHaveLength(10);
    expect(rows).toEqual(json.map((r) => ({ ...r, score: String(r.score), reasons: r.reasons.join('; ') })));
    const scores = json.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(json.find((r) => pairOf(r) === 'BME-1001 Z-2101-2024')).toMatchObject({
      confidence: 'high',
      status: 'suggested',
      lot_status: 'affected',
      reasons: expect.arrayContaining(['firm: bd = carefusion (bd family, by alias)']),
    });
    expect(json.find((r) => pairOf(r) === 'BME-1005 Z-2103-2024')).toMatchObject({
      lot_status: 'not_affected',
      reasons: expect.arrayContaining([
        'serial DE71200250 is not among the serial numbers listed ("Serial numbers DE71200100 through DE71200199")',
      ]),
    });
  });

  it('when a minimum confidence is asked for, then suggestions below it are left out', async () => {
    const file = await matchedDb();
    const confidences = async (level: string) =>
      (await matchesJson(file, '--min-confidence', level)).map((r) => r.confidence);
    expect(await confidences('high')).toEqual(Array(8).fill('high'));
    expect(await confidences('medium')).toEqual([...Array(8).fill('high'), 'medium']);
    expect(await confidences('low')).toEqual([...Array(8).fill('high'), 'medium', 'low']);
  });

  it('when the format or the confidence is not one Vigil knows, then it exits non-zero and names the choices', async () => {
    const env = { VIGIL_DB: path.join(tempDir(), 'vigil.db') };
    const level = await runVigil(['matches', '--min-confidence', 'certain'], env);
    expect(level.code).not.toBe(0);
    expect(level.stdout).toBe('');
    expect(level.stderr.split('\n')[0]).toBe(
      "error: option '--min-confidence <level>' argument 'certain' is invalid. Allowed choices are low, medium, high.",
    );
    const format = await runVigil(['matches', '--format', 'xlsx'], env);
    expect(format.code).not.toBe(0);
    expect(format.stdout).toBe('');
    expect(format.stderr.split('\n')[0]).toBe(
      "error: option '--format <format>' argument 'xlsx' is invalid. Allowed choices are csv, json.",
    );
  });

  it('when a person confirms and dismisses pairs, then vigil matches shows it, and a full match keeps both decisions', async () => {
    const file = await matchedDb();
    const env = { VIGIL_DB: file };
    // A low suggestion confirmed is listed whatever the minimum confidence asked for.
    const confirm = await runVigil(
      ['confirm', 'BME-1012', 'Z-2109-2024', '--by', 'J. Rivera', '--note', 'our B450s use this stand'],
      env,
    );
    expect(confirm.code).toBe(0);
    expect(confirm.stdout).toBe('BME-1012 / Z-2109-2024: confirmed by J. Rivera\n');
    const unsaid = await runVigil(['dismiss', 'BME-1005', 'Z-2103-2024', '--by', 'J. Rivera'], env);
    expect(unsaid.code).toBe(1);
    expect(unsaid.stderr.trim()).toMatch(
      /^vigil: say why the recall does not apply: different model, .* \(--reason, --note\)$/,
    );
    const wrong = await runVigil(
      ['dismiss', 'BME-1005', 'Z-2103-2024', '--by', 'J. Rivera', '--reason', 'mine'],
      env,
    );
    expect(wrong.stderr.trim()).toMatch(
      /^vigil: --reason mine is not one of different-model, different-lot-serial, /,
    );
    const dismiss = await runVigil(
      ['dismiss', 'BME-1005', 'Z-2103-2024', '--by', 'J. Rivera', '--reason', 'different-model'],
      env,
    );
    expect(dismiss.code).toBe(0);
    expect(dismiss.stdout).toBe('BME-1005 / Z-2103-2024: dismissed by J. Rivera\n');

    expect(await runVigil(['match', '--full'], env)).toMatchObject({ code: 0 });
    const high = await matchesJson(file, '--min-confidence', 'high');
    expect(high.find((r) => pairOf(r) === 'BME-1012 Z-2109-2024')).toMatchObject({
      confidence: 'low',
      status: 'confirmed',
    });
    expect(high.map(pairOf)).not.toContain('BME-1005 Z-2103-2024');
    expect(high.filter((r) => r.status === 'confirmed')).toHaveLength(1);
    expect(high.map(pairOf)).toContain('BME-1004 Z-2103-2024'); // the other monitor stays
    expect(decisions(file)).toMatchObject([
      {
        asset_tag: 'BME-1005',
        decision: 'dismissed',
        decided_by: 'J. Rivera',
        note: null,
        reason: 'different_model',
      },
      {
        asset_tag: 'BME-1012',
        decision: 'confirmed',
        decided_by: 'J. Rivera',
        note: 'our B450s use this stand',
      },
    ]);
  });

  it('when a confirmation crosses two firm names the alias table does not know, then it says what it learned and later matches use it', async () => {
    const file = await matchedDb();
    const env = { VIGIL_DB: file };
    const confirm = await runVigil(['confirm', 'BME-1010', 'Z-2108-2024', '--by', 'J. Rivera'], env);
    expect(confirm.code).toBe(0);
    expect(confirm.stdout.trim().split('\n')).toEqual([
      'BME-1010 / Z-2108-2024: confirmed by J. Rivera',
      'learned that natus = excel are one firm family',
    ]);
    expect((await runVigil(['import', fixture('recalls-later.json')], env)).code).toBe(0);
    const later = (await matchesJson(file)).find((r) => pairOf(r) === 'BME-1011 Z-2111-2024');
    expect(later).toMatchObject({
      confidence: 'high',
      reasons: expect.arrayContaining(['firm: natus = excel (excel family, by alias)']),
    });
  });

  it('when the pair is unknown or no one is named, then nothing is recorded and one line says what to do', async () => {
    const file = await matchedDb();
    const env = { VIGIL_DB: file };
    const noAsset = await runVigil(['confirm', 'BME-9999', 'Z-2101-2024', '--by', 'J. Rivera'], env);
    expect(noAsset).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'vigil: there is no asset BME-9999; check the asset tag and recall number\n',
    });
    const noRecall = await runVigil(['dismiss', 'BME-1001', 'Z-0001-2024', '--by', 'J. Rivera'], env);
    expect(noRecall).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'vigil: there is no recall Z-0001-2024; check the asset tag and recall number\n',
    });
    const nobody = await runVigil(['confirm', 'BME-1001', 'Z-2101-2024'], env);
    expect(nobody.code).toBe(1);
    expect(nobody.stdout).toBe('');
    expect(nobody.stderr.split('\n')[0]).toBe("error: required option '--by <name>' not specified");
    expect(decisions(file)).toEqual([]);
  });
});

describe('output read by a program that stops early', () => {
  it.each(['matches', 'matches --format json', 'inventory export', 'status', '--help'])(
    'when `vigil %s` is piped into a reader that has gone, then it ends quietly',
    async (command) => {
      const file = await matchedDb();
      // `true` exits at once, long before the command has started and written anything.
      const child = spawn(
        'bash',
        [
          '-c',
          `node --import tsx --import ./tests/support/deny-network.ts src/cli.ts ${command} | true; echo "exit ${'$'}{PIPESTATUS[0]}" >&2`,
        ],
        { cwd: projectRoot, env: { ...process.env, VIGIL_DB: file, INIT_CWD: projectRoot } },
      );
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      await new Promise((done) => child.on('close', done));
      expect(stderr).toBe('exit 0\n');
    },
  );
});
