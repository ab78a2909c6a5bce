import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importInventory } from '../../src/inventory/import';
import { formsOf } from '../support/forms';
import { signedIn, testWebApp, type WebClient } from '../support/web';

const hostile = '<script>alert(1)</script>';
const stored = [
  'asset_tag,manufacturer,model,serial_number,location,Cost centre',
  'BME-1,Baxter,Spectrum IQ,SIQ1,ICU Bay 1,4410',
  'BME-2,Baxter,Spectrum IQ,SIQ2,ICU Bay 2,4410',
].join('\n');

let web: ReturnType<typeof testWebApp>;
let tech: WebClient;
beforeEach(async () => {
  web = testWebApp();
  importInventory({ db: web.db, now: () => new Date() }, { text: stored });
  tech = await signedIn(web.app, web.db, 'technician');
  await tech.get('/inventory/import');
});
afterEach(() => web.close());

function upload(text: string) {
  const form = new FormData();
  form.set('_csrf', tech.csrf);
  form.set('file', new File([text], 'cmms.csv', { type: 'text/csv' }));
  return tech.request('/inventory/import', { method: 'POST', body: form });
}

/** The rows of the preview's table of changes, as text: asset, field, now, after. */
const changeRows = (html: string) => {
  const table = /<table class="changes">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((m) => [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')))
    .filter((cells) => cells.length > 0);
};

describe('the upload preview', () => {
  it('when a file would change stored assets, then the preview names each asset and each changed field, old and new, escaped', async () => {
    const res = await upload(
      [
        'asset_tag,manufacturer,model,serial_number,location,Cost centre',
        `BME-1,Baxter,Spectrum IQ,SIQ1,${hostile},4410`,
        'BME-2,Baxter,Spectrum IQ,SIQ2-B,ICU Bay 2,',
        'BME-3,Baxter,Spectrum IQ,SIQ3,ICU Bay 3,4410',
      ].join('\n'),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h2>Assets that would change</h2>');
    expect(changeRows(html)).toEqual([
      ['BME-1', 'location', 'ICU Bay 1', '&lt;script&gt;alert(1)&lt;/script&gt;'],
      ['BME-2', 'serial number', 'SIQ2', 'SIQ2-B'],
      ['BME-2', 'Cost centre', '4410', '(empty)'],
    ]);
    expect(html).not.toContain(hostile);
  });

  it('when nothing stored would change, then the preview says so', async () => {
    const html = await (await upload(stored)).text();
    expect(html).toContain('No stored asset would change.');
  });

  it('when rows have errors, then the import waits for the good-rows-only choice, and checking again does not', async () => {
    const html = await (
      await upload(
        ['asset_tag,manufacturer,model,udi', 'BME-9,Acme,M1,', 'BME-10,Acme,M2,(01)12345678901234'].join(
          '\n',
        ),
      )
    ).text();
    const form = formsOf(html).find((f) => f.action === '/inventory/import/confirm')!;
    expect(form.controls.find((c) => c.name === 'good_rows_only')).toMatchObject({
      value: null,
      required: true,
    });
    expect(html).toMatch(/<button type="submit" formaction="\/inventory\/import\/check" formnovalidate=""/);
    expect(html).toMatch(/<button type="submit" class="import">/);
  });
});
