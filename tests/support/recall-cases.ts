import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { enforcementReports } from '../../src/db/schema';
import { importInventory } from '../../src/inventory/import';
import { importFiles } from '../../src/openfda/bulk/import';
import { matchAndOpenCases } from '../../src/pipeline';
import { projectRoot } from './shared';
import { captureLog } from './vigil';

const fixtures = path.join(projectRoot, 'tests/fixtures/matching');

/** The recalls of recalls.json that open a case (a high or medium suggestion, see its README). */
export const firstCases = [
  'Z-2101-2024',
  'Z-2102-2024',
  'Z-2103-2024',
  'Z-2104-2024',
  'Z-2105-2024',
  'Z-2106-2024',
  'Z-2108-2024',
];

/**
 * Cases opened the way the product opens them: the fixture inventory and recalls imported, then
 * matched. `file` picks the recalls; call again with recalls-later.json for later cases.
 */
export async function openCasesFrom(db: Db, now: () => Date, file = 'recalls.json', inventory = true) {
  const deps = { db, now, log: captureLog().log };
  if (inventory)
    importInventory(deps, { text: fs.readFileSync(path.join(fixtures, 'inventory.csv'), 'utf8') });
  const [result] = await importFiles(deps, [path.join(fixtures, file)]);
  if (result?.status !== 'succeeded') throw new Error(`importing ${file} failed`);
  await matchAndOpenCases(deps);
}

/** The Enforcement Report entry that gives a recall its class. */
export function classify(db: Db, recallNumber: string, classification: string) {
  const at = new Date().toISOString();
  db.insert(enforcementReports)
    .values({ recallNumber, classification, raw: '{}', firstSeenAt: at, updatedAt: at })
    .run();
}

/** Puts other text in a stored recall, as the FDA might send it. */
export function rewriteRecall(
  db: Db,
  productResNumber: string,
  text: { firm?: string; description?: string; reason?: string },
) {
  db.run(sql`UPDATE recalls SET
    recalling_firm = coalesce(${text.firm ?? null}, recalling_firm),
    raw = json_set(raw,
      '$.product_description', coalesce(${text.description ?? null}, json_extract(raw, '$.product_description')),
      '$.reason_for_recall', coalesce(${text.reason ?? null}, json_extract(raw, '$.reason_for_recall')))
    WHERE product_res_number = ${productResNumber}`);
}
