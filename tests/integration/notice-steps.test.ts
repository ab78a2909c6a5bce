import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserByName } from '../../src/auth/users';
import { assetDispositions, auditLog, matchDecisions, recallCases } from '../../src/db/schema';
import { textOf } from '../support/page-text';
import { seedTypicalNotice } from '../support/typical-notice';
import { signedIn, testWebApp } from '../support/web';

let web: ReturnType<typeof testWebApp>;
beforeEach(() => {
  web = testWebApp();
});
afterEach(() => web.close());

const text = async (res: Response | Promise<Response>) => (await res).text();
const caseOf = (id: string) =>
  web.db.select().from(recallCases).where(eq(recallCases.productResNumber, id)).get()!;
const actions = (id: string) =>
  web.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.entityId, id))
    .all()
    .map((a) => a.action);
const decisionOf = (tag: string, id: string) =>
  web.db
    .select()
    .from(matchDecisions)
    .where(and(eq(matchDecisions.assetTag, tag), eq(matchDecisions.productResNumber, id)))
    .get();

const notice = '/recalls/Z-2103-2024';

describe('a notice in few steps, on the recall page', () => {
  it('when the page opens, then the notice in brief comes first: class, FDA status, firm, reason, action and due date', async () => {
    await seedTypicalNotice(web.db);
    const tech = await signedIn(web.app, web.db, 'technician');
    const html = await text(tech.get(notice));
    const summary = textOf(
      html.slice(html.indexOf('<section id="summary"'), html.indexOf('<section id="assets"')),
    );
    expect(summary).toContain('Class II');
    expect(summary).toContain('FDA status Open, Classified');
    expect(summary).toContain('Philips Medizin Systeme Boeblingen GmbH');
    expect(summary).toContain('after a power interruption the monitor may restart with its alarms paused');
    expect(summary).toContain('the firm will install a corrected software release');
    expect(summary).toMatch(/Due \d{4}-\d{2}-\d{2} \(in 7 days\)/);
    // Then the devices, then the workflow.
    expect(html.indexOf('<section id="assets"')).toBeLessThan(html.indexOf('<section id="case"'));
    expect(html).toContain('<script src="/static/recall-keys.js" defer=""></script>');
  });

  it('when "Confirm all high-confidence" is posted as a browser sends it, then each is confirmed and audited, and the first decision takes the case up', async () => {
    await seedTypicalNotice(web.db);
    const tech = await signedIn(web.app, web.db, 'technician', 'Pat Tech');
    expect(caseOf('Z-2103-2024').state).toBe('new');
    const res = await tech.submit(notice, `${notice}/confirm-high`);
    expect(res.status).toBe(303);
    for (const tag of ['BME-1004', 'BME-1005', 'BME-1013'])
      expect(decisionOf(tag, 'Z-2103-2024')?.decision, tag).toBe('confirmed');
    const me = findUserByName(web.db, 'Pat Tech')!.id;
    expect(caseOf('Z-2103-2024')).toMatchObject({ state: 'assigned', assignedTo: me });
    expect(actions('Z-2103-2024')).toEqual([
      'match.confirmed',
      'match.confirmed',
      'match.confirmed',
      'case.assigned',
    ]);
    // Nothing left to confirm: the button is gone, and a second post says why.
    expect(await text(tech.get(notice))).not.toContain('Confirm all high-confidence');
    const again = await tech.htmx(`${notice}/confirm-high`, 'POST', {});
    expect(again.status).toBe(422);
    expect(textOf(await again.text())).toContain('No high-confidence match is waiting to be confirmed.');
  });

  it('when a case is already assigned to someone, then a decision by another technician leaves it with them', async () => {
    await seedTypicalNotice(web.db);
    const first = await signedIn(web.app, web.db, 'technician', 'Pat Tech');
    await first.submit(notice, `${notice}/state`, {
      to: 'assigned',
      assignee: String(findUserByName(web.db, 'Pat Tech')!.id),
    });
    const other = await signedIn(web.app, web.db, 'technician', 'Lee Tech');
    await other.get(notice);
    await other.htmx(`${notice}/assets/BME-1004/decision`, 'POST', { decision: 'confirmed' });
    expect(caseOf('Z-2103-2024').assignedTo).toBe(findUserByName(web.db, 'Pat Tech')!.id);
  });

  it('when a disposition is recorded for the ticked devices, then only they get it; with none ticked it is refused and nothing changes', async () => {
    await seedTypicalNotice(web.db);
    const tech = await signedIn(web.app, web.db, 'technician');
    const none = await tech.submit(notice, `${notice}/dispositions`, {
      disposition: 'corrected',
      scope: 'selected',
    });
    expect(none.status).toBe(422);
    expect(textOf(await none.text())).toContain('Tick the devices the disposition is for.');
    expect(web.db.select().from(assetDispositions).all()).toEqual([]);

    const some = await tech.submit(notice, `${notice}/dispositions`, {
      disposition: 'corrected',
      scope: 'selected',
      tags: ['BME-1004', 'BME-1013'],
    });
    expect(some.status).toBe(303);
    const tags = web.db
      .select({ tag: assetDispositions.assetTag })
      .from(assetDispositions)
      .all()
      .map((r) => r.tag);
    expect(tags.sort()).toEqual(['BME-1004', 'BME-1013']);
    expect(textOf(await text(tech.get(notice)))).toContain('recorded corrected for BME-1004, BME-1013');

    // A device that is not matched to the recall is refused by name.
    const stray = await tech.submit(notice, `${notice}/dispositions`, {
      disposition: 'corrected',
      scope: 'selected',
      tags: ['BME-1001'],
    });
    expect(stray.status).toBe(422);
    expect(textOf(await stray.text())).toContain('BME-1001 is not matched to this recall.');
  });

  it('when every device is final, then the close is offered beside the devices and closes in place', async () => {
    await seedTypicalNotice(web.db);
    const tech = await signedIn(web.app, web.db, 'technician');
    expect(await text(tech.get(notice))).not.toContain('Close the recall: every device is final');
    await tech.htmx(`${notice}/assets/BME-1005/decision`, 'POST', {
      decision: 'dismissed',
      reason: 'different_lot_serial',
      note: '',
    });
    const rest = await tech.htmx(`${notice}/dispositions`, 'POST', {
      disposition: 'corrected',
      note: '',
      scope: 'rest',
    });
    expect(rest.status).toBe(200);
    const section = await rest.text();
    expect(section).toContain('Close the recall: every device is final');
    expect(textOf(section)).toContain(
      'Disposition of 2 devices: corrected. Every device has a final disposition',
    );
    const closed = await tech.htmx(`${notice}/state`, 'POST', { to: 'closed', assignee: '' });
    expect(closed.status).toBe(200);
    expect(textOf(await closed.text())).toContain('The recall is closed.');
    expect(caseOf('Z-2103-2024').state).toBe('closed');
  });

  it('when a viewer or a forged form posts the new steps, then they are refused and nothing changes', async () => {
    await seedTypicalNotice(web.db);
    const viewer = await signedIn(web.app, web.db, 'viewer');
    const page = await text(viewer.get(notice));
    expect(page).not.toContain('Confirm all high-confidence');
    expect(page).not.toContain('recall-keys.js');
    expect(page).not.toContain('name="tags"');
    expect((await viewer.post(`${notice}/confirm-high`)).status).toBe(403);
    expect(
      (await viewer.post(`${notice}/dispositions`, { disposition: 'corrected', scope: 'rest' })).status,
    ).toBe(403);
    const tech = await signedIn(web.app, web.db, 'technician');
    await tech.get(notice);
    expect((await tech.post(`${notice}/confirm-high`, { _csrf: 'forged' })).status).toBe(403);
    expect(web.db.select().from(matchDecisions).all()).toEqual([]);
    expect(actions('Z-2103-2024')).toEqual([]);
  });
});

