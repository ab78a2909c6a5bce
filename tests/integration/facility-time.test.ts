import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { custodyLog, recallCases } from '../../src/db/schema';
import { textOf } from '../support/page-text';
import { openCasesFrom } from '../support/recall-cases';
import { signedIn, testWebApp } from '../support/web';

/**
 * The facility's days, not UTC's: at 7:30 p.m. in New York it is already the next day in UTC,
 * and a day started too early moves the 10-work-day MDR clock and every due date.
 */

// 19:30 on Friday 20 November 2026 in New York; 00:30 on the 21st in UTC.
const evening = new Date('2026-11-21T00:30:00.000Z');

let web: ReturnType<typeof testWebApp>;
afterEach(() => web.close());

describe("the facility's time zone", () => {
  it('when an incident is recorded in a New York evening, then the aware date is that day, not the UTC day', async () => {
    web = testWebApp({ now: () => evening, timeZone: 'America/New_York' });
    await openCasesFrom(web.db, () => evening);
    const tech = await signedIn(web.app, web.db, 'technician', 'Pat Tech');
    const form = await (await tech.get('/incidents/new')).text();
    expect(form).toMatch(/name="awareOn" type="date" value="2026-11-20"/);

    const res = await tech.submit('/incidents/new', '/incidents', {
      title: 'Alarm silent',
      outcome: 'death',
    });
    const path = res.headers.get('location')!;
    await tech.submit(path, `${path}/reportability`, { contributed: 'yes', manufacturerKnown: 'yes' });
    const page = textOf(await (await tech.get(path)).text());
    // Aware on Friday 20 November: ten work days, past Thanksgiving, end on Monday 7 December.
    expect(page).toContain('2026-12-07');
    expect(page).toMatch(/Opened Pat Tech, 2026-11-20 19:30 EST/);

    await tech.submit(`${path}?device=BME-1001`, `${path}/devices`);
    await tech.submit(path, `${path}/devices/BME-1001/sequester`, { where: 'Biomed cage', why: 'as found' });
    const step = web.db.select().from(custodyLog).get()!;
    expect(step.at).toBe('2026-11-20T19:30');
    const evidence = textOf(await (await tech.get(path)).text());
    expect(evidence).toContain('When (America/New_York time)');
    expect(evidence).toContain('Sequestered since 2026-11-20 19:30 EST');
  });

  it('when a recall case opens in a New York evening, then it is due by the class rule counted from that day', async () => {
    web = testWebApp({ now: () => evening, timeZone: 'America/New_York' });
    await openCasesFrom(web.db, () => evening);
    const kase = web.db
      .select()
      .from(recallCases)
      .where(eq(recallCases.productResNumber, 'Z-2101-2024'))
      .get()!;
    expect(kase.openedAt).toBe('2026-11-21T00:30:00.000Z');
    const viewer = await signedIn(web.app, web.db, 'viewer');
    const page = textOf(await (await viewer.get('/recalls/Z-2101-2024')).text());
    // Unclassified: 7 days from Friday the 20th, the facility's day.
    expect(page).toContain('Opened 2026-11-20');
    expect(page).toContain('Due 2026-11-27 (in 7 days)');
    // The compliance report counts the case as opened on the 20th.
    const report = textOf(
      await (await viewer.get('/reports/compliance?from=2026-11-20&to=2026-11-20')).text(),
    );
    expect(report).toContain('Z-2101-2024');
    const dayAfter = textOf(
      await (await viewer.get('/reports/compliance?from=2026-11-21&to=2026-11-21')).text(),
    );
    expect(dayAfter).not.toContain('Z-2101-2024');
  });
});
