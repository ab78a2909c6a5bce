import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../src/audit/log';
import type { Db } from '../../src/db/client';
import { assets, enforcementReports, recallCases, recallMatches } from '../../src/db/schema';
import { importInventory } from '../../src/inventory/import';
import { importFiles } from '../../src/openfda/bulk/import';
import { matchAndOpenCases } from '../../src/pipeline';
import { decide } from '../../src/recalls/decisions';
import { projectRoot } from '../support/shared';
import { captureLog } from '../support/vigil';
import { signedIn, testWebApp, WebClient } from '../support/web';

const fixtures = path.join(projectRoot, 'tests/fixtures');
const matchingCsv = fs.readFileSync(path.join(fixtures, 'matching/inventory.csv'), 'utf8');
const badRowsCsv = fs.readFileSync(path.join(fixtures, 'inventory/rows-with-errors.csv'), 'utf8');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean();
});

function app(overrides: Parameters<typeof testWebApp>[0] = {}) {
  const made = testWebApp(overrides);
  cleanups.push(made.close);
  return made;
}

const stamp = (db: Db) => ({ db, now: () => new Date(), log: captureLog().log });

/** The twelve-device inventory, its recalls matched, and the MAUDE fixture. */
async function hospital(db: Db) {
  importInventory(stamp(db), { text: matchingCsv });
  await importFiles(stamp(db), [
    path.join(fixtures, 'matching/recalls.json'),
    path.join(fixtures, 'openfda/device-event.fixture.json'),
  ]);
  await matchAndOpenCases(stamp(db));
}

/** Many assets, written directly: the list's paging and filters need more than twelve. */
function manyAssets(db: Db, count: number) {
  const at = new Date().toISOString();
  db.$client.transaction(() => {
    for (let i = 0; i < count; i++) {
      db.insert(assets)
        .values({
          assetTag: `T-${String(i).padStart(4, '0')}`,
          manufacturer: i % 2 ? 'Acme' : 'Globex',
          model: `Pump ${i}`,
          serialNumber: `SN${1000 + i}`,
          department: i % 3 ? 'ICU' : 'OR',
          location: `Room ${i}`,
          status: i % 5 ? 'In Service' : 'Retired',
          createdAt: at,
          updatedAt: at,
        })
        .run();
    }
  })();
}

/** The asset tags the list shows, in order. */
const tagsIn = (html: string) =>
  [...html.matchAll(/<th scope="row"><a href="\/inventory\/([^"]+)">/g)].map((m) => m[1]!);

/** A multipart upload through the browser form, with the page's token. */
function upload(client: WebClient, text: string, name = 'cmms.csv', token = client.csrf) {
  const form = new FormData();
  form.set('_csrf', token);
  form.set('file', new File([text], name, { type: 'text/csv' }));
  return client.request('/inventory/import', { method: 'POST', body: form });
}

const uploadIdIn = (html: string) => /name="upload" value="([^"]+)"/.exec(html)![1]!;

