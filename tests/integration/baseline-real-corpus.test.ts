import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importInventory } from '../../src/inventory/import';
import { importFiles } from '../../src/openfda/bulk/import';
import { matchAndOpenCases } from '../../src/pipeline';
import { textOf } from '../support/page-text';
import { describeWithRealData, devSetDir, openFdaData } from '../support/shared';
import { captureLog } from '../support/vigil';
import { signedIn, testWebApp } from '../support/web';

// The corpus runs to 2021: the window is its last two years.
const day = '2020-01-01';

// The first day of a team that loads the whole corpus and the 310-device dev inventory.
describeWithRealData('the first day on the real corpus and the dev inventory', () => {
  let web: ReturnType<typeof testWebApp>;
  beforeAll(async () => {
    web = testWebApp();
    const deps = { db: web.db, now: () => new Date(), log: captureLog().log };
    await importFiles(deps, [path.join(openFdaData, 'device-recall.cfres.json.zip')]);
    importInventory(deps, { file: path.join(devSetDir, 'inventory.csv') });
    await matchAndOpenCases(deps, { full: true });
  }, 300_000);
  afterAll(() => web?.close());

  it(`when the proposed baseline (terminated, or posted before ${day}) is applied, then the counts shown before match what it did, and the inbox holds only recalls open at the FDA or posted since`, async () => {
    const admin = await signedIn(web.app, web.db, 'admin');
    const open = () =>
      web.db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM recall_cases WHERE baseline_id IS NULL AND state <> 'closed'`,
      )!.n;
    const before = open();
    expect(before).toBeGreaterThan(100);
    // No case of a retired device: the dev inventory has 14.
    expect(
      web.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM recall_cases c WHERE NOT EXISTS (
          SELECT 1 FROM recall_matches m JOIN assets a ON a.asset_tag = m.asset_tag
          WHERE m.product_res_number = c.product_res_number AND lower(coalesce(a.status, '')) NOT LIKE '%retired%')`)!
        .n,
    ).toBe(0);

    // Recalls that matched only retired devices: no case, and listed for review instead.
    const goneOnly = web.db.get<{ n: number }>(sql`SELECT count(DISTINCT m.product_res_number) AS n
      FROM recall_matches m WHERE m.confidence IN ('high', 'medium')
      AND NOT EXISTS (SELECT 1 FROM recall_cases c WHERE c.product_res_number = m.product_res_number)`)!.n;
    expect(goneOnly).toBeGreaterThan(0);
    console.log(`open cases: ${before}; recalls matched only to retired devices, no case: ${goneOnly}`);
    const preview = await (await admin.get(`/baseline?before=${day}`)).text();
    const shown = (name: string) =>
      Number(new RegExp(`data-count="${name}">([\\d,]+)`).exec(preview)![1]!.replace(/,/g, ''));
    const counts = {
      open: shown('open'),
      terminated: shown('terminated'),
      before: shown('before'),
      stays: shown('stays'),
    };
    console.log(`baseline on the corpus, posted before ${day}: ${JSON.stringify(counts)}`);
    expect(counts.open).toBe(before);
    expect(counts.terminated + counts.before + counts.stays).toBe(before);

    expect((await admin.submit(`/baseline?before=${day}`, '/baseline')).status).toBe(303);
    expect(open()).toBe(counts.stays);
    // Every case left in the inbox is open at the FDA (not terminated) or was posted in the window.
    const wrong = web.db.all<{ id: string }>(sql`
        SELECT c.product_res_number AS id FROM recall_cases c
        JOIN recalls r ON r.product_res_number = c.product_res_number
        WHERE c.baseline_id IS NULL AND c.state <> 'closed'
          AND (lower(r.recall_status) LIKE 'terminated%'
            OR coalesce(r.event_date_posted, r.event_date_initiated) < ${day})`);
    expect(wrong).toEqual([]);
    const inbox = textOf(await (await admin.get('/')).text());
    expect(inbox).toContain(
      `${counts.stays.toLocaleString('en-US')} ${counts.stays === 1 ? 'recall' : 'recalls'}`,
    );
    expect(inbox).toContain(`Before Vigil: ${counts.terminated + counts.before}`);
  }, 120_000);
}, ['openfda/device-recall.cfres.json.zip', 'matching/dev/inventory.csv']);
