import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserByName } from '../../src/auth/users';
import { closeDatabase, openDatabase } from '../../src/db/client';
import { auditLog, matchDecisions, recallCases } from '../../src/db/schema';
import { importInventory } from '../../src/inventory/import';
import { importFiles } from '../../src/openfda/bulk/import';
import { matchAndOpenCases } from '../../src/pipeline';
import { textOf } from '../support/page-text';
import { projectRoot, readEnvelope } from '../support/shared';
import { captureLog, tempDir } from '../support/vigil';
import { makeUser, signedIn, testWebApp, WebClient } from '../support/web';

const fixtures = path.join(projectRoot, 'tests/fixtures/matching');
const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';

let web: ReturnType<typeof testWebApp>;
beforeEach(() => {
  web = testWebApp();
});
afterEach(() => web.close());

/** The matching fixtures loaded and matched, with Z-2101-2024 a Class I and Z-2102-2024 a Class II recall. */
async function loadRecalls(edit?: (recalls: Record<string, unknown>[]) => void) {
  const deps = { db: web.db, now: () => new Date(), log: captureLog().log };
  importInventory(deps, { text: fs.readFileSync(path.join(fixtures, 'inventory.csv'), 'utf8') });
  const dir = tempDir();
  const envelope = readEnvelope(path.join(fixtures, 'recalls.json'));
  edit?.(envelope.results as Record<string, unknown>[]);
  fs.writeFileSync(path.join(dir, 'recalls.json'), JSON.stringify(envelope));
  const enforcement = (recall_number: string, classification: string) => ({
    recall_number,
    classification,
    product_type: 'Devices',
    status: 'Ongoing',
    recalling_firm: 'Fixture firm',
    report_date: '20240601',
  });
  fs.writeFileSync(
    path.join(dir, 'enforcement.json'),
    JSON.stringify({
      meta: { results: { total: 2 } },
      results: [enforcement('Z-2101-2024', 'Class I'), enforcement('Z-2102-2024', 'Class II')],
    }),
  );
  await importFiles(deps, [path.join(dir, 'recalls.json'), path.join(dir, 'enforcement.json')]);
  await matchAndOpenCases(deps, {});
}

const text = async (res: Response | Promise<Response>) => (await res).text();