describe('the inventory list', () => {
  it('when the list is opened, then every asset shows with its details, a link to its page and its open recalls', async () => {
    const { app: web, db } = app();
    await hospital(db);
    const viewer = await signedIn(web, db, 'viewer');
    const res = await viewer.get('/inventory');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(tagsIn(html)).toHaveLength(12);
    expect(html).toContain('Assets 1–12 of 12.');
    const row = html.slice(html.indexOf('/inventory/BME-1001'), html.indexOf('/inventory/BME-1002'));
    for (const text of ['BD', 'Alaris PC Unit 8015', '12840771', 'ICU', 'ICU Bay 4', 'In Service'])
      expect(row).toContain(text);
    expect(row).toContain('<strong>1</strong>');
    // The low suggestion (CARESCAPE named without B450) does not make an open recall.
    const carescape = html.slice(html.indexOf('/inventory/BME-1012'));
    expect(carescape).toMatch(/<td class="num">0<\/td>/);
    // No import link for a viewer.
    expect(html).not.toContain('href="/inventory/import"');
  });

  it("when a recall's case is closed or its match dismissed, then it no longer counts as open", async () => {
    const { app: web, db } = app();
    await hospital(db);
    const viewer = await signedIn(web, db, 'viewer');
    const row = async (tag: string) => {
      const html = await (await viewer.get(`/inventory?q=${tag}`)).text();
      return html.slice(html.indexOf(`/inventory/${tag}`));
    };
    expect(await row('BME-1004')).toContain('<strong>1</strong>');
    db.update(recallCases)
      .set({ state: 'closed' })
      .where(eq(recallCases.productResNumber, 'Z-2103-2024'))
      .run();
    expect(await row('BME-1004')).toMatch(/<td class="num">0<\/td>/);
    expect(await row('BME-1001')).toContain('<strong>1</strong>');
    decide(
      db,
      { assetTag: 'BME-1001', productResNumber: 'Z-2101-2024' },
      'dismissed',
      { name: 'tech', reason: 'not_ours' },
      new Date(),
    );
    expect(await row('BME-1001')).toMatch(/<td class="num">0<\/td>/);
    // The asset page still lists the dismissed pair, saying so.
    expect(await (await viewer.get('/inventory/BME-1001')).text()).toContain('dismissed by tech');
  });

  it('when a search is typed, then assets are found by the start of any word of tag, maker, model, serial, name or location', async () => {
    const { app: web, db } = app();
    await hospital(db);
    const tech = await signedIn(web, db, 'technician');
    const found = async (q: string) =>
      tagsIn(await (await tech.get(`/inventory?q=${encodeURIComponent(q)}`)).text());
    expect(await found('mx450')).toEqual(['BME-1004', 'BME-1005']);
    expect(await found('intelli')).toEqual(['BME-1004', 'BME-1005']);
    expect(await found('DE712002')).toEqual(['BME-1005']);
    expect(await found('peds 5')).toEqual(['BME-1007']);
    expect(await found('syringe')).toEqual(['BME-1006']);
    expect(await found('bme-1012')).toEqual(['BME-1012']);
    expect(await found('baxter spectrum')).toEqual(['BME-1008', 'BME-1009']);
    expect(await found('nothing-like-this')).toEqual([]);
    const none = await (await tech.get('/inventory?q=zzz')).text();
    expect(none).toContain('No asset matches this search.');
  });

  it('when the search comes from htmx, then only the results are sent, with the same rows', async () => {
    const { app: web, db } = app();
    await hospital(db);
    const tech = await signedIn(web, db, 'technician');
    const res = await tech.htmx('/inventory?q=pump');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<div id="inventory-results">')).toBe(true);
    expect(html).not.toContain('<html');
    expect(tagsIn(html)).toEqual(['BME-1001', 'BME-1006', 'BME-1007', 'BME-1008', 'BME-1009']);
    const page = await (await tech.get('/inventory')).text();
    expect(page).toContain('hx-get="/inventory"');
    expect(page).toContain('hx-push-url="true"');
    expect(page).toContain('hx-target="#inventory-results"');
  });

  it('when filters are chosen, then the selects offer the stored values, the maker is matched in part, and the list keeps only matching assets', async () => {
    const { app: web, db } = app();
    manyAssets(db, 30);
    const viewer = await signedIn(web, db, 'viewer');
    const html = await (
      await viewer.get('/inventory?department=OR&manufacturer=glob&status=In+Service')
    ).text();
    // OR: every third; Globex: even; In Service: not every fifth → 0, 6, 12, 18, 24 less 0 and 30.
    expect(tagsIn(html)).toEqual(['T-0006', 'T-0012', 'T-0018', 'T-0024']);
    expect(html).toContain('<option value="OR" selected="">OR</option>');
    expect(html).toContain('<input id="manufacturer" name="manufacturer" type="search" value="glob"');
    expect(html).toContain('<option value="Retired">Retired</option>');
    expect(html).toMatch(/<label for="filter-department">Department<\/label>/);
  });

  it('when there are more than 50 assets, then they come 50 a page with links that keep the search', async () => {
    const { app: web, db } = app();
    manyAssets(db, 120);
    const viewer = await signedIn(web, db, 'viewer');
    const first = await (await viewer.get('/inventory?q=pump')).text();
    expect(tagsIn(first)).toHaveLength(50);
    expect(first).toContain('Assets 1–50 of 120 found.');
    expect(first).toContain('Page 1 of 3');
    expect(first).toContain('href="/inventory?q=pump&amp;page=2" rel="next"');
    const last = await (await viewer.get('/inventory?q=pump&page=3')).text();
    expect(tagsIn(last)).toEqual(
      Array.from({ length: 20 }, (_, i) => `T-${String(100 + i).padStart(4, '0')}`),
    );
    expect(last).toContain('href="/inventory?q=pump&amp;page=2" rel="prev"');
    expect(last).not.toContain('rel="next"');
    const beyond = await (await viewer.get('/inventory?page=9')).text();
    expect(beyond).toContain('There is no page 9: the assets found fill 3.');
  });

  it('when a later import changes the assets, then the next search finds the new ones', async () => {
    const { app: web, db } = app();
    await hospital(db);
    const viewer = await signedIn(web, db, 'viewer');
    expect(tagsIn(await (await viewer.get('/inventory?q=zoll')).text())).toEqual([]);
    importInventory(stamp(db), { text: 'asset_tag,manufacturer,model\nBME-2000,ZOLL,R Series\n' });
    expect(tagsIn(await (await viewer.get('/inventory?q=zoll')).text())).toEqual(['BME-2000']);
  });
});