describe('several cases at once, from the inbox', () => {
  it('when a technician ticks recalls and acknowledges them, then each moves and is audited; with none ticked it is refused', async () => {
    await seedTypicalNotice(web.db);
    const tech = await signedIn(web.app, web.db, 'technician');
    const none = await tech.submit('/', '/cases', { action: 'acknowledge' });
    expect(none.status).toBe(422);
    expect(textOf(await none.text())).toContain('Tick the recalls to act on first.');
    const res = await tech.submit('/', '/cases', {
      action: 'acknowledge',
      ids: ['Z-2101-2024', 'Z-2102-2024'],
    });
    expect(res.status).toBe(303);
    expect(caseOf('Z-2101-2024').state).toBe('acknowledged');
    expect(caseOf('Z-2102-2024').state).toBe('acknowledged');
    expect(caseOf('Z-2103-2024').state).toBe('new');
    expect(actions('Z-2101-2024')).toEqual(['case.acknowledged']);
  });

  it('when recalls are assigned without saying to whom, then it is refused with what was ticked kept', async () => {
    await seedTypicalNotice(web.db);
    const tech = await signedIn(web.app, web.db, 'technician', 'Pat Tech');
    const res = await tech.submit('/', '/cases', { action: 'assign', ids: ['Z-2101-2024'] });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(textOf(html)).toContain('Choose who the recalls are assigned to.');
    expect(html).toMatch(/value="Z-2101-2024" form="inbox-bulk" checked/);
    const me = String(findUserByName(web.db, 'Pat Tech')!.id);
    expect(
      (await tech.submit('/', '/cases', { action: 'assign', assignee: me, ids: ['Z-2101-2024'] })).status,
    ).toBe(303);
    expect(caseOf('Z-2101-2024')).toMatchObject({ state: 'assigned', assignedTo: Number(me) });
  });

  it('when recalls are closed as not applicable, then each suggested device is dismissed with the reason, audited, and the case closes', async () => {
    await seedTypicalNotice(web.db);
    const tech = await signedIn(web.app, web.db, 'technician');
    const unsaid = await tech.submit('/', '/cases', { action: 'not_applicable', ids: ['Z-2103-2024'] });
    expect(unsaid.status).toBe(422);
    expect(textOf(await unsaid.text())).toContain('Say why the recall does not apply');
    const res = await tech.submit('/', '/cases', {
      action: 'not_applicable',
      reason: 'not_in_service',
      ids: ['Z-2102-2024', 'Z-2103-2024'],
    });
    expect(res.status).toBe(303);
    for (const tag of ['BME-1004', 'BME-1005', 'BME-1013'])
      expect(decisionOf(tag, 'Z-2103-2024')).toMatchObject({
        decision: 'dismissed',
        reason: 'not_in_service',
      });
    expect(caseOf('Z-2103-2024').state).toBe('closed');
    expect(caseOf('Z-2102-2024').state).toBe('closed');
    expect(actions('Z-2103-2024')).toEqual([
      'match.dismissed',
      'match.dismissed',
      'match.dismissed',
      'case.closed',
    ]);
  });

  it('when a ticked recall has a confirmed device, then closing as not applicable is refused naming it, and nothing is written', async () => {
    await seedTypicalNotice(web.db);
    const tech = await signedIn(web.app, web.db, 'technician');
    await tech.get('/recalls/Z-2101-2024');
    await tech.htmx('/recalls/Z-2101-2024/assets/BME-1001/decision', 'POST', { decision: 'confirmed' });
    const before = web.db.select().from(auditLog).all().length;
    const res = await tech.submit('/', '/cases', {
      action: 'not_applicable',
      reason: 'not_ours',
      ids: ['Z-2103-2024', 'Z-2101-2024'],
    });
    expect(res.status).toBe(422);
    expect(textOf(await res.text())).toContain('Z-2101-2024: BME-1001 was confirmed as affected');
    expect(web.db.select().from(auditLog).all()).toHaveLength(before);
    expect(caseOf('Z-2103-2024').state).toBe('new');
  });

  it('when a viewer opens the inbox, then there are no boxes to tick, and a post is refused; a forged one too', async () => {
    await seedTypicalNotice(web.db);
    const viewer = await signedIn(web.app, web.db, 'viewer');
    expect(await text(viewer.get('/'))).not.toContain('inbox-bulk');
    expect((await viewer.post('/cases', { action: 'acknowledge', ids: 'Z-2101-2024' })).status).toBe(403);
    const tech = await signedIn(web.app, web.db, 'technician');
    await tech.get('/');
    expect(
      (await tech.post('/cases', { action: 'acknowledge', ids: 'Z-2101-2024', _csrf: 'forged' })).status,
    ).toBe(403);
    expect(caseOf('Z-2101-2024').state).toBe('new');
  });
});
