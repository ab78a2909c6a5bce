import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client';
import { importInventory } from '../../src/inventory/import';
import { importFiles } from '../../src/openfda/bulk/import';
import { matchAndOpenCases } from '../../src/pipeline';
import { refreshRecallSearch } from '../../src/recalls/browse/search-index';
import { decide } from '../../src/recalls/decisions';
import { fixtureData, projectRoot, readEnvelope } from '../support/shared';
import { captureLog, tempDir } from '../support/vigil';
import { signedIn, testWebApp, type WebClient } from '../support/web';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});

const deps = (db: Db) => ({ db, now: () => new Date(), log: captureLog().log });

async function load(db: Db, files: string[]) {
  const results = await importFiles(deps(db), files);
  expect(results.map((r) => r.status)).toEqual(files.map(() => 'succeeded'));
}

/** The app with the openFDA fixtures (36 recalls, their enforcement reports) and a viewer. */
async function withFixtures() {
  const { app, db, close } = testWebApp();
  cleanups.push(close);
  await load(db, [
    path.join(fixtureData, 'device-recall.fixture.json'),
    path.join(fixtureData, 'device-enforcement.fixture.json'),
  ]);
  const viewer = await signedIn(app, db, 'viewer');
  return { app, db, viewer };
}

/** The Z-numbers listed, in order. */
const listed = (html: string) =>
  [...html.matchAll(/<th scope="row"><a href="\/recalls\/([^"]+)">/g)].map((m) => m[1]);

/** Writes an openFDA recall envelope to a temporary file, for imports that a test shapes. */
function envelopeFile(results: Record<string, unknown>[]): string {
  const file = path.join(tempDir(), 'device-recall.json');
  fs.writeFileSync(file, JSON.stringify({ meta: { results: { total: results.length } }, results }));
  return file;
}

const fixtureRecalls = () => readEnvelope(path.join(fixtureData, 'device-recall.fixture.json')).results;

describe('all recalls: who may see them', () => {
  it('when nobody is signed in, then the list sends them to sign in and back', async () => {
    const { app, close } = testWebApp();
    cleanups.push(close);
    const res = await app.request('/recalls?q=pump');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/recalls?q=pump')}`);
  });

  it('when a viewer, a technician or an admin opens the list, then each sees every recall', async () => {
    const { app, db, viewer } = await withFixtures();
    const clients = {
      viewer,
      technician: await signedIn(app, db, 'technician'),
      admin: await signedIn(app, db, 'admin'),
    };
    for (const [role, client] of Object.entries(clients)) {
      const res = await client.get('/recalls');
      expect(res.status, role).toBe(200);
      expect(listed(await res.text()), role).toHaveLength(36);
    }
  });
});

