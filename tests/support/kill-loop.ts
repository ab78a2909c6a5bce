import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runVigil, startVigil } from './commands';

/**
 * Faults as they come: a command killed (SIGKILL, nothing runs after it) at a random moment, then
 * run again, as a person or cron would. What is stored afterwards must equal what a run with no
 * kill stored: the records, the inventory, and the match suggestions and cases drawn from them.
 */

/** What a run stores that people rely on, without the times it was stored at. */
const storedQueries = {
  recalls: 'SELECT product_res_number, raw FROM recalls ORDER BY 1',
  enforcement: 'SELECT recall_number, raw FROM enforcement_reports ORDER BY 1',
  assets: `SELECT asset_tag, manufacturer, model, catalog_number, serial_number, udi, udi_di, udi_lot,
    udi_serial, product_code, device_name, department, location, status, software_version, acquired_on, extra
    FROM assets ORDER BY 1`,
  suggestions: `SELECT asset_tag, product_res_number, score, confidence, reasons, lot_status
    FROM recall_matches ORDER BY 1, 2`,
  cases: 'SELECT product_res_number, state FROM recall_cases ORDER BY 1',
  notMatched: 'SELECT kind, key FROM match_pending ORDER BY 1, 2',
  running: "SELECT feed, mode FROM sync_runs WHERE status = 'running'",
  notices: `SELECT notice_key, source, firm, product, models, lots, udi_dis, notice_date, page_read_at IS NOT NULL AS read
    FROM early_notices ORDER BY 1`,
  links:
    'SELECT notice_key, product_res_number, state, merged_at IS NOT NULL AS folded FROM notice_links ORDER BY 1, 2',
};

export type Stored = Record<keyof typeof storedQueries, unknown[]>;

export function readStored(file: string): Stored {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      Object.entries(storedQueries).map(([name, sql]) => [name, db.prepare(sql).all()]),
    ) as Stored;
  } finally {
    db.close();
  }
}

/** A small seeded generator, so that a failing trial can be run again as it was. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

export type Step = string[];

/** Runs each step to its end on a new database in `dir`; returns the file and how long each step took. */
export async function cleanRun(
  steps: Step[],
  env: Record<string, string>,
  dir: string,
): Promise<{ file: string; stepMs: number[] }> {
  const file = path.join(dir, 'vigil.db');
  const stepMs: number[] = [];
  for (const step of steps) {
    const started = Date.now();
    await mustSucceed(step, { ...env, VIGIL_DB: file });
    stepMs.push(Date.now() - started);
  }
  return { file, stepMs };
}

/**
 * Runs each step on a new database in `dir`, kills it at a random moment of the time the step
 * took in the clean run (`stepMs`), if it has not finished by then, and runs it again to its
 * end. Returns the file and what was killed when.
 */
export async function killedRun(
  steps: Step[],
  env: Record<string, string>,
  random: () => number,
  stepMs: number[],
  dir: string,
): Promise<{ file: string; kills: string[] }> {
  const file = path.join(dir, 'vigil.db');
  const kills: string[] = [];
  for (const [i, step] of steps.entries()) {
    const wait = Math.floor(random() * (stepMs[i] ?? 1000));
    const started = startVigil(step, { ...env, VIGIL_DB: file });
    const finished = await Promise.race([
      started.done.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), wait)),
    ]);
    if (!finished) {
      started.child.kill('SIGKILL');
      await started.done;
      kills.push(`${step.map((arg) => path.basename(arg)).join(' ')} after ${wait} ms`);
    }
    await mustSucceed(step, { ...env, VIGIL_DB: file });
  }
  return { file, kills };
}

async function mustSucceed(step: Step, env: Record<string, string>) {
  const result = await runVigil(step, env);
  if (result.code !== 0)
    throw new Error(
      `vigil ${step.join(' ')} failed (${result.code}):${os.EOL}${result.stderr}${result.stdout}`,
    );
}