describe('the asset page', () => {
  it('when an asset has a matched recall, then the page shows every field, the match with its class, case and disposition', async () => {
    const { app: web, db } = app();
    await hospital(db);
    db.insert(enforcementReports)
      .values({
        recallNumber: 'Z-2103-2024',
        classification: 'Class II',
        raw: '{}',
        firstSeenAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      })
      .run();
    db.$client
      .prepare(
        `INSERT INTO asset_dispositions (product_res_number, asset_tag, disposition, note, decided_by, decided_at)
         VALUES ('Z-2103-2024', 'BME-1004', 'removed_from_service', 'tagged out in biomed shop', 'tech', '2025-01-01')`,
      )
      .run();
    const viewer = await signedIn(web, db, 'viewer');
    const res = await viewer.get('/inventory/BME-1004');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of [
      'IntelliVue MX450',
      'DE71200150',
      'MHX',
      'Patient monitor',
      'ICU Bay 1',
      '2021-06-30',
    ])
      expect(html).toContain(text);
    expect(html).toContain('href="/recalls/Z-2103-2024"');
    expect(html).toContain('Class II');
    expect(html).toContain('serial DE71200150 is listed');
    expect(html).toContain('high (');
    expect(html).toContain('suggested, not yet decided');
    expect(html).toContain('<td>affected</td>');
    expect(html).toContain('<td>new</td>');
    expect(html).toContain('removed from service');
    expect(html).toContain('tagged out in biomed shop');
  });

  it('when the asset has a UDI and extra columns, then they are shown too', async () => {
    const { app: web, db } = app();
    await hospital(db);
    importInventory(stamp(db), {
      text: 'asset_tag,model,udi,PM due\nBME-1007,Kangaroo ePump,(01)10884521062191(21)KE1209455,2025-09-01\n',
    });
    const viewer = await signedIn(web, db, 'viewer');
    const html = await (await viewer.get('/inventory/BME-1007')).text();
    expect(html).toContain('(01)10884521062191(21)KE1209455');
    expect(html).toContain('10884521062191');
    expect(html).toContain('GS1');
    expect(html).toContain('<dt>PM due</dt>');
    expect(html).toContain('<dd>2025-09-01</dd>');
  });

  it("when MAUDE reports name the asset's model, however spelled, then the newest are listed with the count", async () => {
    const { app: web, db } = app();
    await hospital(db);
    importInventory(stamp(db), {
      text: 'asset_tag,manufacturer,model\nP-1,Acme,8000\nP-2,Acme,Infusion-8000\nP-3,Acme,18000\n',
    });
    const viewer = await signedIn(web, db, 'viewer');
    const byNumber = await (await viewer.get('/inventory/P-1')).text();
    // Model number 8000: reports 9000000, 9000007, 9000014, 9000021, 9000028; newest first.
    expect(byNumber).toContain('5 reports name the model 8000');
    const received = [...byNumber.matchAll(/<td>(\d{4}-\d\d-\d\d)<\/td>/g)].map((m) => m[1]);
    expect(received).toEqual(['2023-01-06', '2022-04-25', '2021-07-17', '2020-10-09', '2019-01-01']);
    expect(byNumber).toContain('IT WAS REPORTED THAT THE INFUSION PUMP ALARMED');
    expect(byNumber).toContain('Malfunction');
    const byBrand = await (await viewer.get('/inventory/P-2')).text();
    expect(byBrand).toContain('2 reports name the model Infusion-8000');
    const none = await (await viewer.get('/inventory/P-3')).text();
    expect(none).toContain('No stored MAUDE report names the model 18000.');
  });

  it('when the tag holds a slash, a space or a #, then its link is encoded and the page opens', async () => {
    const { app: web, db } = app();
    importInventory(stamp(db), { text: 'asset_tag,model\n"ICU/4 #7",Monitor\n' });
    const viewer = await signedIn(web, db, 'viewer');
    const list = await (await viewer.get('/inventory')).text();
    expect(list).toContain('href="/inventory/ICU%2F4%20%237"');
    const page = await viewer.get('/inventory/ICU%2F4%20%237');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Asset ICU/4 #7');
  });

  it('when no asset has the tag, then the page says so with a 404', async () => {
    const { app: web, db } = app();
    const viewer = await signedIn(web, db, 'viewer');
    const res = await viewer.get('/inventory/NOPE-1');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('There is no asset NOPE-1 in the inventory');
  });

  it('when a model or location holds markup, then the list and the asset page show it as text', async () => {
    const { app: web, db } = app();
    const script = '<script>alert(1)</script>';
    const img = '"><img src=x onerror=alert(1)>';
    importInventory(stamp(db), {
      text: `asset_tag,model,location\nH-1,"${script}","${img.replace(/"/g, '""')}"\n`,
    });
    const viewer = await signedIn(web, db, 'viewer');
    for (const url of ['/inventory', '/inventory/H-1', '/inventory?q=script']) {
      const html = await (await viewer.get(url)).text();
      expect(html).not.toContain(script);
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    }
  });
});

