import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedTokenOf, updateUser } from '../../src/auth/users';
import type { Db } from '../../src/db/client';
import { recallCases } from '../../src/db/schema';
import { classify, firstCases, openCasesFrom, rewriteRecall } from '../support/recall-cases';
import { makeUser, signedIn, testWebApp } from '../support/web';

type Entry = {
  id: string;
  title: { '#text': string; '@type': string };
  link: { '@href': string }[];
  updated: string;
  summary: { '#text': string };
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'entry' || name === 'link',
});

/** What a feed reader shows for a type="html" text: the markup's text. */
const shown = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

let web: ReturnType<typeof testWebApp>;
let db: Db;
let clock: number;
const now = () => {
  clock += 1000;
  return new Date(clock);
};

beforeEach(() => {
  web = testWebApp();
  db = web.db;
  clock = Date.parse('2025-06-01T10:00:00.000Z');
});
afterEach(() => web.close());

async function feedOf(token: string) {
  const res = await web.app.request(`/feeds/${token}/recalls.atom`);
  const xml = await res.text();
  return { res, xml };
}

function entriesOf(xml: string): Entry[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml);
  expect(doc.feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  return doc.feed.entry ?? [];
}

describe('the Atom feed of matched recalls', () => {
  it('when recalls match our devices, then the feed lists their cases newest first, with class, link, reason and assets', async () => {
    const user = await makeUser(db, 'j.rivera', 'technician');
    await openCasesFrom(db, now);
    clock += 3600_000;
    await openCasesFrom(db, now, 'recalls-later.json', false);
    classify(db, 'Z-2102-2024', 'Class I');
    const opened = db.select().from(recallCases).all();
    const later = opened
      .filter((c) => !firstCases.includes(c.productResNumber))
      .map((c) => c.productResNumber);
    expect(later.length).toBeGreaterThan(0);

    const { res, xml } = await feedOf(feedTokenOf(db, user.id));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.getSetCookie()).toEqual([]);
    const entries = entriesOf(xml);
    expect(entries.map((e) => e.id)).toEqual(
      [...later.sort(), ...firstCases].map((prn) => `urn:vigil:recall-case:${prn}`),
    );

    const lifepak = entries.find((e) => e.id.endsWith('Z-2102-2024'))!;
    expect(lifepak.title['#text']).toMatch(/^Class I · Z-2102-2024 · Physio-Control, Inc\.: LIFEPAK 20/);
    expect(lifepak.link[0]!['@href']).toBe('http://vigil.test/recalls/Z-2102-2024');
    expect(lifepak.updated).toBe(opened.find((c) => c.productResNumber === 'Z-2102-2024')!.openedAt);
    expect(lifepak.summary['#text']).toContain('Matched: 1 asset: BME-1003');
    const mx450 = entries.find((e) => e.id.endsWith('Z-2103-2024'))!;
    expect(mx450.title['#text']).toMatch(/^Unclassified · Z-2103-2024 · /);
    expect(shown(mx450.summary['#text'])).toContain(
      '2 assets: BME-1004 (IntelliVue MX450), BME-1005 (IntelliVue MX450)',
    );
  });

  it('when there are more than a hundred cases, then the feed holds the newest hundred', async () => {
    const user = await makeUser(db, 'j.rivera', 'viewer');
    const at = (i: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + i * 60_000).toISOString();
    db.insert(recallCases)
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          productResNumber: `Z-${1000 + i}-2025`,
          state: 'new' as const,
          openedAt: at(i),
          updatedAt: at(i),
        })),
      )
      .run();
    const entries = entriesOf((await feedOf(feedTokenOf(db, user.id))).xml);
    expect(entries).toHaveLength(100);
    expect(entries[0]!.id).toBe('urn:vigil:recall-case:Z-1119-2025');
    expect(entries[99]!.id).toBe('urn:vigil:recall-case:Z-1020-2025');
  });

  it('when the FDA text holds markup and XML delimiters, then the feed still parses and shows the text literally', async () => {
    const user = await makeUser(db, 'j.rivera', 'technician');
    await openCasesFrom(db, now);
    const firm = `Evil & Sons "<b>Ltd</b>" ]]> Inc`;
    const description = `<script>alert('x')</script> pump ]]><x/>\u000c`;
    const reason = `"><img src=x onerror=alert(1)> & <![CDATA[ boom`;
    rewriteRecall(db, 'Z-2101-2024', { firm, description, reason });

    const { xml } = await feedOf(feedTokenOf(db, user.id));
    expect(xml).not.toMatch(/<script|<img|<b>|<x\/>/);
    const entry = entriesOf(xml).find((e) => e.id.endsWith('Z-2101-2024'))!;
    expect(entry.title['@type']).toBe('html');
    expect(shown(entry.title['#text'])).toBe(
      `Unclassified · Z-2101-2024 · ${firm}: <script>alert('x')</script> pump ]]><x/>`,
    );
    expect(shown(entry.summary['#text'])).toContain(reason);
  });

  it('when the token is unknown or its account disabled, then the answer is a bare 404', async () => {
    const admin = await makeUser(db, 'admin', 'admin');
    const user = await makeUser(db, 'j.rivera', 'technician');
    const token = feedTokenOf(db, user.id);
    expect((await feedOf(token)).res.status).toBe(200);

    const unknown = await feedOf('not-a-token-anyone-has');
    expect(unknown.res.status).toBe(404);
    expect(unknown.xml).toBe('Not found');
    expect(unknown.res.headers.getSetCookie()).toEqual([]);

    updateUser(db, user.id, { disabled: true }, { name: admin.name, userId: admin.id }, new Date());
    expect((await feedOf(token)).res.status).toBe(404);
  });

  it('when a person renews their feed address, then the old one stops working and the new one works', async () => {
    const client = await signedIn(web.app, db, 'technician', 'j.rivera');
    const page = await (await client.get('/account')).text();
    const oldUrl = /http:\/\/vigil\.test(\/feeds\/[\w-]+\/recalls\.atom)/.exec(page)![1]!;
    expect((await web.app.request(oldUrl)).status).toBe(200);

    const renewed = await (await client.post('/account/feed-token')).text();
    const newUrl = /http:\/\/vigil\.test(\/feeds\/[\w-]+\/recalls\.atom)/.exec(renewed)![1]!;
    expect(newUrl).not.toBe(oldUrl);
    expect((await web.app.request(oldUrl)).status).toBe(404);
    expect((await web.app.request(newUrl)).status).toBe(200);
  });
});
