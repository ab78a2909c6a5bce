import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { type RunningFakeOpenFda, startFakeOpenFda } from '../support/fake-openfda/server';
import { fixtureData, readEnvelope } from '../support/shared';
import { runVigil, startVigil, tempDir, waitFor } from '../support/vigil';

const fixtureRecalls = readEnvelope(path.join(fixtureData, 'device-recall.fixture.json')).results.length;

function rows(file: string, sql: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

let fake: RunningFakeOpenFda;
beforeAll(async () => {
  fake = await startFakeOpenFda({ dataDir: fixtureData });
});
afterAll(async () => {
  await fake.close();
});

const envFor = (db: string, extra: Record<string, string> = {}) => ({
  VIGIL_DB: db,
  OPENFDA_BASE_URL: fake.url,
  VIGIL_MAUDE_SCOPE: 'all',
  VIGIL_MAUDE_YEARS: '30',
  ...extra,
});

/**
 * A recall bulk file as openFDA packs its downloads, one deflated JSON member, holding the
 * fixture's records many times over under new numbers: big enough to be read in many pieces.
 */
async function bigRecallZip(): Promise<Buffer> {
  const { meta, results } = readEnvelope(path.join(fixtureData, 'device-recall.fixture.json'));
  const many = Array.from({ length: 40 }, (_, round) =>
    results.map((r, i) => ({
      ...r,
      product_res_number: `Z-${String(round * 100 + i).padStart(4, '0')}-2030`,
    })),
  ).flat();
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify({ meta, results: many })), 'device-recall-0001-of-0001.json');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const signature = (kind: number) => Buffer.from([0x50, 0x4b, kind, kind + 1]);

/** Writes half the true uncompressed size into the member's local header and central directory entry. */
function understateSize(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const local = out.indexOf(signature(3));
  const central = out.indexOf(signature(1));
  const half = Math.floor(out.readUInt32LE(central + 24) / 2);
  out.writeUInt32LE(half, local + 22);
  out.writeUInt32LE(half, central + 24);
  return out;
}

/** Overwrites bytes two thirds of the way into the member's compressed data. */
function corruptBytes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const local = out.indexOf(signature(3));
  const central = out.indexOf(signature(1));
  const dataStart = local + 30 + out.readUInt16LE(local + 26) + out.readUInt16LE(local + 28);
  const at = dataStart + Math.floor((out.readUInt32LE(central + 20) * 2) / 3);
  out.fill(0xff, at, at + 64);
  return out;
}