describe('the recall inbox', () => {
  it('when recalls match our devices, then the inbox lists them Class I first with counts, due dates and what is new', async () => {
    await loadRecalls();
    const tech = await signedIn(web.app, web.db, 'technician');
    const html = await text(tech.get('/'));
    const order = [...html.matchAll(/<a href="\/recalls\/(Z-\d{4}-\d{4})">/g)].map((m) => m[1]);
    expect(order.slice(0, 2)).toEqual(['Z-2101-2024', 'Z-2102-2024']);
    expect(order).not.toContain('Z-2109-2024'); // only a low-confidence candidate: no case
    expect(order).toHaveLength(7);
    expect(html).toContain('New: <strong>7</strong>');
    expect(html).toMatch(/Class I<\/span>/);
    // Class I is due in 2 days, Class II in 7.
    expect(html).toContain('(in 2 days)');
    expect(html).toContain('(in 7 days)');
    // A first visit has nothing to compare with: it says what there is.
    expect(textOf(html)).toContain('Welcome. 7 matched recalls are open.');
    expect(html).not.toContain('Nothing new since your last visit');
    // The recalls came from bulk files: the feeds say they were loaded, with when.
    expect(textOf(html)).toMatch(
      /Device recalls: loaded from a bulk file \(last \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/,
    );
    expect(textOf(html)).toMatch(/Enforcement reports \(recall class\): loaded from a bulk file/);
    expect(html).not.toMatch(/Device recalls: <span class="muted">not/);
    const sync = textOf(await text(tech.get('/sync')));
    expect(sync).toMatch(/Device recalls loaded from a bulk file/);
  });

  it('when a person comes back after a new case opened, then the inbox says what is new since the last visit', async () => {
    let now = new Date('2026-11-20T09:00:00.000Z');
    web.close();
    web = testWebApp({ now: () => now });
    await loadRecalls();
    web.db.run(sql`UPDATE recall_cases SET opened_at = '2026-11-20T08:00:00.000Z'`);
    const tech = await signedIn(web.app, web.db, 'technician');
    await tech.get('/');
    now = new Date('2026-11-20T12:00:00.000Z');
    expect(textOf(await text(tech.get('/')))).toContain(
      'Nothing new since your last visit (2026-11-20 09:00 UTC)',
    );
    web.db.run(
      sql`UPDATE recall_cases SET opened_at = '2026-11-20T13:00:00.000Z' WHERE product_res_number = 'Z-2101-2024'`,
    );
    now = new Date('2026-11-20T15:00:00.000Z');
    expect(textOf(await text(tech.get('/')))).toContain(
      '1 matched recall is new since your last visit (2026-11-20 12:00 UTC)',
    );
  });

  it('when a filter is chosen, then htmx gets only the results, and the same URL works as a page', async () => {
    await loadRecalls();
    const tech = await signedIn(web.app, web.db, 'technician');
    const fragment = await text(tech.htmx('/?class=I'));
    expect(fragment.startsWith('<section id="inbox-results"')).toBe(true);
    expect([...fragment.matchAll(/href="\/recalls\/(Z-[\d-]+)"/g)].map((m) => m[1])).toEqual(['Z-2101-2024']);
    const page = await text(tech.get('/?department=NICU'));
    expect([...page.matchAll(/href="\/recalls\/(Z-[\d-]+)"/g)].map((m) => m[1])).toEqual(['Z-2104-2024']);
    expect(page).toContain('<option value="NICU" selected="">NICU</option>');
    const byMaker = await text(tech.get('/?manufacturer=icu%20med'));
    expect([...byMaker.matchAll(/href="\/recalls\/(Z-[\d-]+)"/g)].map((m) => m[1])).toEqual(['Z-2104-2024']);
    // A wildcard typed by a person is a character, not a wildcard.
    expect(await text(tech.get('/?manufacturer=%25'))).toContain('No matched recall fits these filters.');
  });

  it('when no one is signed in, then the inbox sends them to sign in, and with no account yet to the first-run page', async () => {
    const first = await web.app.request('/');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/login?next=%2F');
    expect((await web.app.request('/login')).headers.get('location')).toBe('/setup');
    await makeUser(web.db, 'someone', 'viewer');
    expect((await web.app.request('/login')).status).toBe(200);
    expect((await web.app.request('/setup')).headers.get('location')).toBe('/login');
  });
});

describe('the recall page and its workflow', () => {
  it('when a Class I recall is worked from new to closed, then every step is recorded and closing waits for the dispositions', async () => {
    await loadRecalls();
    const tech = await signedIn(web.app, web.db, 'technician', 'Pat Tech');
    const page = await text(tech.get('/recalls/Z-2101-2024'));
    expect(page).toContain('Alaris PC Unit, Model 8015');
    expect(page).toContain('BME-1001');
    expect(page).toContain('model &quot;Alaris PC Unit 8015&quot; in description');
    const me = String(findUserByName(web.db, 'Pat Tech')!.id);

    const step = async (fields: Record<string, string>) => tech.post('/recalls/Z-2101-2024/state', fields);
    expect((await step({ to: 'acknowledged' })).status).toBe(303);
    expect((await step({ to: 'assigned' })).status).toBe(422); // nobody chosen
    expect((await step({ to: 'assigned', assignee: me })).status).toBe(303);
    expect((await step({ to: 'in_progress' })).status).toBe(303);
    const early = await step({ to: 'closed' });
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('BME-1001 (no disposition) keeps the recall open');

    // Affected says the work is still to do: the case stays open, and the page says which device holds it.
    await tech.get('/recalls/Z-2101-2024');
    const affected = await tech.htmx('/recalls/Z-2101-2024/assets/BME-1001/disposition', 'POST', {
      disposition: 'affected',
      note: '',
    });
    expect(affected.status).toBe(200);
    const section = await affected.text();
    expect(section.startsWith('<section id="assets"')).toBe(true);
    expect(section).toContain('<section id="case" aria-labelledby="case-title" hx-swap-oob="true">');
    expect(textOf(section)).toContain('BME-1001 (affected) keeps the recall open');
    expect(section).toMatch(
      /role="status" aria-live="polite" hx-swap-oob="true">Disposition of BME-1001: affected. 1 device keeps the recall open.</,
    );
    const stillOpen = await step({ to: 'closed' });
    expect(stillOpen.status).toBe(422);
    expect(await stillOpen.text()).toContain('BME-1001 (affected) keeps the recall open');

    await tech.get('/recalls/Z-2101-2024');
    const disposed = await tech.htmx('/recalls/Z-2101-2024/assets/BME-1001/disposition', 'POST', {
      disposition: 'removed_from_service',
      note: 'tagged out, biomed shelf 3',
    });
    expect(disposed.status).toBe(200);
    const row = await disposed.text();
    expect(row).toContain('Removed from service');
    expect(row).toContain(
      'Disposition of BME-1001: removed from service. Every device has a final disposition',
    );
    expect(textOf(row)).not.toContain('keeps the recall open');

    expect((await tech.post('/recalls/Z-2101-2024/notes', { body: 'Vendor letter received.' })).status).toBe(
      303,
    );
    expect((await step({ to: 'closed' })).status).toBe(303);

    const kase = web.db
      .select()
      .from(recallCases)
      .where(eq(recallCases.productResNumber, 'Z-2101-2024'))
      .get()!;
    expect(kase).toMatchObject({ state: 'closed', closedBy: 'Pat Tech' });
    const actions = web.db
      .select({ action: auditLog.action, actor: auditLog.actor })
      .from(auditLog)
      .where(eq(auditLog.entityId, 'Z-2101-2024'))
      .all()
      .map((a) => `${a.actor}: ${a.action}`);
    expect(actions).toEqual([
      'Pat Tech: case.acknowledged',
      'Pat Tech: case.assigned',
      'Pat Tech: case.in_progress',
      'Pat Tech: asset.disposition',
      'Pat Tech: asset.disposition',
      'Pat Tech: case.note',
      'Pat Tech: case.closed',
    ]);
    const closed = await text(tech.get('/recalls/Z-2101-2024'));
    expect(closed).toContain('moved the recall from action in progress to closed');
    expect(closed).toContain(
      'changed the disposition of BME-1001: removed from service (&quot;tagged out, biomed shelf 3&quot;)',
    );
    expect(closed).toContain('Vendor letter received.');
  });

  it('when a device is dismissed on the page, then a reason is asked, it is listed as dismissed with who and why, and can be undone', async () => {
    await loadRecalls();
    const tech = await signedIn(web.app, web.db, 'technician', 'Pat Tech');
    await tech.get('/recalls/Z-2103-2024');
    const unsaid = await tech.htmx('/recalls/Z-2103-2024/assets/BME-1005/decision', 'POST', {
      decision: 'dismissed',
      reason: '',
    });
    expect(unsaid.status).toBe(422);
    expect(textOf(await unsaid.text())).toContain('Say why the recall does not apply');
    expect(web.db.select().from(matchDecisions).all()).toEqual([]);

    const dismissed = await tech.htmx('/recalls/Z-2103-2024/assets/BME-1005/decision', 'POST', {
      decision: 'dismissed',
      reason: 'different_lot_serial',
      note: 'serial outside the range',
    });
    expect(dismissed.status).toBe(200);
    const section = textOf(await dismissed.text());
    expect(section).toContain('Dismissed: not this device (1)');
    expect(section).toContain('Different lot or serial number: serial outside the range');
    expect(section).toContain('BME-1005 dismissed: the recall does not apply to it.');
    const page = await text(tech.get('/recalls/Z-2103-2024'));
    expect(textOf(page)).toContain(
      'dismissed BME-1005, the recall does not apply to it: different lot or serial number ("serial outside the range")',
    );
    expect(textOf(page)).toMatch(
      /BME-1005 .* Different lot or serial number: serial outside the range Pat Tech, /,
    );

    const undone = await tech.htmx('/recalls/Z-2103-2024/assets/BME-1005/decision', 'POST', {
      decision: 'undo',
    });
    expect(undone.status).toBe(200);
    const back = textOf(await undone.text());
    expect(back).not.toContain('Dismissed: not this device');
    expect(back).toContain('The dismissal of BME-1005 is undone.');
    expect(textOf(await text(tech.get('/recalls/Z-2103-2024')))).toContain(
      'undid the dismissal of BME-1005: it is suggested again',
    );
    // The low-confidence candidate of Z-2109-2024 can be confirmed, which opens a case.
    await tech.get('/recalls/Z-2109-2024');
    expect(await text(tech.get('/recalls/Z-2109-2024'))).toContain('there is no case to work');
    await tech.post('/recalls/Z-2109-2024/assets/BME-1012/decision', { decision: 'confirmed' });
    expect(await text(tech.get('/recalls/Z-2109-2024'))).toContain('Update workflow');
  });

  it('when a recall hits many of our devices, then they are shown a hundred at a time and one form records the rest', async () => {
    await loadRecalls();
    const deps = { db: web.db, now: () => new Date(), log: captureLog().log };
    const rows = Array.from(
      { length: 120 },
      (_, i) =>
        `MX-${String(i).padStart(3, '0')},Philips Medical Systems,IntelliVue MX450,,DE7120${String(i).padStart(4, '0')},,MHX,Patient monitor,ICU,Bay ${i},In Service,,2021-06-30`,
    );
    const header = fs.readFileSync(path.join(fixtures, 'inventory.csv'), 'utf8').split('\n')[0];
    importInventory(deps, { text: [header, ...rows].join('\n') });
    await matchAndOpenCases(deps, {});
    const tech = await signedIn(web.app, web.db, 'technician');
    const first = await text(tech.get('/recalls/Z-2103-2024'));
    expect(first).toContain('Matched assets, best evidence first: 122 in all, page 1 of 2');
    expect(first.match(/<tr id="asset-/g)).toHaveLength(100);
    const second = await text(tech.get('/recalls/Z-2103-2024?assets=2'));
    expect(second.match(/<tr id="asset-/g)).toHaveLength(22);

    await tech.htmx('/recalls/Z-2103-2024/assets/BME-1004/disposition', 'POST', {
      disposition: 'affected',
      note: '',
    });
    const rest = await tech.post('/recalls/Z-2103-2024/dispositions', {
      disposition: 'corrected',
      note: 'firmware 2.1 loaded',
    });
    expect(rest.status).toBe(303);
    const again = await tech.post('/recalls/Z-2103-2024/dispositions', {
      disposition: 'corrected',
      note: '',
    });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('Every matched asset already has a final disposition.');
    const page = await text(tech.get('/recalls/Z-2103-2024'));
    expect(page).toContain(
      'recorded corrected for 122 devices not yet finished (&quot;firmware 2.1 loaded&quot;)',
    );
    expect(page).toContain('recorded the disposition of BME-1004: affected');
    expect((await tech.post('/recalls/Z-2103-2024/state', { to: 'closed' })).status).toBe(303);
  });

  it('when evidence is attached, then it is stored under a random name, listed with its hash and sent back as a download', async () => {
    await loadRecalls();
    const tech = await signedIn(web.app, web.db, 'technician');
    await tech.get('/recalls/Z-2101-2024');
    const upload = (name: string, bytes: string, type = 'text/plain') => {
      const form = new FormData();
      form.set('_csrf', tech.csrf);
      form.set('file', new File([bytes], name, { type }));
      return tech.request('/recalls/Z-2101-2024/evidence', { method: 'POST', body: form });
    };
    expect((await upload('../../etc/passwd "x".txt', 'pump log')).status).toBe(303);
    const stored = fs.readdirSync(web.deps.evidence.dir);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f-]{36}\.bin$/);
    const page = await text(tech.get('/recalls/Z-2101-2024'));
    const link = /href="(\/recalls\/Z-2101-2024\/evidence\/\d+)">passwd _x_.txt</.exec(page);
    expect(link).not.toBeNull();
    const download = await tech.get(link![1]!);
    expect(await download.text()).toBe('pump log');
    expect(download.headers.get('content-disposition')).toBe("inline; filename*=UTF-8''passwd%20_x_.txt");
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    // An HTML file is never shown inline.
    await upload('page.html', '<script>alert(1)</script>', 'text/html');
    const html = await text(tech.get('/recalls/Z-2101-2024'));
    const second = /href="(\/recalls\/Z-2101-2024\/evidence\/\d+)">page.html</.exec(html)![1]!;
    const res = await tech.get(second);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    // Too big: refused, nothing stored.
    const big = await upload('big.bin', 'x'.repeat(web.deps.evidence.maxBytes + 1));
    expect(big.status).toBe(422);
    expect(await big.text()).toContain('evidence files can be at most 1 MB');
    expect(fs.readdirSync(web.deps.evidence.dir)).toHaveLength(2);
  });

  it('when FDA text holds markup, then the inbox and the recall page show it escaped', async () => {
    await loadRecalls((recalls) => {
      const alaris = recalls.find((r) => r.product_res_number === 'Z-2101-2024')!;
      alaris.recalling_firm = hostile;
      alaris.reason_for_recall = hostile;
    });
    const tech = await signedIn(web.app, web.db, 'technician');
    for (const html of [await text(tech.get('/')), await text(tech.get('/recalls/Z-2101-2024'))]) {
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain(
        '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
      );
    }
  });

  it('when another process changes the data between two views, then the second view shows the change', async () => {
    await loadRecalls();
    const viewer = await signedIn(web.app, web.db, 'viewer');
    expect(await text(viewer.get('/recalls/Z-2102-2024'))).toContain('<strong>New</strong>');
    expect(await text(viewer.get('/?state=acknowledged'))).not.toContain('Z-2102-2024');
    // A second connection to the same file, as a CLI command running beside the server would be.
    const other = openDatabase(web.file);
    other
      .update(recallCases)
      .set({ state: 'acknowledged' })
      .where(eq(recallCases.productResNumber, 'Z-2102-2024'))
      .run();
    closeDatabase(other);
    expect(await text(viewer.get('/recalls/Z-2102-2024'))).toContain('<strong>Acknowledged</strong>');
    expect(await text(viewer.get('/?state=acknowledged'))).toContain('Z-2102-2024');
  });

  it('when a recall number is unknown, then the page says so', async () => {
    const viewer = await signedIn(web.app, web.db, 'viewer');
    const res = await viewer.get('/recalls/Z-9999-2024');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no recall Z-9999-2024 in Vigil.');
  });
});

describe('who may do what on a recall', () => {
  it('when a viewer reads a recall, then there are no workflow forms, and a change is refused', async () => {
    await loadRecalls();
    const viewer = await signedIn(web.app, web.db, 'viewer');
    const page = await text(viewer.get('/recalls/Z-2101-2024'));
    expect(page).toContain('BME-1001');
    expect(page).not.toContain('Update workflow');
    for (const [path, fields] of [
      ['/recalls/Z-2101-2024/state', { to: 'acknowledged' }],
      ['/recalls/Z-2101-2024/notes', { body: 'x' }],
      ['/recalls/Z-2101-2024/assets/BME-1001/disposition', { disposition: 'affected' }],
      ['/recalls/Z-2101-2024/assets/BME-1001/decision', { decision: 'dismissed' }],
    ] as const) {
      expect((await viewer.post(path, fields)).status, path).toBe(403);
    }
    expect(web.db.select().from(auditLog).where(eq(auditLog.entityId, 'Z-2101-2024')).all()).toEqual([]);
  });

  it('when an htmx request comes without the CSRF header, then it is refused in place and nothing changes', async () => {
    await loadRecalls();
    const tech = await signedIn(web.app, web.db, 'technician');
    const res = await tech.request('/recalls/Z-2101-2024/assets/BME-1001/disposition', {
      method: 'POST',
      headers: { 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ disposition: 'affected' }),
    });
    expect(res.status).toBe(403);
    const fragment = await res.text();
    expect(fragment.startsWith('<p class="alert" role="alert">')).toBe(true);
    expect(fragment).toContain('did not come from Vigil');
    const page = await text(tech.get('/recalls/Z-2101-2024'));
    expect(page).toContain('No disposition yet.');
  });

  it('when a form comes without the CSRF token, then it is refused and nothing changes', async () => {
    await loadRecalls();
    const admin = await signedIn(web.app, web.db, 'admin');
    const forged = await admin.post('/recalls/Z-2101-2024/state', { to: 'acknowledged', _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('did not come from Vigil');
    const stranger = new WebClient(web.app);
    await stranger.get('/login');
    expect((await stranger.post('/recalls/Z-2101-2024/state', { to: 'acknowledged' })).status).toBe(303);
    expect(
      web.db.select().from(recallCases).where(eq(recallCases.productResNumber, 'Z-2101-2024')).get()!.state,
    ).toBe('new');
  });
});
