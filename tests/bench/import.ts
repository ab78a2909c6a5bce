/** Bench child: imports the bulk files given on the command line into a fresh database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { quietLogger } from '../../src/log';
import { importFiles } from '../../src/openfda/bulk/import';
import { report } from './measure';

const files = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
const db = openDatabase(path.join(dir, 'vigil.db'));
const started = performance.now();
const results = await importFiles({ db, now: () => new Date(), log: quietLogger() }, files);
const failed = results.find((r) => r.status !== 'succeeded');
if (failed) throw new Error(`import failed: ${failed.error}`);
const records = results.reduce((n, r) => n + r.records, 0);
report(records, started);
closeDatabase(db);
fs.rmSync(dir, { recursive: true, force: true });
