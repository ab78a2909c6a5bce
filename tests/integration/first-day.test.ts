import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assets, auditLog, baselines, evidenceFiles, recallCases } from '../../src/db/schema';
import { importInventory } from '../../src/inventory/import';
import { runDigest } from '../../src/notify/send';
import { importFiles } from '../../src/openfda/bulk/import';
import { matchAndOpenCases } from '../../src/pipeline';
import { browserFields, formsOf } from '../support/forms';
import { textOf } from '../support/page-text';
import { projectRoot, readEnvelope } from '../support/shared';
import { captureLog, tempDir } from '../support/vigil';
import { signedIn, testWebApp } from '../support/web';

const fixtures = path.join(projectRoot, 'tests/fixtures/matching');
const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';

let web: ReturnType<typeof testWebApp>;
beforeEach(() => {
  web = testWebApp();
});
afterEach(() => web.close());

type Recall = Record<string, unknown>;

/**
 * The matching fixtures loaded and matched. Z-2103-2024 is terminated at the FDA and Z-2108-2024
 * completed unless `edit` says otherwise; enforcement reports give every recall Class II unless
 * `enforcement` is false.
 */
async function load(
  options: {
    edit?: (recalls: Recall[]) => void;
    inventory?: (csv: string) => string;
    enforcement?: boolean;
  } = {},
) {
  const deps = { db: web.db, now: () => new Date(), log: captureLog().log };
  const csv = fs.readFileSync(path.join(fixtures, 'inventory.csv'), 'utf8');
  importInventory(deps, { text: options.inventory ? options.inventory(csv) : csv });
  const dir = tempDir();
  const envelope = readEnvelope(path.join(fixtures, 'recalls.json'));
  const results = envelope.results as Recall[];
  for (const r of results) {
    if (r.product_res_number === 'Z-2103-2024')
      Object.assign(r, { recall_status: 'Terminated', event_date_terminated: '2024-09-01' });
    if (r.product_res_number === 'Z-2108-2024') r.recall_status = 'Completed';
  }
  options.edit?.(results);
  fs.writeFileSync(path.join(dir, 'recalls.json'), JSON.stringify(envelope));
  const files = [path.join(dir, 'recalls.json')];
  if (options.enforcement !== false) {
    fs.writeFileSync(
      path.join(dir, 'enforcement.json'),
      JSON.stringify({
        meta: { results: { total: results.length } },
        results: results.map((r) => ({
          recall_number: r.product_res_number,
          classification: 'Class II',
          product_type: 'Devices',
          status: 'Ongoing',
          recalling_firm: 'Fixture firm',
          report_date: '20240601',
        })),
      }),
    );
    files.push(path.join(dir, 'enforcement.json'));
  }
  await importFiles(deps, files);
  await matchAndOpenCases(deps, {});
}

const text = async (res: Response | Promise<Response>) => (await res).text();
const listed = (html: string) =>
  [...html.matchAll(/<a href="\/recalls\/(Z-\d{4}-\d{4})">/g)].map((m) => m[1]);
const counted = (html: string, name: string) =>
  Number(new RegExp(`data-count="${name}">([\\d,]+)`).exec(html)?.[1]?.replace(/,/g, '') ?? Number.NaN);
const caseNumbers = () =>
  web.db
    .select({ id: recallCases.productResNumber, baseline: recallCases.baselineId })
    .from(recallCases)
    .orderBy(recallCases.productResNumber)
    .all();

/** The digest as it would go out now, composed from the database and sent nowhere. */
const digestNow = () =>
  runDigest({
    db: web.db,
    now: () => new Date(),
    log: captureLog().log,
    publicUrl: 'http://vigil.test',
    dueDays: { I: 2, II: 7, III: 30, unclassified: 7 },
    from: 'vigil@vigil.test',
    to: ['biomed@vigil.test'],
    sender: null,
  });