describe('all recalls: browsing and filtering', () => {
  it('when the list opens, then the newest posted come first and one without a date comes last', async () => {
    const { viewer } = await withFixtures();
    const html = await (await viewer.get('/recalls')).text();
    const order = listed(html);
    expect(order.slice(0, 3)).toEqual(['Z-1023-2023', 'Z-1011-2023', 'Z-1035-2023']);
    expect(order.at(-1)).toBe('Z-1007-2020'); // posted on no date
    expect(html).toContain('36 recalls, newest posted first.');
  });

  it('when a row is shown, then it has the class, firm, product, date, status and a link to the recall', async () => {
    const { viewer } = await withFixtures();
    const html = await (await viewer.get('/recalls?q=Z-1000-2012')).text();
    expect(listed(html)).toEqual(['Z-1000-2012']);
    const row = html.slice(html.indexOf('<th scope="row"><a href="/recalls/Z-1000-2012">'));
    expect(row).toMatch(/class-1">Class I</);
    expect(row).toContain('Acme Infusion Systems, Inc.');
    expect(row).toContain('Model 8000 Pump system, REF FRN-300');
    expect(row).toContain('2012-01-01');
    expect(row).toContain('Open, Classified');
  });

  it('when filtered by class, then only recalls of that class in the enforcement reports are listed', async () => {
    const { viewer } = await withFixtures();
    const html = await (await viewer.get('/recalls?class=I')).text();
    expect(listed(html).sort()).toEqual(
      [
        'Z-1000-2012',
        'Z-1003-2015',
        'Z-1006-2018',
        'Z-1009-2022',
        'Z-1012-2012',
        'Z-1015-2015',
        'Z-1018-2018',
        'Z-1021-2022',
      ].sort(),
    );
    expect(html).toMatch(/<option value="I" selected="">Class I<\/option>/);
  });

  it('when filtered by status, firm, product code and posting dates together, then all of them apply', async () => {
    const { viewer } = await withFixtures();
    const byStatus = listed(await (await viewer.get('/recalls?status=Terminated&firm=northwind')).text());
    expect(byStatus.sort()).toEqual([
      'Z-1001-2013',
      'Z-1007-2020',
      'Z-1013-2013',
      'Z-1019-2020',
      'Z-1025-2013',
      'Z-1031-2020',
    ]);
    const byCodeAndDate = listed(
      await (await viewer.get('/recalls?product_code=dqa&from=2019-01-01&to=2020-12-31')).text(),
    );
    expect(byCodeAndDate).toEqual(['Z-1019-2020', 'Z-1031-2020']);
  });

  it('when the firm filter holds LIKE wildcards, then they match only themselves', async () => {
    const { viewer } = await withFixtures();
    expect(listed(await (await viewer.get('/recalls?firm=%25')).text())).toEqual([]);
    expect(listed(await (await viewer.get('/recalls?firm=_')).text())).toEqual([]);
  });

  it('when a filter is wrong, then the page answers 422 with what to change and keeps what was typed', async () => {
    const { viewer } = await withFixtures();
    const res = await viewer.get('/recalls?q=pump&from=2024-02-30&product_code=F1');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Posted from: write the date as YYYY-MM-DD, such as 2024-03-31.');
    expect(html).toContain('An FDA product code is three letters, such as FRN.');
    expect(html).toContain('value="2024-02-30"');
    expect(html).toContain('value="F1"');
    expect(html).toContain('value="pump"');
    expect(listed(html)).toEqual([]);
  });
});

describe('all recalls: search', () => {
  it('when words are searched, then recalls having all of them in any field are found, the last as typed so far', async () => {
    const { viewer } = await withFixtures();
    const oximeters = [
      'Z-1001-2013',
      'Z-1007-2020',
      'Z-1013-2013',
      'Z-1019-2020',
      'Z-1025-2013',
      'Z-1031-2020',
    ];
    expect(listed(await (await viewer.get('/recalls?q=oximeter')).text()).sort()).toEqual(oximeters);
    expect(listed(await (await viewer.get('/recalls?q=northwind+oxim')).text()).sort()).toEqual(oximeters);
    // A lot number lives in code_info; a reason's words in reason_for_recall.
    expect(listed(await (await viewer.get('/recalls?q=L11X1')).text())).toEqual(['Z-1011-2023']);
    expect(listed(await (await viewer.get('/recalls?q=Fixture+reason+11')).text())).toEqual(['Z-1011-2023']);
  });

  it('when a Z-number is searched, old or new format, then that recall is found', async () => {
    const { viewer } = await withFixtures();
    expect(listed(await (await viewer.get('/recalls?q=Z-0557-04')).text())).toEqual(['Z-0557-04']);
    expect(listed(await (await viewer.get('/recalls?q=z-1019-2020')).text())).toEqual(['Z-1019-2020']);
  });

  it('when search text holds query syntax, then it is searched as text and nothing fails', async () => {
    const { viewer } = await withFixtures();
    for (const q of ['"', 'pump" OR "x', 'NEAR(a b', '*', 'product_description:pump', 'a AND', ')(']) {
      const res = await viewer.get(`/recalls?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect(listed(await (await viewer.get('/recalls?q=pump+OR+zzzz')).text())).toEqual([]);
  });

  it('when the search form is used by htmx, then only the results section comes back', async () => {
    const { viewer } = await withFixtures();
    const res = await viewer.request('/recalls?q=oximeter', {
      headers: { 'hx-request': 'true', 'hx-target': 'recall-results' },
    });
    const html = await res.text();
    expect(html.startsWith('<section id="recall-results"')).toBe(true);
    expect(html).not.toContain('<html');
    expect(listed(html)).toHaveLength(6);
    // Going back in history asks for the whole page again.
    const restore = await viewer.request('/recalls?q=oximeter', {
      headers: { 'hx-request': 'true', 'hx-target': 'recall-results', 'hx-history-restore-request': 'true' },
    });
    expect(await restore.text()).toContain('<html');
  });

  it('when the page is served, then its form works without JavaScript and htmx searches as one types', async () => {
    const { viewer } = await withFixtures();
    const html = await (await viewer.get('/recalls')).text();
    expect(html).toMatch(/<form method="get" action="\/recalls" class="filters" hx-get="\/recalls"/);
    expect(html).toContain('hx-trigger="input changed delay:300ms, change, submit"');
    expect(html).toContain('hx-target="#recall-results"');
    expect(html).toContain('hx-push-url="true"');
    for (const id of [
      'recall-q',
      'recall-class',
      'recall-status',
      'recall-firm',
      'recall-code',
      'recall-from',
      'recall-to',
      'recall-matched',
    ])
      expect(html, id).toContain(`<label for="${id}">`);
  });

  it('when FDA text or a search holds markup, then the page shows it escaped', async () => {
    const { viewer } = await withFixtures();
    const hostile = '"><img src=x onerror=alert(1)>';
    const html = await (
      await viewer.get(`/recalls?q=${encodeURIComponent('<script>alert(1)</script>')}`)
    ).text();
    expect(listed(html)).toEqual(['Z-1011-2023']);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Acme Infusion Systems, Inc.&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; Model 8011 pump');
    const typed = await (await viewer.get(`/recalls?q=${encodeURIComponent(hostile)}`)).text();
    expect(typed).not.toContain('<img src=x');
    expect(typed).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });
});

describe('all recalls: pages', () => {
  it('when there are more than 50, then pages of 50 are linked, keeping the filters, and work without JavaScript', async () => {
    const { app, db, close } = testWebApp();
    cleanups.push(close);
    const template = fixtureRecalls()[0]!;
    const many = Array.from({ length: 120 }, (_, i) => ({
      ...template,
      product_res_number: `Z-${String(3000 + i)}-2024`,
      event_date_posted: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
      product_description: `Widget pump model ${i}`,
    }));
    await load(db, [envelopeFile(many)]);
    const viewer = await signedIn(app, db, 'viewer');
    const first = await (await viewer.get('/recalls?q=widget')).text();
    expect(listed(first)).toHaveLength(50);
    expect(first).toContain('120 recalls, newest posted first; page 1 of 3.');
    expect(first).toContain('href="/recalls?q=widget&amp;page=2"');
    expect(first).toContain('<strong aria-current="page">1</strong>');
    const third = await (await viewer.get('/recalls?q=widget&page=3')).text();
    expect(listed(third)).toHaveLength(20);
    expect(third).toContain('href="/recalls?q=widget&amp;page=2" hx-get="/recalls?q=widget&amp;page=2"');
    // Every recall appears once across the pages.
    const second = await (await viewer.get('/recalls?q=widget&page=2')).text();
    expect(new Set([...listed(first), ...listed(second), ...listed(third)]).size).toBe(120);
    // A page past the end shows the last one.
    expect(listed(await (await viewer.get('/recalls?q=widget&page=99')).text())).toEqual(listed(third));
  });
});

describe('all recalls: matched to our devices', () => {
  const matching = path.join(projectRoot, 'tests/fixtures/matching');

  it('when recalls match our assets, then their counts show and the filter keeps only them, dismissals excluded', async () => {
    const { app, db, close } = testWebApp();
    cleanups.push(close);
    importInventory(deps(db), { text: fs.readFileSync(path.join(matching, 'inventory.csv'), 'utf8') });
    await load(db, [path.join(matching, 'recalls.json')]);
    await matchAndOpenCases(deps(db), { full: true });
    const viewer = await signedIn(app, db, 'viewer');

    const html = await (await viewer.get('/recalls?matched=1')).text();
    // Medium and high suggestions count; Z-2109-2024's low one and Z-2107-2024 (nobody owns it) do not.
    expect(listed(html).sort()).toEqual([
      'Z-2101-2024',
      'Z-2102-2024',
      'Z-2103-2024',
      'Z-2104-2024',
      'Z-2105-2024',
      'Z-2106-2024',
      'Z-2108-2024',
    ]);
    const row = (id: string) => html.slice(html.indexOf(`/recalls/${id}"`)).split('</tr>')[0]!;
    expect(row('Z-2103-2024')).toContain('<td class="num"><strong>2</strong></td>');
    expect(row('Z-2101-2024')).toContain('<td class="num"><strong>1</strong></td>');
    expect(html).toMatch(/id="recall-matched" name="matched" type="checkbox" value="1" checked=""/);

    decide(
      db,
      { assetTag: 'BME-1010', productResNumber: 'Z-2108-2024' },
      'dismissed',
      { name: 'J. Rivera', reason: 'different_model' },
      new Date(),
    );
    decide(
      db,
      { assetTag: 'BME-1012', productResNumber: 'Z-2109-2024' },
      'confirmed',
      { name: 'J. Rivera' },
      new Date(),
    );
    const after = listed(await (await viewer.get('/recalls?matched=1')).text());
    expect(after).not.toContain('Z-2108-2024');
    expect(after).toContain('Z-2109-2024');
    // The unfiltered list still has them all, with no count where nothing of ours matches.
    const all = await (await viewer.get('/recalls?q=Z-2107-2024')).text();
    expect(listed(all)).toEqual(['Z-2107-2024']);
    expect(all).toContain('<span class="visually-hidden">none</span>');
  });
});

describe('the recall search index', () => {
  const search = async (viewer: WebClient, q: string) =>
    listed(await (await viewer.get(`/recalls?q=${encodeURIComponent(q)}`)).text());

  it('when a re-import changes a recall text, then the search finds the new words and not the old ones', async () => {
    const { db, viewer } = await withFixtures();
    expect(await search(viewer, 'oximeter')).toContain('Z-1001-2013');
    const changed = fixtureRecalls().map((r) =>
      r.product_res_number === 'Z-1001-2013'
        ? { ...r, product_description: 'Model 8001 Capnograph monitor', recall_status: 'Terminated' }
        : r,
    );
    const results = await importFiles(deps(db), [envelopeFile(changed)]);
    expect(results[0]).toMatchObject({ status: 'succeeded', counts: { updated: 1, unchanged: 35 } });
    expect(await search(viewer, 'capnograph')).toEqual(['Z-1001-2013']);
    expect(await search(viewer, 'oximeter')).not.toContain('Z-1001-2013');
    expect(await search(viewer, 'oximeter')).toHaveLength(5);
  });

  it('when a recall is written by INSERT … ON CONFLICT DO UPDATE, then both branches, and a delete, reach the index', async () => {
    const { db, viewer } = await withFixtures();
    const upsert = (key: string, description: string) =>
      db.run(sql`
        INSERT INTO recalls (product_res_number, raw, first_seen_at, updated_at)
        VALUES (${key}, ${JSON.stringify({ product_res_number: key, product_description: description })}, 'now', 'now')
        ON CONFLICT (product_res_number) DO UPDATE SET raw = excluded.raw, updated_at = excluded.updated_at`);
    upsert('Z-9000-2025', 'Defibrillator pads');
    expect(await search(viewer, 'defibrillator')).toEqual(['Z-9000-2025']);
    upsert('Z-9000-2025', 'Laryngoscope blade');
    expect(await search(viewer, 'defibrillator')).toEqual([]);
    expect(await search(viewer, 'laryngoscope')).toEqual(['Z-9000-2025']);
    // One removed and another added between two searches: the counts agree, the index must not.
    db.run(sql`DELETE FROM recalls WHERE product_res_number = 'Z-9000-2025'`);
    upsert('Z-9001-2025', 'Suction canister');
    expect(await search(viewer, 'laryngoscope')).toEqual([]);
    expect(await search(viewer, 'suction')).toEqual(['Z-9001-2025']);
  });

  it('when only a recall status changes, then the index is left alone', async () => {
    const { db } = await withFixtures();
    refreshRecallSearch(db);
    db.run(sql`UPDATE recalls SET recall_status = 'Terminated' WHERE product_res_number = 'Z-1000-2012'`);
    expect(refreshRecallSearch(db)).toBe(0);
    db.run(
      sql`UPDATE recalls SET raw = json_set(raw, '$.reason_for_recall', 'Battery swelling') WHERE product_res_number = 'Z-1000-2012'`,
    );
    expect(refreshRecallSearch(db)).toBe(1);
  });
});