describe('the CSV upload', () => {
  it('when a file with bad rows is uploaded, then the preview shows the mapping, the counts and each error by line and column, and writes nothing', async () => {
    const { app: web, db } = app();
    const tech = await signedIn(web, db, 'technician');
    const form = await tech.get('/inventory/import');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<label for="inventory-file">');
    const res = await upload(tech, badRowsCsv, 'export.csv');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Check the import of export.csv');
    expect(html).toMatch(/<th scope="row">udi<\/th>\s*<td>udi<\/td>/);
    expect(html).toMatch(/<th scope="row">notes<\/th>\s*<td><select name="map_\d+"/);
    expect(html).toContain('not a header Vigil knows: kept in the asset');
    expect(html).toContain('10 rows read');
    expect(html).toContain('2 would be added');
    expect(html).toMatch(
      /<th scope="row" class="num">3<\/th>\s*<td>udi<\/td>\s*<td>UDI &quot;\(01\)12345678901234&quot; is not valid/,
    );
    expect(html).toMatch(/<th scope="row" class="num">4<\/th>\s*<td>product_code<\/td>/);
    expect(html).toMatch(
      /<th scope="row" class="num">11<\/th>\s*<td><span class="muted">the whole row<\/span><\/td>/,
    );
    expect(html).toContain('Import only the 2 rows without errors');
    expect(db.select().from(assets).all()).toHaveLength(0);
  });

  it('when one asset tag is on 20,000 lines, then the preview lists it once with the count', async () => {
    const { app: web, db } = app();
    const tech = await signedIn(web, db, 'technician');
    await tech.get('/inventory/import');
    const rows = Array.from({ length: 20_000 }, (_, i) => `BME-1,Acme,Pump ${i},FRN`);
    const res = await upload(tech, `asset_tag,manufacturer,model,product_code\n${rows.join('\n')}\n`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('20,000 rows with errors');
    expect(html.match(/<th scope="row" class="num">/g)).toHaveLength(1);
    expect(html).toContain('asset tag BME-1 is on 20,000 lines (2, 3, 4, 5, 6 and 19,995 more)');
    expect(db.select().from(assets).all()).toHaveLength(0);
  });

  it('when the import is confirmed without choosing the good rows, then nothing is written and the preview asks again', async () => {
    const { app: web, db } = app();
    const tech = await signedIn(web, db, 'technician');
    await tech.get('/inventory/import');
    const id = uploadIdIn(await (await upload(tech, badRowsCsv)).text());
    const res = await tech.post('/inventory/import/confirm', { upload: id });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Some rows have errors, so nothing was imported');
    expect(html).toContain(`value="${id}"`);
    expect(db.select().from(assets).all()).toHaveLength(0);
  });

  it('when "import only the good rows" is confirmed, then the good rows are imported, audited and the rest listed', async () => {
    const { app: web, db } = app();
    const tech = await signedIn(web, db, 'technician');
    await tech.get('/inventory/import');
    const id = uploadIdIn(await (await upload(tech, badRowsCsv, 'export.csv')).text());
    const res = await tech.post('/inventory/import/confirm', { upload: id, good_rows_only: 'true' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Imported export.csv');
    expect(html).toContain('2 were added');
    expect(html).toContain('Rows left out');
    expect(
      db
        .select({ tag: assets.assetTag })
        .from(assets)
        .all()
        .map((a) => a.tag)
        .sort(),
    ).toEqual(['A-6', 'A-9']);
    const [entry] = historyOf(db, 'inventory', 'assets');
    expect(entry).toMatchObject({ action: 'inventory.import', actor: 'technician-user' });
    expect(entry!.after).toMatchObject({ file: 'export.csv', added: 2, goodRowsOnly: true });
    // The upload is used up.
    expect(
      (await tech.post('/inventory/import/confirm', { upload: id, good_rows_only: 'true' })).status,
    ).toBe(422);
  });

  it('when a clean file is confirmed, then every row is imported and matched against the recalls', async () => {
    const { app: web, db } = app();
    await importFiles(stamp(db), [path.join(fixtures, 'matching/recalls.json')]);
    await matchAndOpenCases(stamp(db));
    const tech = await signedIn(web, db, 'technician');
    await tech.get('/inventory/import');
    const preview = await (await upload(tech, matchingCsv)).text();
    expect(preview).toContain('12 would be added');
    expect(preview).toContain('Every row can be imported.');
    const res = await tech.post('/inventory/import/confirm', { upload: uploadIdIn(preview) });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('12 were added');
    expect(html).toMatch(/12 new or changed assets were matched against the stored recalls: \d+ high/);
    expect(db.select().from(assets).all()).toHaveLength(12);
    expect(db.select().from(recallMatches).where(eq(recallMatches.assetTag, 'BME-1001')).all()).toHaveLength(
      1,
    );
  });

  it('when another user, or the same after an hour, confirms an upload, then it is refused and nothing is written', async () => {
    let clock = Date.now();
    const { app: web, db } = app({ now: () => new Date(clock) });
    const first = await signedIn(web, db, 'technician', 'first');
    const second = await signedIn(web, db, 'admin', 'second');
    await first.get('/inventory/import');
    const id = uploadIdIn(await (await upload(first, matchingCsv)).text());
    await second.get('/inventory/import');
    const stolen = await second.post('/inventory/import/confirm', { upload: id });
    expect(stolen.status).toBe(422);
    expect(await stolen.text()).toContain('Upload the file again');
    clock += 61 * 60 * 1000;
    expect((await first.post('/inventory/import/confirm', { upload: id })).status).toBe(422);
    expect((await first.post('/inventory/import/confirm', { upload: '../../etc/passwd' })).status).toBe(422);
    expect(db.select().from(assets).all()).toHaveLength(0);
  });

  it('when no header is the asset tag and the dates are day-first, then choosing the column and the order on the preview imports the file', async () => {
    const { app: web, db } = app();
    const tech = await signedIn(web, db, 'technician');
    await tech.get('/inventory/import');
    const european = fs.readFileSync(path.join(fixtures, 'inventory/european-export.csv'), 'utf8');
    const first = await upload(tech, european, 'szpital.csv');
    expect(first.status).toBe(422);
    const html = await first.text();
    expect(html).toContain('This file cannot be imported as it is read: line 1: no asset tag column');
    expect(html).toContain('<select name="map_0" id="map_0" aria-label="Vigil column for INV Sistema">');
    expect(html).not.toContain('>Import ');
    const id = uploadIdIn(html);

    const chosen = {
      upload: id,
      map_0: 'asset_tag',
      map_1: 'manufacturer',
      map_2: 'model',
      map_6: 'acquired_on',
    };
    const dated = await tech.post('/inventory/import/check', chosen);
    expect(dated.status).toBe(422);
    const datedHtml = await dated.text();
    expect(datedHtml).toContain('the Fecha alta dates look day first, D/M/YYYY');
    expect(datedHtml).toMatch(/<option value="asset_tag" selected="">asset_tag<\/option>/);

    const ready = await tech.post('/inventory/import/check', { ...chosen, date_format: 'dmy' });
    expect(ready.status).toBe(200);
    const readyHtml = await ready.text();
    expect(readyHtml).toContain('4 would be added');
    expect(readyHtml).toContain(
      'no header is serial_number, device_name, department or status, so they stay empty',
    );
    expect(readyHtml).toContain('choose serial_number for &quot;Nr seryjny&quot; above');
    expect(readyHtml).toMatch(/<option value="dmy" selected="">/);
    expect(db.select().from(assets).all()).toHaveLength(0);

    const done = await tech.post('/inventory/import/confirm', {
      ...chosen,
      date_format: 'dmy',
      map_3: 'serial_number',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('4 were added');
    const stored = db
      .select({ tag: assets.assetTag, serial: assets.serialNumber, acquired: assets.acquiredOn })
      .from(assets)
      .all();
    expect(stored).toContainEqual({ tag: 'PL-0002', serial: 'DE71200150', acquired: '2018-04-03' });
    const [entry] = historyOf(db, 'inventory', 'assets');
    expect(entry!.after).toMatchObject({
      columnsChosen: { invsistema: 'asset_tag', nrseryjny: 'serial_number' },
      dateOrder: 'dmy',
    });
  });

  it('when no file is chosen, the file has no asset tag column or is too large, then the form comes back saying what to do', async () => {
    const { app: web, db } = app();
    const tech = await signedIn(web, db, 'technician');
    await tech.get('/inventory/import');
    // A browser sends a form without a chosen file as an empty, nameless file.
    const none = await upload(tech, '', '');
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Choose a CSV file to import: the form arrived without one.');
    const noTag = await upload(tech, 'name,model\nx,y\n');
    expect(noTag.status).toBe(422);
    expect(await noTag.text()).toContain('no asset tag column');
    const big = await upload(tech, `asset_tag\n${'A-1\n'.repeat(5_300_000)}`);
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('larger than 20 MB');
  });
});

describe('who may use the inventory pages', () => {
  it('when nobody is signed in, then every inventory page sends to sign-in', async () => {
    const { app: web, db } = app();
    await hospital(db);
    const anonymous = new WebClient(web);
    for (const url of ['/inventory', '/inventory/BME-1001', '/inventory/import']) {
      const res = await anonymous.get(url);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
  });

  it('when a viewer tries the upload, then it is forbidden; a technician and an admin may', async () => {
    const { app: web, db } = app();
    const viewer = await signedIn(web, db, 'viewer');
    expect((await viewer.get('/inventory/import')).status).toBe(403);
    expect((await upload(viewer, matchingCsv)).status).toBe(403);
    expect((await viewer.post('/inventory/import/confirm', { upload: 'x'.repeat(43) })).status).toBe(403);
    for (const role of ['technician', 'admin'] as const) {
      const user = await signedIn(web, db, role);
      expect((await user.get('/inventory/import')).status).toBe(200);
      expect((await upload(user, matchingCsv)).status).toBe(200);
    }
    expect(db.select().from(assets).all()).toHaveLength(0);
  });

  it('when the upload or the confirmation comes without the CSRF token, then it is refused', async () => {
    const { app: web, db } = app();
    const tech = await signedIn(web, db, 'technician');
    await tech.get('/inventory/import');
    expect((await upload(tech, matchingCsv, 'cmms.csv', '')).status).toBe(403);
    const id = uploadIdIn(await (await upload(tech, matchingCsv)).text());
    const forged = await tech.request('/inventory/import/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ upload: id }),
    });
    expect(forged.status).toBe(403);
    expect(db.select().from(assets).all()).toHaveLength(0);
  });
});