describe('the baseline', () => {
  it('when an admin previews a baseline, then it counts what it will file before anything changes; applying files those cases as history, audited, and undo puts them back', async () => {
    await load();
    const before = caseNumbers();
    expect(before.map((c) => c.id)).toEqual([
      'Z-2101-2024',
      'Z-2102-2024',
      'Z-2103-2024',
      'Z-2104-2024',
      'Z-2105-2024',
      'Z-2106-2024',
      'Z-2108-2024',
    ]);
    const admin = await signedIn(web.app, web.db, 'admin');
    // Before any baseline, the admin's inbox proposes one.
    expect(textOf(await text(admin.get('/')))).toContain('1 open case is a recall the FDA has terminated');

    const preview = await text(admin.get('/baseline?before=2024-03-10'));
    // Z-2103 is terminated; Z-2101 and Z-2102 were posted before 10 March 2024.
    expect([counted(preview, 'open'), counted(preview, 'terminated'), counted(preview, 'before')]).toEqual([
      7, 1, 2,
    ]);
    expect(counted(preview, 'stays')).toBe(4);
    expect(textOf(preview)).toContain('3 open at the FDA, 1 completed at the FDA and recent');
    // Counting wrote nothing.
    expect(caseNumbers()).toEqual(before);
    expect(web.db.select().from(baselines).all()).toEqual([]);

    const applied = await admin.submit('/baseline?before=2024-03-10', '/baseline');
    expect(applied.status).toBe(303);
    const filed = caseNumbers()
      .filter((c) => c.baseline !== null)
      .map((c) => c.id);
    expect(filed).toEqual(['Z-2101-2024', 'Z-2102-2024', 'Z-2103-2024']);
    const inbox = await text(admin.get('/'));
    expect(listed(inbox).sort()).toEqual(['Z-2104-2024', 'Z-2105-2024', 'Z-2106-2024', 'Z-2108-2024']);
    expect(textOf(inbox)).toContain('Before Vigil: 3');
    expect(inbox).not.toContain('id="baseline-proposal"');
    const history = await text(admin.get('/?state=history'));
    expect(listed(history).sort()).toEqual(filed);
    // History stays visible on the recall and asset pages.
    expect(textOf(await text(admin.get('/recalls/Z-2101-2024')))).toContain(
      'Before Vigil filed as history by a baseline',
    );
    // The first digest tells of the cases left as work, not of those filed as history.
    const digest = await digestNow();
    expect(digest.status === 'composed' && digest.digest.opened).toBe(4);
    const entry = web.db.select().from(auditLog).where(eq(auditLog.action, 'baseline.applied')).get()!;
    expect(entry.after).toEqual({ postedBefore: '2024-03-10', cases: 3 });
    expect(entry.actor).toBe('admin-user');

    const undone = await admin.submit('/baseline', '/baseline/1/undo');
    expect(undone.status).toBe(303);
    expect(caseNumbers()).toEqual(before);
    expect(listed(await text(admin.get('/'))).length).toBe(7);
    expect(web.db.select().from(auditLog).where(eq(auditLog.action, 'baseline.undone')).get()!.after).toEqual(
      {
        returned: 3,
      },
    );
    expect(textOf(await text(admin.get('/baseline')))).toContain('Undone');
  });

  it('when the day is left empty, as a browser sends it, then only recalls the FDA terminated are filed', async () => {
    await load();
    const admin = await signedIn(web.app, web.db, 'admin');
    const res = await admin.submit('/baseline?before=', '/baseline', { before: '' });
    expect(res.status).toBe(303);
    expect(
      caseNumbers()
        .filter((c) => c.baseline !== null)
        .map((c) => c.id),
    ).toEqual(['Z-2103-2024']);
    expect(web.db.select().from(baselines).get()!.postedBefore).toBeNull();
  });

  it('when the day is not a date, then the screen says why with 422 and nothing is filed', async () => {
    await load();
    const admin = await signedIn(web.app, web.db, 'admin');
    const shown = await admin.get('/baseline?before=2024-13-45');
    expect(shown.status).toBe(422);
    expect(textOf(await shown.text())).toContain('2024-13-45 is not a date');
    const posted = await admin.submit('/baseline', '/baseline', { before: '31/12/2024' });
    expect(posted.status).toBe(422);
    const html = await posted.text();
    expect(textOf(html)).toContain('The day is not a date');
    expect(html).toContain('value="31/12/2024"');
    const hostileDay = await admin.get(`/baseline?before=${encodeURIComponent(hostile)}`);
    expect(await hostileDay.text()).not.toContain('<script>alert(1)');
    expect(web.db.select().from(baselines).all()).toEqual([]);
  });

  it('when a technician or a viewer asks for the baseline, then they are refused and the inbox proposes none to them', async () => {
    await load();
    for (const role of ['technician', 'viewer'] as const) {
      const person = await signedIn(web.app, web.db, role);
      expect((await person.get('/baseline')).status).toBe(403);
      expect((await person.post('/baseline', { before: '' })).status).toBe(403);
      expect((await person.post('/baseline/1/undo')).status).toBe(403);
      expect(await text(person.get('/'))).not.toContain('id="baseline-proposal"');
    }
    expect(web.db.select().from(baselines).all()).toEqual([]);
  });
});

