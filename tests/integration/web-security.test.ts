import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addIncidentFile } from '../../src/incidents/evidence';
import { openIncident } from '../../src/incidents/record';
import { createLogger } from '../../src/log';
import { signedIn, testWebApp } from '../support/web';

let close: (() => void) | null = null;
afterEach(() => close?.());

function web() {
  const made = testWebApp();
  close = made.close;
  return made;
}

describe('where a sign-in may send a person', () => {
  // What `next` arrives as (already decoded from the query) and where the sign-in must lead.
  const table: [string, string][] = [
    ['/incidents/3', '/incidents/3'],
    ['/recalls?q=pump&page=2', '/recalls?q=pump&page=2'],
    ['/', '/'],
    ['//evil.example/', '/'],
    ['/\t/evil.example/', '/'],
    ['/\n/x', '/'],
    ['/\r\n/x', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/\u0000/x', '/'],
    ['/\u007f/x', '/'],
    ['', '/'],
  ];
  it.each(table)('when next is %j, then a signed-in person lands on %j', async (next, lands) => {
    const { app, db } = web();
    const tech = await signedIn(app, db, 'technician');
    const res = await tech.request(`/login?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(lands);
  });

  it.each(table)('when next is %j and the form signs in, then it lands on %j', async (next, lands) => {
    const { app, db } = web();
    const person = await signedIn(app, db, 'viewer', 'Vee');
    await person.post('/logout');
    await person.get('/login');
    const res = await person.post('/login', { name: 'Vee', password: 'correct horse battery staple', next });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(lands);
  });
});

describe('a log line', () => {
  it('when a message holds a newline or a control character, then it stays one line', () => {
    const lines: string[] = [];
    const log = createLogger(
      (line) => lines.push(line),
      () => new Date('2026-12-06T00:00:00Z'),
    );
    log.warn('GET /login?next=/\n2026-12-06T00:00:00.000Z error forged\u0007');
    expect(lines).toEqual([
      '2026-12-06T00:00:00.000Z warn GET /login?next=/\\n2026-12-06T00:00:00.000Z error forged\\u0007',
    ]);
  });
});

describe('caching of signed-in pages', () => {
  it('when a signed-in person gets a page or an export, then the browser is told not to keep it', async () => {
    const { app, db } = web();
    const tech = await signedIn(app, db, 'technician');
    for (const path of ['/', '/incidents', '/inventory', '/recalls', '/account', '/reports/compliance.csv']) {
      const res = await tech.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toContain('no-store');
    }
    // Stylesheet and htmx keep their own, long caching: they hold nothing private.
    expect((await tech.request('/static/vigil.css')).headers.get('cache-control')).toBe(
      'public, max-age=86400',
    );
  });
});

describe('evidence files', () => {
  it("when evidence is downloaded, then it comes with its sandbox policy, not the pages' one", async () => {
    const { app, db, deps } = web();
    const tech = await signedIn(app, db, 'technician', 'Pat Tech');
    const by = { name: 'Pat Tech', userId: null };
    const { id } = openIncident(
      db,
      { title: 'Pump alarm', awareOn: '2026-11-20', outcome: 'malfunction' },
      by,
      new Date(),
    );
    const photo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'pump.png', {
      type: 'image/png',
    });
    await addIncidentFile(db, deps.evidence, id, photo, 'photo of the pump as found', by, new Date());
    const page = await (await tech.request(`/incidents/${id}`)).text();
    const href = /href="(\/incidents\/\d+\/files\/\d+)"/.exec(page)![1]!;
    const res = await tech.request(href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });
});

describe('the Host header', () => {
  const asHost = (app: ReturnType<typeof web>['app'], host: string, path = '/login') =>
    app.request(path, { headers: { host } });

  it('when a request names another host, then it is refused with what to set', async () => {
    const { app } = web();
    for (const host of ['evil.example', 'vigil.test.evil.example', 'evil.example:80', '10.0.0.5:3000']) {
      const res = await asHost(app, host);
      expect(res.status, host).toBe(421);
      expect(await res.text()).toContain('set VIGIL_PUBLIC_URL');
    }
  });

  it('when a request names the public host or this machine, then it is answered', async () => {
    const { app } = web();
    for (const host of [
      'vigil.test',
      'VIGIL.TEST',
      'localhost',
      'localhost:3000',
      '127.0.0.1:8080',
      '[::1]:3000',
    ]) {
      expect((await asHost(app, host)).status, host).toBeLessThan(400);
    }
  });

  it('when a monitor asks /healthz by any name, then it is answered', async () => {
    const { app } = web();
    expect((await asHost(app, '10.0.0.5:3000', '/healthz')).status).toBe(200);
  });
});

describe('CSV uploads waiting for their import', () => {
  it('when a CSV is uploaded for a preview, then it waits beside the database in a folder only Vigil can read', async () => {
    const { app, db, file } = web();
    const tech = await signedIn(app, db, 'technician');
    await tech.get('/inventory/import');
    const form = new FormData();
    form.set('_csrf', tech.csrf);
    form.set('file', new File(['asset_tag,model\nA-1,Pump\n'], 'cmms.csv', { type: 'text/csv' }));
    expect((await tech.request('/inventory/import', { method: 'POST', body: form })).status).toBe(200);
    const dir = path.join(path.dirname(file), 'uploads');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const waiting = fs.readdirSync(dir);
    expect(waiting.filter((name) => name.endsWith('.csv'))).toHaveLength(1);
    for (const name of waiting) expect(fs.statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
  });
});