describe('vigil command line', () => {
  it('when asked for help, then every command explains itself', async () => {
    const top = await runVigil(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'sync', 'import', 'status']) {
      expect(top.stdout).toContain(command);
      const help = await runVigil([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: vigil ${command}`);
    }
  });

  it('when a setting is invalid, then it stops with one line naming the variable and what it expects', async () => {
    const result = await runVigil(['status'], {
      VIGIL_DB: path.join(tempDir(), 'v.db'),
      OPENFDA_BASE_URL: 'api.fda.gov',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'vigil: OPENFDA_BASE_URL="api.fda.gov" is not valid: expected an http(s) URL such as https://api.fda.gov; fix the environment variable and try again',
    ]);
  });

  it('when syncing from openFDA, then it reports what it did and status shows the rows', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    const sync = await runVigil(['sync'], envFor(db));
    expect(sync.code).toBe(0);
    expect(sync.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/warn enforcement: skipped record \(no key\): the record has no recall_number$/),
    ]);
    expect(sync.stdout).toMatch(
      /^recall: full sync done: 36 added, 0 updated, 0 unchanged, 0 skipped in 2 pages/m,
    );
    expect(sync.stdout).toMatch(/^enforcement: full sync done: 25 added, .* 1 skipped/m);
    const status = await runVigil(['status'], envFor(db));
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/recalls\s+36/);
    expect(status.stdout).toMatch(/recall\s+last synced \d{4}-/);
  });

  it('when openFDA cannot be reached, then sync exits non-zero with a line saying what to do', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    const result = await runVigil(['sync', '--feed', 'recall'], {
      VIGIL_DB: db,
      OPENFDA_BASE_URL: 'https://api.fda.gov',
      OPENFDA_MAX_RETRIES: '0',
    });
    expect(result.code).toBe(1);
    const last = result.stderr.trim().split('\n').at(-1);
    expect(last).toBe(
      'vigil: recall did not sync; what is stored is kept and the next run carries on (see vigil status)',
    );
    expect(result.stderr).toMatch(/could not be reached .*check the network or OPENFDA_BASE_URL/);
  });

  it('when a file to import does not exist, then it says so and exits non-zero', async () => {
    const result = await runVigil(['import', 'no-such-file.json.zip'], {
      VIGIL_DB: path.join(tempDir(), 'v.db'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no-such-file\.json\.zip does not exist/);
  });

  it.each([
    ['whose header understates the size of its member', understateSize],
    ['whose compressed bytes are corrupt', corruptBytes],
  ])(
    'when a zip %s is imported, then the import fails in one line, keeping the records read before',
    async (_, damage) => {
      const dir = tempDir();
      const file = path.join(dir, 'device-recall-0001-of-0001.json.zip');
      fs.writeFileSync(file, damage(await bigRecallZip()));
      const db = path.join(dir, 'v.db');
      const result = await runVigil(['import', file], { VIGIL_DB: db });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^device-recall-0001-of-0001\.json\.zip: import failed: .* could not be read, the file is damaged \(download it again\): .+\nvigil: 1 of 1 files did not import\n$/,
      );
      const stored = new Database(db, { readonly: true });
      expect(stored.prepare('SELECT status FROM sync_runs').all()).toEqual([{ status: 'failed' }]);
      const { n } = stored.prepare('SELECT count(*) AS n FROM recalls').get() as { n: number };
      expect(n).toBeGreaterThan(100);
      expect(n).toBeLessThan(
        40 * readEnvelope(path.join(fixtureData, 'device-recall.fixture.json')).results.length,
      );
    },
  );

  it('when the feed name is wrong, then the choices are listed', async () => {
    const result = await runVigil(['sync', '--feed', 'recalls'], { VIGIL_DB: path.join(tempDir(), 'v.db') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Allowed choices are classification, recall, enforcement, event, health-canada, fda-rss, mhra, all/,
    );
  });

  it('when a sync is killed mid-run and started again, then it ends with exactly the right rows', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    const env = envFor(db, { OPENFDA_PAGE_SIZE: '2' });
    fake.faults.inject({ kind: 'slow', delayMs: 150, endpoint: 'recall' });
    const { child, done } = startVigil(['sync', '--feed', 'recall'], env);
    await waitFor(
      () => {
        try {
          return Number(rows(db, 'SELECT max(pages) AS p FROM sync_runs')[0]?.p ?? 0) >= 4;
        } catch {
          return false; // the database is not there yet
        }
      },
      30_000,
      'four committed pages',
    );
    child.kill('SIGKILL');
    await done;
    fake.faults.clear();
    const partial = Number(rows(db, 'SELECT count(*) AS n FROM recalls')[0]!.n);
    expect(partial).toBeGreaterThanOrEqual(8);
    expect(partial).toBeLessThan(fixtureRecalls);

    const again = await runVigil(['sync', '--feed', 'recall'], env);
    expect(again.code).toBe(0);
    expect(rows(db, 'SELECT count(*) AS n, count(DISTINCT product_res_number) AS d FROM recalls')[0]).toEqual(
      {
        n: fixtureRecalls,
        d: fixtureRecalls,
      },
    );
    expect(rows(db, 'SELECT status FROM sync_runs ORDER BY id').map((r) => r.status)).toEqual([
      'interrupted',
      'succeeded',
    ]);
    expect(rows(db, "SELECT lock_token FROM sync_state WHERE feed = 'recall'")[0]!.lock_token).toBeNull();
  });
});