describe('the FDA status on the inbox and All recalls', () => {
  it('when recalls stand differently at the FDA, then the inbox shows it, filters by it, and a terminated recall still open here says so', async () => {
    await load({
      edit: (rs) => {
        for (const r of rs)
          if (r.product_res_number === 'Z-2104-2024') r.product_description = `Pump ${hostile}`;
      },
    });
    const tech = await signedIn(web.app, web.db, 'technician');
    const inbox = await text(tech.get('/'));
    expect(inbox).toContain('<th scope="col">At the FDA</th>');
    expect(textOf(inbox)).toContain('Terminated 2024-09-01 Terminated at the FDA, still open here');
    expect(inbox).not.toContain('<script>alert(1)');
    expect(listed(await text(tech.get('/?fda=terminated')))).toEqual(['Z-2103-2024']);
    expect(listed(await text(tech.get('/?fda=completed')))).toEqual(['Z-2108-2024']);
    const open = caseNumbers()
      .map((c) => c.id)
      .filter((id) => id !== 'Z-2103-2024' && id !== 'Z-2108-2024');
    expect(listed(await text(tech.get('/?fda=open'))).sort()).toEqual(open);
    expect(await text(tech.get('/'))).toContain('<option value="terminated">Terminated</option>');
    const all = textOf(await text(tech.get('/recalls?status=Terminated')));
    expect(all).toContain('Terminated 2024-09-01 Terminated at the FDA, still open here');
    const page = textOf(await text(tech.get('/recalls/Z-2103-2024')));
    expect(page).toContain('The FDA has terminated this recall; it is still open here.');
  });
});

describe('retired and disposed devices', () => {
  it('when a matched device is retired, then no case opens for it; its match is on the asset page and in the review list', async () => {
    await load({ inventory: (csv) => csv.replace(/^(BME-1001,.*),In Service,/m, '$1,RETIRED 2023,') });
    expect(caseNumbers().map((c) => c.id)).not.toContain('Z-2101-2024');
    const tech = await signedIn(web.app, web.db, 'technician');
    const asset = await text(tech.get('/inventory/BME-1001'));
    expect(textOf(asset)).toContain('This device’s status (RETIRED 2023) says it has left the hospital');
    expect(asset).toContain('href="/recalls/Z-2101-2024"');
    expect(textOf(await text(tech.get('/')))).toMatch(
      /\d+ match(es)? of retired or disposed devices open no case/,
    );
    const review = await text(tech.get('/recalls/gone'));
    expect(review).toContain('href="/inventory/BME-1001"');
    expect(review).toContain('href="/recalls/Z-2101-2024"');
  });
});

