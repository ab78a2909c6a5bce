import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formsOf } from '../support/forms';
import { firstCases, openCasesFrom } from '../support/recall-cases';
import { signedIn, testWebApp, type WebClient } from '../support/web';

/**
 * Every form of every page, sent as a browser sends it: each field present, the optional ones
 * empty (""), the required ones filled in plausibly. Nothing a person can send by leaving a
 * field empty may end in a server error.
 */

const now = new Date('2026-11-20T15:00:00.000Z');

let web: ReturnType<typeof testWebApp>;
let admin: WebClient;
beforeEach(async () => {
  web = testWebApp({ now: () => now });
  await openCasesFrom(web.db, () => now);
  admin = await signedIn(web.app, web.db, 'admin', 'Ada Admin');
});
afterEach(() => web.close());

/** An incident of the given type with a device, recorded through the form with only what is required. */
async function incidentPath(outcome: string): Promise<string> {
  const res = await admin.submit('/incidents/new', '/incidents', { title: `A ${outcome}`, outcome });
  expect(res.status, web.logLines.join('\n')).toBe(303);
  const path = res.headers.get('location')!;
  expect((await admin.submit(`${path}?device=BME-1001`, `${path}/devices`)).status).toBe(303);
  return path;
}

/** Sends every form of the page, each as it stands, and returns what came back for each. */
async function sendEveryForm(path: string, skip: RegExp = /^\/logout$/) {
  const html = await (await admin.get(path)).text();
  const answers: { form: string; status: number }[] = [];
  for (const form of formsOf(html)) {
    if (skip.test(form.action)) continue;
    if (form.method === 'get') {
      const fields = form.controls.map((c) => [c.name, c.value ?? ''] as [string, string]);
      const target = `${form.action || path.split('?')[0]}?${new URLSearchParams(fields)}`;
      answers.push({ form: `GET ${target}`, status: (await admin.get(target)).status });
      continue;
    }
    const res = await admin.send(form);
    answers.push({ form: `POST ${form.action}`, status: res.status });
  }
  return answers;
}

describe('every form, sent as a browser sends it', () => {
  it.each(['death', 'serious_injury', 'malfunction', 'near_miss', 'use_error'])(
    'when a %s is recorded with only the required fields filled, then it is recorded',
    async (outcome) => {
      const path = await incidentPath(outcome);
      const page = await (await admin.get(path)).text();
      expect(page).toContain(`A ${outcome}`);
    },
  );

  it.each(['serious_injury', 'malfunction', 'death'])(
    'when every form of a %s incident is sent with its optional fields empty, then none fails on the server',
    async (outcome) => {
      const path = await incidentPath(outcome);
      const answers = await sendEveryForm(path);
      expect(answers.length).toBeGreaterThan(10);
      expect(answers.filter((a) => a.status === 500)).toEqual([]);
      expect(web.logLines.filter((l) => /error/i.test(l))).toEqual([]);
    },
  );

  it('when every form of the other pages is sent with its optional fields empty, then none fails on the server', async () => {
    const pages = [
      '/',
      `/recalls/${firstCases[0]}`,
      '/recalls',
      '/inventory',
      '/inventory/BME-1001',
      '/inventory/import',
      '/incidents',
      '/incidents/new',
      '/events',
      '/events/history',
      '/reports/compliance',
      '/reports/3419',
      '/sync',
      '/users',
      '/account',
      '/admin/facility',
    ];
    for (const page of pages) {
      const answers = await sendEveryForm(page);
      expect(
        answers.filter((a) => a.status === 500),
        page,
      ).toEqual([]);
    }
    expect(web.logLines.filter((l) => /error/i.test(l))).toEqual([]);
  });
});
