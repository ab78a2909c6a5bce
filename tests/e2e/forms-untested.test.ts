import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/users';
import type { Role } from '../../src/db/schema';
import type { RunningServer } from '../../src/main';
import { decide } from '../../src/recalls/decisions';
import { openCasesFrom } from '../support/recall-cases';
import { testPassword } from '../support/web';
import {
  describeInBrowser,
  forbidDialogs,
  keepScreenshot,
  launch,
  signInAs,
  startVigilServer,
} from './browser';

/**
 * Four forms driven in Chromium as a person fills them, the unhappy paths included: the
 * manufacturer's side of a recall, the inbox's form for several recalls at once, changing one's
 * own password, and an admin resetting another's. A refused form comes back with 422, a message
 * and what was typed; nothing is half-stored.
 */

/**
 * A refused form's document is a 422 (a wrong sign-in a 401); Chromium logs that as a failed
 * load, which is what the test asks for, not an error of the page.
 */
const refusedLoad = /Failed to load resource: the server responded with a status of (422|401)/;

/** A signed-in person in a browser context of their own, with the page's console errors and dialogs kept. */
type Person = { context: BrowserContext; page: Page; errors: string[]; dialogs: string[] };

describeInBrowser('forms without a browser test until now, in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let dbFile = '';
  const people: Person[] = [];

  beforeAll(async () => {
    server = await startVigilServer(async (db) => {
      dbFile = db.$client.name;
      await openCasesFrom(db, () => new Date());
      const accounts: [string, Role][] = [
        ['Pat Tech', 'technician'],
        ['Casey Tech', 'technician'],
        ['Robin Tech', 'technician'],
        ['Alex Admin', 'admin'],
      ];
      for (const [name, role] of accounts)
        await addUser(db, { name, password: testPassword, role }, null, new Date());
      // A device confirmed as affected: that recall cannot be closed as not applicable.
      decide(
        db,
        { assetTag: 'BME-1001', productResNumber: 'Z-2101-2024' },
        'confirmed',
        { name: 'Seed' },
        new Date(),
      );
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function personIn(name: string, password = testPassword): Promise<Person> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const person: Person = { context, page, errors: [], dialogs: [] };
    page.on('console', (m) => {
      if (m.type() !== 'error' || refusedLoad.test(m.text())) return;
      person.errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => person.errors.push(`${page.url()}: ${e.message}`));
    forbidDialogs(page, person.dialogs);
    await signInAs(page, server, name, password);
    people.push(person);
    return person;
  }

  /** Rows of the database, read as it is now (the server holds it open; reading beside it is safe). */
  function query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  /** Clicks a form's button and waits for the page it brings; the form's own answer's status. */
  async function submit(page: Page, button: Locator, action: string): Promise<number> {
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action),
      page.waitForEvent('load'),
      button.click(),
    ]);
    return res.status();
  }

  const alertText = (page: Page) => page.getByRole('alert').first().textContent();

  /** No console error and no dialog since the last check. */
  function expectCleanConsoles(person: Person) {
    expect(person.errors.splice(0)).toEqual([]);
    expect(person.dialogs.splice(0)).toEqual([]);
  }

  describe('the manufacturer’s side of a recall', () => {
    type Side = {
      response_sent_on: string | null;
      response_sent_by: string | null;
      response_file_id: number | null;
      correction_promised_by: string | null;
      correction_done_on: string | null;
    };
    const sideOf = (id: string) =>
      query<Side>(
        `SELECT response_sent_on, response_sent_by, response_file_id, correction_promised_by, correction_done_on
         FROM recall_cases WHERE product_res_number = ?`,
        id,
      )[0]!;
    const evidenceOf = (id: string) =>
      query<{ original_name: string }>(
        'SELECT original_name FROM evidence_files WHERE product_res_number = ? ORDER BY id',
        id,
      ).map((f) => f.original_name);
    const manufacturerAudits = (id: string) =>
      query<{ n: number }>(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'case.manufacturer' AND entity_id = ?`,
        id,
      )[0]!.n;

    let pat: Person;
    let panel: Locator;
    const field = (label: string) => panel.getByLabel(label);
    const save = () => panel.getByRole('button', { name: 'Save the manufacturer’s side' });
    const action = (id: string) => `/recalls/${id}/manufacturer`;

    beforeAll(async () => {
      pat = await personIn('Pat Tech');
      panel = pat.page.locator('#manufacturer');
    });

    it('when a technician records the response sent, who sent it, the file and the promised day, then the page shows them and the file is the response', async () => {
      const { page } = pat;
      await page.goto(`${server.url}/recalls/Z-2102-2024`);
      expect(await panel.textContent()).toContain('Not recorded');
      await field('Response sent on').fill('2024-03-01');
      await field('Sent by (you, when empty)').fill('Dana Lee');
      await field('The response as sent (optional file)').setInputFiles({
        name: 'ack form.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 acknowledgement form, signed'),
      });
      await field('Correction promised by').fill('2024-04-01');
      expect(await submit(page, save(), action('Z-2102-2024'))).toBe(303);
      expect(new URL(page.url()).pathname).toBe('/recalls/Z-2102-2024');
      const facts = await panel.locator('dl').textContent();
      expect(facts).toContain('2024-03-01 by Dana Lee');
      expect(facts).toContain('ack form.pdf');
      // The promised day has passed and no correction is recorded.
      expect(facts).toContain('2024-04-01 late: the day has passed');
      expect(await panel.getByRole('link', { name: 'ack form.pdf' }).count()).toBe(1);
      // The form shows what is stored, ready to change.
      expect(await field('Sent by (you, when empty)').inputValue()).toBe('Dana Lee');
      expect(await field('Correction promised by').inputValue()).toBe('2024-04-01');
      const side = sideOf('Z-2102-2024');
      expect(side).toMatchObject({
        response_sent_on: '2024-03-01',
        response_sent_by: 'Dana Lee',
        correction_promised_by: '2024-04-01',
        correction_done_on: null,
      });
      expect(side.response_file_id).not.toBeNull();
      expect(evidenceOf('Z-2102-2024')).toEqual(['ack form.pdf']);
      expect(await page.locator('#timeline').textContent()).toContain(
        'recorded the manufacturer’s side: response sent 2024-03-01 by Dana Lee, correction promised by 2024-04-01',
      );
      await keepScreenshot(page, 'manufacturer-side-saved');
      expectCleanConsoles(pat);
    });

    it('when the correction is given as done on a day still to come, with a file, then it comes back 422 with the message and every typed value, and nothing is stored', async () => {
      const { page } = pat;
      await page.goto(`${server.url}/recalls/Z-2102-2024`);
      const before = sideOf('Z-2102-2024');
      const audits = manufacturerAudits('Z-2102-2024');
      await field('Response sent on').fill('2024-03-05');
      await field('Sent by (you, when empty)').fill('Sam Other');
      await field('The response as sent (optional file)').setInputFiles({
        name: 'second try.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 second'),
      });
      await field('Correction promised by').fill('2024-05-01');
      await field('Correction done on').fill('2999-01-01');
      expect(await submit(page, save(), action('Z-2102-2024'))).toBe(422);
      expect(await alertText(page)).toBe('The correction cannot be done on a day still to come.');
      expect(await field('Response sent on').inputValue()).toBe('2024-03-05');
      expect(await field('Sent by (you, when empty)').inputValue()).toBe('Sam Other');
      expect(await field('Correction promised by').inputValue()).toBe('2024-05-01');
      expect(await field('Correction done on').inputValue()).toBe('2999-01-01');
      // What is stored is still shown as stored, and is unchanged: no file kept either.
      expect(await panel.locator('dl').textContent()).toContain('2024-03-01 by Dana Lee');
      expect(sideOf('Z-2102-2024')).toEqual(before);
      expect(evidenceOf('Z-2102-2024')).toEqual(['ack form.pdf']);
      expect(manufacturerAudits('Z-2102-2024')).toBe(audits);
      await keepScreenshot(page, 'manufacturer-side-refused');
      expectCleanConsoles(pat);
    });

    it('when who sent the response is given without the day, then it comes back 422 asking for the day, with the name kept, and nothing stored', async () => {
      const { page } = pat;
      await page.goto(`${server.url}/recalls/Z-2102-2024`);
      const before = sideOf('Z-2102-2024');
      await field('Response sent on').fill('');
      await field('Sent by (you, when empty)').fill('Sam Other');
      expect(await submit(page, save(), action('Z-2102-2024'))).toBe(422);
      expect(await alertText(page)).toBe('Give the day the response was sent, as well as who sent it.');
      expect(await field('Response sent on').inputValue()).toBe('');
      expect(await field('Sent by (you, when empty)').inputValue()).toBe('Sam Other');
      expect(await field('Correction promised by').inputValue()).toBe('2024-04-01');
      expect(sideOf('Z-2102-2024')).toEqual(before);
      expectCleanConsoles(pat);
    });

    it('when a correction is promised by a day before the response was sent, then it is taken as given (no rule refuses it)', async () => {
      // manufacturerSideProblem refuses only a name without a day and a done day still to come:
      // a manufacturer may promise a correction by a day before the team answers the letter.
      const { page } = pat;
      await page.goto(`${server.url}/recalls/Z-2104-2024`);
      await field('Response sent on').fill('2024-06-10');
      await field('Correction promised by').fill('2024-06-01');
      expect(await submit(page, save(), action('Z-2104-2024'))).toBe(303);
      expect(await page.getByRole('alert').count()).toBe(0);
      // "Sent by" left empty is the person who saved it.
      expect(await panel.locator('dl').textContent()).toContain('2024-06-10 by Pat Tech');
      expect(sideOf('Z-2104-2024')).toMatchObject({
        response_sent_on: '2024-06-10',
        response_sent_by: 'Pat Tech',
        correction_promised_by: '2024-06-01',
      });
      expectCleanConsoles(pat);
    });

    it('when the form is sent with every field left empty on a recall with nothing recorded, then no error, nothing is recorded and the page says so', async () => {
      const { page } = pat;
      await page.goto(`${server.url}/recalls/Z-2105-2024`);
      expect(await submit(page, save(), action('Z-2105-2024'))).toBe(303);
      expect(await page.getByRole('alert').count()).toBe(0);
      const facts = await panel.locator('dl').textContent();
      expect(facts).toContain('Response sentNot recorded');
      expect(facts).toContain('Correction promised byNot recorded');
      expect(facts).toContain('Correction doneNot recorded');
      expect(sideOf('Z-2105-2024')).toEqual({
        response_sent_on: null,
        response_sent_by: null,
        response_file_id: null,
        correction_promised_by: null,
        correction_done_on: null,
      });
      expect(evidenceOf('Z-2105-2024')).toEqual([]);
      expectCleanConsoles(pat);
    });

    it('when everything recorded is emptied and saved, then the manufacturer’s side is cleared (empty days clear what was recorded)', async () => {
      const { page } = pat;
      await page.goto(`${server.url}/recalls/Z-2104-2024`);
      await field('Response sent on').fill('');
      await field('Correction promised by').fill('');
      await field('Sent by (you, when empty)').fill('');
      expect(await submit(page, save(), action('Z-2104-2024'))).toBe(303);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await panel.locator('dl').textContent()).toContain('Response sentNot recorded');
      expect(sideOf('Z-2104-2024')).toMatchObject({ response_sent_on: null, correction_promised_by: null });
      expectCleanConsoles(pat);
    });

    // A file is kept as the response that was sent: without the day it was sent, it would be
    // kept as evidence of nothing.
    it('when a response file is attached but the day it was sent is left empty, then it is refused with nothing stored', async () => {
      const { page } = pat;
      await page.goto(`${server.url}/recalls/Z-2106-2024`);
      await field('The response as sent (optional file)').setInputFiles({
        name: 'orphan response.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4 orphan'),
      });
      await field('Correction promised by').fill('2024-07-01');
      const status = await submit(page, save(), action('Z-2106-2024'));
      const kept = evidenceOf('Z-2106-2024');
      const side = sideOf('Z-2106-2024');
      expect({ status, kept, linked: side.response_file_id }).toEqual({
        status: 422,
        kept: [],
        linked: null,
      });
    });
  });

  describe('the inbox’s form for several recalls at once', () => {
    type Case = { product_res_number: string; state: string; assigned_to: number | null };
    const casesOf = (...ids: string[]) =>
      query<Case>(
        `SELECT product_res_number, state, assigned_to FROM recall_cases
         WHERE product_res_number IN (${ids.map(() => '?').join(',')}) ORDER BY product_res_number`,
        ...ids,
      );
    const stateOf = (id: string) => casesOf(id)[0]!.state;
    const auditCount = () => query<{ n: number }>('SELECT count(*) AS n FROM audit_log')[0]!.n;
    const userId = (name: string) =>
      query<{ id: number }>('SELECT id FROM users WHERE name = ?', name)[0]!.id;

    let pat: Person;
    let form: Locator;
    const apply = () => form.getByRole('button', { name: 'Apply to the ticked recalls' });
    const tick = (id: string) => pat.page.getByLabel(`Select ${id}`, { exact: true });
    const row = (id: string) =>
      pat.page.locator('#inbox-results tbody tr', { has: pat.page.getByRole('link', { name: id }) });
    const inbox = () => pat.page.goto(`${server.url}/`);

    beforeAll(async () => {
      pat = await personIn('Pat Tech');
      form = pat.page.locator('#inbox-bulk');
    });

    it('when two recalls are ticked and acknowledged, then both are acknowledged and the others stay new', async () => {
      const { page } = pat;
      await inbox();
      await tick('Z-2101-2024').check();
      await tick('Z-2102-2024').check();
      await page.getByLabel('For the ticked recalls').selectOption({ label: 'Acknowledge' });
      expect(await submit(page, apply(), '/cases')).toBe(303);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await row('Z-2101-2024').textContent()).toContain('Acknowledged');
      expect(await row('Z-2102-2024').textContent()).toContain('Acknowledged');
      expect(casesOf('Z-2101-2024', 'Z-2102-2024', 'Z-2103-2024').map((c) => c.state)).toEqual([
        'acknowledged',
        'acknowledged',
        'new',
      ]);
      // The boxes are not left ticked for the next action.
      expect(await tick('Z-2101-2024').isChecked()).toBe(false);
      expectCleanConsoles(pat);
    });

    it('when the two are assigned to a person, then both are assigned to them', async () => {
      const { page } = pat;
      await tick('Z-2101-2024').check();
      await tick('Z-2102-2024').check();
      await page.getByLabel('For the ticked recalls').selectOption({ label: 'Assign' });
      await page.getByLabel('Assign to (when assigning)').selectOption({ label: 'Casey Tech' });
      expect(await submit(page, apply(), '/cases')).toBe(303);
      expect(await row('Z-2101-2024').textContent()).toContain('Assigned');
      const casey = userId('Casey Tech');
      expect(casesOf('Z-2101-2024', 'Z-2102-2024')).toEqual([
        { product_res_number: 'Z-2101-2024', state: 'assigned', assigned_to: casey },
        { product_res_number: 'Z-2102-2024', state: 'assigned', assigned_to: casey },
      ]);
      expectCleanConsoles(pat);
    });

    it('when two recalls are closed as not applicable with a reason, then each suggested device is dismissed with it and both close', async () => {
      const { page } = pat;
      await inbox();
      await tick('Z-2105-2024').check();
      await tick('Z-2106-2024').check();
      await page.getByLabel('For the ticked recalls').selectOption({ label: 'Close as not applicable' });
      await page.getByLabel('Why not applicable (when closing)').selectOption({ label: 'Not in service' });
      expect(await submit(page, apply(), '/cases')).toBe(303);
      expect(casesOf('Z-2105-2024', 'Z-2106-2024').map((c) => c.state)).toEqual(['closed', 'closed']);
      const reasons = query<{ reason: string }>(
        `SELECT DISTINCT reason FROM match_decisions WHERE product_res_number IN ('Z-2105-2024', 'Z-2106-2024')`,
      );
      expect(reasons).toEqual([{ reason: 'not_in_service' }]);
      await page.goto(`${server.url}/recalls/Z-2105-2024`);
      expect(await page.locator('#case dd').first().textContent()).toContain('Closed');
      expectCleanConsoles(pat);
    });

    it('when nothing is ticked, then it comes back 422 asking to tick recalls, with the action kept, and nothing changes', async () => {
      const { page } = pat;
      await inbox();
      const audits = auditCount();
      await page.getByLabel('For the ticked recalls').selectOption({ label: 'Acknowledge' });
      expect(await submit(page, apply(), '/cases')).toBe(422);
      expect(await form.getByRole('alert').textContent()).toBe('Tick the recalls to act on first.');
      expect(await page.getByLabel('For the ticked recalls').inputValue()).toBe('acknowledge');
      expect(auditCount()).toBe(audits);
      expect(stateOf('Z-2103-2024')).toBe('new');
      await keepScreenshot(page, 'inbox-bulk-nothing-ticked');
      expectCleanConsoles(pat);
    });

    it('when no action is chosen, then the browser itself holds the form back and says why', async () => {
      const { page } = pat;
      await inbox();
      await tick('Z-2103-2024').check();
      let posted = false;
      const onRequest = (r: { method(): string }) => {
        if (r.method() === 'POST') posted = true;
      };
      page.on('request', onRequest);
      await apply().click();
      const message = await page
        .getByLabel('For the ticked recalls')
        .evaluate((el) => (el as HTMLSelectElement).validationMessage);
      page.off('request', onRequest);
      expect(message).not.toBe('');
      expect(posted).toBe(false);
      expect(stateOf('Z-2103-2024')).toBe('new');
    });

    it('when recalls are closed as not applicable without a reason, then it comes back 422 naming the reasons, the ticks and the action kept, and nothing changes', async () => {
      const { page } = pat;
      await inbox();
      const audits = auditCount();
      await tick('Z-2103-2024').check();
      await tick('Z-2104-2024').check();
      await page.getByLabel('For the ticked recalls').selectOption({ label: 'Close as not applicable' });
      await page.getByLabel('Note (needed for "other")').fill('Checked on the ward');
      expect(await submit(page, apply(), '/cases')).toBe(422);
      expect(await form.getByRole('alert').textContent()).toBe(
        'Say why the recall does not apply: different model, different lot or serial number, not in service, not ours, other.',
      );
      expect(await tick('Z-2103-2024').isChecked()).toBe(true);
      expect(await tick('Z-2104-2024').isChecked()).toBe(true);
      expect(await tick('Z-2108-2024').isChecked()).toBe(false);
      expect(await page.getByLabel('For the ticked recalls').inputValue()).toBe('not_applicable');
      expect(await page.getByLabel('Note (needed for "other")').inputValue()).toBe('Checked on the ward');
      expect(casesOf('Z-2103-2024', 'Z-2104-2024').map((c) => c.state)).toEqual(['new', 'new']);
      expect(auditCount()).toBe(audits);
      expectCleanConsoles(pat);
    });

    it('when "other" is chosen without a note, then it comes back 422 asking for the note, the reason kept', async () => {
      const { page } = pat;
      await inbox();
      await tick('Z-2103-2024').check();
      await page.getByLabel('For the ticked recalls').selectOption({ label: 'Close as not applicable' });
      await page.getByLabel('Why not applicable (when closing)').selectOption({ label: 'Other' });
      expect(await submit(page, apply(), '/cases')).toBe(422);
      expect(await form.getByRole('alert').textContent()).toBe('For "other", write the reason in the note.');
      expect(await page.getByLabel('Why not applicable (when closing)').inputValue()).toBe('other');
      expect(stateOf('Z-2103-2024')).toBe('new');
      expectCleanConsoles(pat);
    });

    it('when one of the ticked recalls cannot be closed as not applicable, then it is named and neither changes (all or nothing)', async () => {
      const { page } = pat;
      await inbox();
      const audits = auditCount();
      const decisions = query<{ n: number }>('SELECT count(*) AS n FROM match_decisions')[0]!.n;
      await tick('Z-2103-2024').check();
      await tick('Z-2101-2024').check();
      await page.getByLabel('For the ticked recalls').selectOption({ label: 'Close as not applicable' });
      await page.getByLabel('Why not applicable (when closing)').selectOption({ label: 'Not ours' });
      expect(await submit(page, apply(), '/cases')).toBe(422);
      expect(await form.getByRole('alert').textContent()).toContain(
        'Z-2101-2024: BME-1001 was confirmed as affected',
      );
      expect(await page.getByLabel('Why not applicable (when closing)').inputValue()).toBe('not_ours');
      expect(await tick('Z-2103-2024').isChecked()).toBe(true);
      expect(casesOf('Z-2101-2024', 'Z-2103-2024').map((c) => c.state)).toEqual(['assigned', 'new']);
      expect(query<{ n: number }>('SELECT count(*) AS n FROM match_decisions')[0]!.n).toBe(decisions);
      expect(auditCount()).toBe(audits);
      expectCleanConsoles(pat);
    });

    it('when recalls are assigned without saying to whom, then it comes back 422 asking who, with the ticks kept', async () => {
      const { page } = pat;
      await inbox();
      await tick('Z-2103-2024').check();
      await page.getByLabel('For the ticked recalls').selectOption({ label: 'Assign' });
      expect(await submit(page, apply(), '/cases')).toBe(422);
      expect(await form.getByRole('alert').textContent()).toBe('Choose who the recalls are assigned to.');
      expect(await tick('Z-2103-2024').isChecked()).toBe(true);
      expect(stateOf('Z-2103-2024')).toBe('new');
      expectCleanConsoles(pat);
    });

    it('when recalls are assigned to a person but none is ticked, then the person chosen is kept', async () => {
      const { page } = pat;
      await inbox();
      await page.getByLabel('For the ticked recalls').selectOption({ label: 'Assign' });
      await page.getByLabel('Assign to (when assigning)').selectOption({ label: 'Casey Tech' });
      expect(await submit(page, apply(), '/cases')).toBe(422);
      expect(await form.getByRole('alert').textContent()).toBe('Tick the recalls to act on first.');
      expect(await page.getByLabel('Assign to (when assigning)').inputValue()).toBe(
        String(userId('Casey Tech')),
      );
    });
  });

  describe('changing one’s own password', () => {
    let casey: Person;
    const newPassword = 'lantern orchard quietly 42';
    const changeButton = () => casey.page.getByRole('button', { name: 'Change the password' });

    beforeAll(async () => {
      casey = await personIn('Casey Tech');
    });

    async function change(current: string, password: string, confirm = password) {
      const { page } = casey;
      await page.goto(`${server.url}/account`);
      await page.getByLabel('Current password').fill(current);
      await page.getByLabel(/^New password \(at least/).fill(password);
      await page.getByLabel('New password again').fill(confirm);
      return submit(page, changeButton(), '/account/password');
    }
    const hashOf = () =>
      query<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = ?', 'Casey Tech')[0]!
        .password_hash;

    it('when the current password is wrong, then it is refused with 422 and says so', async () => {
      const before = hashOf();
      expect(await change('not my password at all', newPassword)).toBe(422);
      expect(await alertText(casey.page)).toBe(
        'Your current password is not right: type it again, or ask an admin to reset it.',
      );
      expect(hashOf()).toBe(before);
      expectCleanConsoles(casey);
    });

    it('when the new password breaks the rule, then each is refused with 422 and its own message, and the password stays', async () => {
      const before = hashOf();
      const refused: [string, string][] = [
        ['my name is Casey Tech, ok', 'A password must not contain the user name.'],
        [
          'qwerty123456',
          'That password is on the lists of common passwords that are tried first; choose another.',
        ],
        [
          'abababababab',
          'A password needs at least 5 different characters; a few words of your own make a good one.',
        ],
      ];
      for (const [password, message] of refused) {
        expect(await change(testPassword, password), password).toBe(422);
        expect(await alertText(casey.page), password).toBe(message);
      }
      expect(hashOf()).toBe(before);
      await keepScreenshot(casey.page, 'account-password-refused');
      expectCleanConsoles(casey);
    });

    it('when the new password is too short, then the browser holds the form back, and the server refuses it too where the browser does not check', async () => {
      const { page } = casey;
      await page.goto(`${server.url}/account`);
      await page.getByLabel('Current password').fill(testPassword);
      const field = page.getByLabel(/^New password \(at least/);
      await field.fill('short1');
      await page.getByLabel('New password again').fill('short1');
      await changeButton().click();
      const validity = await field.evaluate((el) => ({
        tooShort: (el as HTMLInputElement).validity.tooShort,
        message: (el as HTMLInputElement).validationMessage,
      }));
      expect(validity.tooShort).toBe(true);
      expect(validity.message).toContain('12');
      expect(new URL(page.url()).pathname).toBe('/account');
      // A browser that does not check lengths sends it: the server says the rule.
      await page.locator('form[action="/account/password"]').evaluate((f) => {
        (f as HTMLFormElement).noValidate = true;
      });
      expect(await submit(page, changeButton(), '/account/password')).toBe(422);
      expect(await alertText(page)).toBe('A password needs at least 12 characters.');
      expectCleanConsoles(casey);
    });

    it('when the confirmation differs, then it is refused with 422 and says the two differ', async () => {
      const before = hashOf();
      expect(await change(testPassword, newPassword, `${newPassword}!`)).toBe(422);
      expect(await alertText(casey.page)).toBe('The two new passwords differ.');
      expect(hashOf()).toBe(before);
      expectCleanConsoles(casey);
    });

    it('when the change is right, then it is done, and after signing out only the new password signs in', async () => {
      const { page } = casey;
      expect(await change(testPassword, newPassword)).toBe(200);
      expect(await page.getByRole('status').first().textContent()).toBe(
        'Your password is changed. You are signed out everywhere else.',
      );
      expect(await page.getByRole('alert').count()).toBe(0);
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL(/\/login/);
      await page.getByLabel('User name').fill('Casey Tech');
      await page.getByLabel('Password').fill(testPassword);
      expect(await submit(page, page.getByRole('button', { name: 'Sign in' }), '/login')).not.toBe(303);
      expect(await alertText(page)).toContain('do not match an account');
      await signInAs(page, server, 'Casey Tech', newPassword);
      expect(new URL(page.url()).pathname).toBe('/');
      expectCleanConsoles(casey);
    });
  });

  describe('an admin resets another’s password', () => {
    let alex: Person;
    const robinsPassword = 'amber kettle winter 77';
    const robinId = () => query<{ id: number }>('SELECT id FROM users WHERE name = ?', 'Robin Tech')[0]!.id;
    const hashOf = () =>
      query<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = ?', 'Robin Tech')[0]!
        .password_hash;
    const resetField = () => alex.page.getByLabel('New password for Robin Tech');
    const resetButton = () => alex.page.getByRole('button', { name: 'Reset the password of Robin Tech' });
    const resetRow = () =>
      alex.page.locator('tbody tr', {
        has: alex.page.getByRole('button', { name: 'Reset the password of Robin Tech' }),
      });

    beforeAll(async () => {
      alex = await personIn('Alex Admin');
    });

    it('when the admin gives a weak password, then it is refused with 422 beside that account, and the old one still works', async () => {
      const { page } = alex;
      const before = hashOf();
      for (const [password, message] of [
        ['robin tech rocks 2024', 'A password must not contain the user name.'],
        [
          '1qaz2wsx3edc',
          'That password is on the lists of common passwords that are tried first; choose another.',
        ],
      ] as const) {
        await page.goto(`${server.url}/users`);
        await resetField().fill(password);
        expect(await submit(page, resetButton(), `/users/${robinId()}/password`), password).toBe(422);
        expect(await resetRow().getByRole('alert').textContent(), password).toBe(message);
        // Only that account's row says it.
        expect(await page.getByRole('alert').count()).toBe(1);
      }
      expect(hashOf()).toBe(before);
      await keepScreenshot(page, 'users-reset-refused');
      // Too short: the browser holds it back before the server is asked.
      await page.goto(`${server.url}/users`);
      await resetField().fill('tiny pass');
      await resetButton().click();
      expect(await resetField().evaluate((el) => (el as HTMLInputElement).validity.tooShort)).toBe(true);
      expect(hashOf()).toBe(before);
      expectCleanConsoles(alex);
    });

    it('when the admin gives a good password, then it is accepted, Robin is signed out, and signs in with it (not the old one)', async () => {
      const robin = await personIn('Robin Tech');
      const { page } = alex;
      await page.goto(`${server.url}/users`);
      await resetField().fill(robinsPassword);
      expect(await submit(page, resetButton(), `/users/${robinId()}/password`)).toBe(200);
      expect(await page.getByRole('status').first().textContent()).toBe(
        'Robin Tech has a new password and is signed out everywhere. Tell them it in person.',
      );
      expect(await page.getByRole('alert').count()).toBe(0);
      // Robin's open session ended with the reset.
      await robin.page.goto(`${server.url}/`);
      expect(new URL(robin.page.url()).pathname).toBe('/login');
      await robin.page.getByLabel('User name').fill('Robin Tech');
      await robin.page.getByLabel('Password').fill(testPassword);
      await submit(robin.page, robin.page.getByRole('button', { name: 'Sign in' }), '/login');
      expect(await alertText(robin.page)).toContain('do not match an account');
      await signInAs(robin.page, server, 'Robin Tech', robinsPassword);
      expect(new URL(robin.page.url()).pathname).toBe('/');
      expectCleanConsoles(alex);
      expectCleanConsoles(robin);
    });
  });

  // Without an icon declared, Chromium asks for /favicon.ico and logs its 404 as a console error.
  it('when a page is shown, then it declares an icon Vigil serves', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      const icon = await page.locator('link[rel~="icon"]').getAttribute('href');
      expect(icon).toBeTruthy();
      expect((await context.request.get(`${server.url}${icon}`)).ok()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('when every form above was used, then no page logged a console error or ran a dialog', () => {
    expect(people.length).toBeGreaterThan(0);
    for (const person of people) expectCleanConsoles(person);
  });
});