describe('an unknown class says why', () => {
  it('when no enforcement report is loaded, then the inbox says where the class comes from and how to load it, and due dates are provisional', async () => {
    await load({ enforcement: false });
    const tech = await signedIn(web.app, web.db, 'technician');
    const inbox = textOf(await text(tech.get('/')));
    expect(inbox).toContain('a recall’s Class I, II or III comes from its enforcement report');
    expect(inbox).toContain('vigil sync');
    expect(inbox).toContain('provisional: no class yet');
    expect(textOf(await text(tech.get('/recalls/Z-2101-2024')))).toContain(
      '(provisional: the recall has no class yet',
    );
  });

  it('when enforcement reports are loaded, then the inbox does not ask for them and due dates come from the class', async () => {
    await load();
    const tech = await signedIn(web.app, web.db, 'technician');
    const inbox = await text(tech.get('/'));
    expect(inbox).not.toContain('id="class-missing"');
    expect(inbox).not.toContain('provisional');
  });
});

describe('the sample inventory', () => {
  it('when a new install has no inventory, then the inbox offers the sample; loading and removing it are audited, and removal takes exactly its devices', async () => {
    const tech = await signedIn(web.app, web.db, 'technician');
    const empty = await text(tech.get('/'));
    expect(textOf(empty)).toContain('Try Vigil with a sample inventory');
    const loaded = await tech.submit('/', '/inventory/sample');
    expect(loaded.status).toBe(303);
    const count = () => web.db.select({ n: sql<number>`count(*)` }).from(assets).get()!.n;
    expect(count()).toBe(42);
    const inbox = await text(tech.get('/'));
    expect(inbox).not.toContain('id="sample-offer"');
    expect(textOf(inbox)).toContain('The sample inventory is loaded (42 devices)');
    // The team's own devices come in beside it; removing the sample leaves them.
    importInventory(
      { db: web.db, now: () => new Date() },
      { text: fs.readFileSync(path.join(fixtures, 'inventory.csv'), 'utf8') },
    );
    expect(count()).toBe(54);
    const removed = await tech.submit('/', '/inventory/sample/remove');
    expect(removed.status).toBe(303);
    expect(count()).toBe(12);
    expect(
      web.db
        .select()
        .from(assets)
        .all()
        .every((a) => a.assetTag.startsWith('BME-')),
    ).toBe(true);
    const actions = web.db
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.entity, 'inventory'))
      .all();
    expect(actions).toEqual([
      { action: 'inventory.sample.loaded', after: { assets: 42 } },
      { action: 'inventory.sample.removed', after: { assets: 42, cases: expect.any(Number) } },
    ]);
  });

  it('when the inventory has devices, or a viewer asks, then the sample is refused', async () => {
    const viewer = await signedIn(web.app, web.db, 'viewer', 'viewer-user');
    expect(await text(viewer.get('/'))).not.toContain('id="sample-offer"');
    expect((await viewer.post('/inventory/sample')).status).toBe(403);
    await load();
    const tech = await signedIn(web.app, web.db, 'technician');
    await tech.get('/');
    const res = await tech.post('/inventory/sample');
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('only into an empty inventory');
  });
});

describe('the manufacturer’s side', () => {
  it('when the response, its file and a promised day are recorded, then the recall page shows them; a promise past its day is late on the inbox', async () => {
    await load();
    const tech = await signedIn(web.app, web.db, 'technician');
    const page = await text(tech.get('/recalls/Z-2102-2024'));
    const form = formsOf(page).find((f) => f.action === '/recalls/Z-2102-2024/manufacturer')!;
    expect(form.enctype).toBe('multipart/form-data');
    const body = new FormData();
    for (const [name, value] of browserFields(form, {
      response_sent_on: '2024-03-01',
      response_sent_by: hostile,
      correction_promised_by: '2024-04-01',
    }))
      body.append(name, value);
    body.append('file', new File(['acknowledged'], 'ack form.pdf', { type: 'application/pdf' }));
    const res = await tech.request(form.action, { method: 'POST', body });
    expect(res.status).toBe(303);
    const kase = web.db
      .select()
      .from(recallCases)
      .where(eq(recallCases.productResNumber, 'Z-2102-2024'))
      .get()!;
    const file = web.db.select().from(evidenceFiles).get()!;
    expect(kase).toMatchObject({
      responseSentOn: '2024-03-01',
      responseSentBy: hostile,
      responseFileId: file.id,
      correctionPromisedBy: '2024-04-01',
      correctionDoneOn: null,
    });
    const after = await text(tech.get('/recalls/Z-2102-2024'));
    expect(after).not.toContain('<script>alert(1)');
    expect(textOf(after)).toContain('Response sent 2024-03-01 by');
    expect(after).toContain('ack form.pdf');
    expect(textOf(after)).toContain('2024-04-01 late: the day has passed');
    const inbox = await text(tech.get('/'));
    expect(textOf(inbox)).toContain('1 recall has a manufacturer’s correction past its promised day');
    expect(textOf(inbox)).toContain('Correction promised by 2024-04-01: late');
    expect(listed(await text(tech.get('/?late=1')))).toEqual(['Z-2102-2024']);
    expect(web.db.select().from(auditLog).where(eq(auditLog.action, 'case.manufacturer')).all()).toHaveLength(
      1,
    );
    // The digest, read from the database, lists the late promise.
    const digest = await digestNow();
    expect(digest.status).toBe('composed');
    if (digest.status !== 'composed') return;
    expect(digest.digest.latePromises).toBe(1);
    expect(digest.digest.text).toContain('Correction promised by 2024-04-01, not recorded as done');

    // Done: no longer late anywhere.
    expect(
      (await tech.submit('/recalls/Z-2102-2024', /\/manufacturer$/, { correction_done_on: '2024-04-10' }))
        .status,
    ).toBe(303);
    expect(await text(tech.get('/'))).not.toContain('past its promised day');
  });

  it('when a day is not a date or the correction is done in the future, then the form comes back with 422 and what was typed', async () => {
    await load();
    const tech = await signedIn(web.app, web.db, 'technician');
    const bad = await tech.submit('/recalls/Z-2102-2024', /\/manufacturer$/, {
      response_sent_on: '2024-02-30',
      response_sent_by: 'Dana',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(textOf(html)).toContain('The day the response was sent is not a date');
    expect(html).toContain('value="Dana"');
    const future = await tech.submit('/recalls/Z-2102-2024', /\/manufacturer$/, {
      correction_done_on: '2999-01-01',
    });
    expect(future.status).toBe(422);
    expect(textOf(await future.text())).toContain('The correction cannot be done on a day still to come');
    // With a file: refused before the file is kept.
    const form = formsOf(await text(tech.get('/recalls/Z-2102-2024'))).find((f) =>
      f.action.endsWith('/manufacturer'),
    )!;
    const body = new FormData();
    for (const [name, value] of browserFields(form, { correction_done_on: '2999-01-01' }))
      body.append(name, value);
    body.append('file', new File(['ack'], 'ack.pdf', { type: 'application/pdf' }));
    expect((await tech.request(form.action, { method: 'POST', body })).status).toBe(422);
    expect(web.db.select().from(evidenceFiles).all()).toEqual([]);
    const viewer = await signedIn(web.app, web.db, 'viewer');
    expect(
      (await viewer.post('/recalls/Z-2102-2024/manufacturer', { response_sent_on: '2024-03-01' })).status,
    ).toBe(403);
    const kase = web.db
      .select()
      .from(recallCases)
      .where(eq(recallCases.productResNumber, 'Z-2102-2024'))
      .get()!;
    expect([kase.responseSentOn, kase.correctionDoneOn]).toEqual([null, null]);
  });
});
