import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { closeDatabase, type Db, openDatabase } from '../../src/db/client';
import { decideIncident, openIncident } from '../../src/incidents/record';
import { recordReportSent } from '../../src/incidents/reports-sent';
import { startServer } from '../../src/main';
import { digestStatus } from '../../src/notify/queries';
import { type MailSender, runDigest, smtpSender } from '../../src/notify/send';
import { classify, firstCases, openCasesFrom } from '../support/recall-cases';
import { startSmtpSink } from '../support/smtp-sink';
import { captureLog, runVigil, tempDir, waitFor } from '../support/vigil';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

let file: string;
let db: Db;
let clock: number;
const now = () => {
  clock += 1000;
  return new Date(clock);
};
beforeEach(() => {
  file = path.join(tempDir(), 'vigil.db');
  db = openDatabase(file);
  cleanups.push(() => closeDatabase(db));
  clock = Date.parse('2025-06-01T10:00:00.000Z');
});

async function sink() {
  const s = await startSmtpSink();
  cleanups.push(s.close);
  return s;
}

function sender(url: string): MailSender {
  const s = smtpSender(url);
  cleanups.push(() => s.close());
  return s;
}

const team = ['htm-team@hospital.example', 'biomed.lead@hospital.example'];
/** Long due times, so only new recalls make a digest: what these tests are about. */
const patient = { I: 30, II: 30, III: 30, unclassified: 30 };

const digest = (mail: MailSender | null, log = captureLog().log, dueDays = patient) =>
  runDigest({
    db,
    now,
    log,
    publicUrl: 'https://vigil.hospital.example',
    dueDays,
    from: 'vigil@hospital.example',
    to: team,
    sender: mail,
  });

/** The Z-numbers a message lists, in order. */
const listed = (text: string) => [...new Set(text.match(/Z-\d{4}-\d{4}/g))];

describe('the email digest', () => {
  it('when recalls newly match, then one digest carries them, a second run sends nothing, and later matches go in the next', async () => {
    const smtp = await sink();
    const mail = sender(smtp.url);
    await openCasesFrom(db, now);
    classify(db, 'Z-2102-2024', 'Class I');

    expect((await digest(mail)).status).toBe('sent');
    expect(smtp.messages).toHaveLength(1);
    const first = smtp.messages[0]!;
    expect(first.from).toBe('vigil@hospital.example');
    expect(first.to).toEqual(team);
    expect(first.text).toContain('Subject: Vigil: 7 new matched recalls (1 Class I)');
    expect(listed(first.text).sort()).toEqual([...firstCases].sort());
    expect(first.text).toContain('- Class I · Z-2102-2024 · Physio-Control, Inc.: LIFEPAK 20');
    expect(first.text).toContain('https://vigil.hospital.example/recalls/Z-2102-2024');
    expect(first.text).toMatch(/Content-Type: text\/html/);
    const status = digestStatus(db);
    expect(status.lastSentAt).not.toBeNull();
    expect(status.lastError).toBeNull();

    expect((await digest(mail)).status).toBe('nothing');
    expect(smtp.messages).toHaveLength(1);

    await openCasesFrom(db, now, 'recalls-later.json', false);
    expect((await digest(mail)).status).toBe('sent');
    expect(smtp.messages).toHaveLength(2);
    const later = listed(smtp.messages[1]!.text);
    expect(later.length).toBeGreaterThan(0);
    expect(later.filter((prn) => firstCases.includes(prn))).toEqual([]);
  });

  it('when Vigil restarts after sending, then the same recalls are not sent again', async () => {
    const smtp = await sink();
    await openCasesFrom(db, now);
    expect((await digest(sender(smtp.url))).status).toBe('sent');
    closeDatabase(db);
    db = openDatabase(file);
    expect((await digest(sender(smtp.url))).status).toBe('nothing');
    expect(smtp.messages).toHaveLength(1);
  });

  it('when the mail server refuses or is down, then the error is kept and logged, and the missed recalls go out with the next run', async () => {
    const smtp = await sink();
    await openCasesFrom(db, now);
    smtp.refuse('relay not permitted');
    const { log, lines } = captureLog();
    const refused = await digest(sender(smtp.url), log);
    expect(refused.status).toBe('failed');
    expect(smtp.messages).toHaveLength(0);
    expect(digestStatus(db).lastError).toMatch(/relay not permitted/);
    expect(lines.some((l) => l.startsWith('error digest not sent') && l.includes('next run'))).toBe(true);

    // Nothing listens on a port just closed.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect((await digest(sender(`smtp://127.0.0.1:${port}`))).status).toBe('failed');
    expect(digestStatus(db).lastError).toMatch(/ECONNREFUSED/);
    expect(digestStatus(db).lastSentAt).toBeNull();

    smtp.refuse(null);
    expect((await digest(sender(smtp.url))).status).toBe('sent');
    expect(listed(smtp.messages[0]!.text).sort()).toEqual([...firstCases].sort());
    expect(digestStatus(db).lastError).toBeNull();
  });

  it('when nothing is new but a case falls due within two days, then the digest reminds of it alone', async () => {
    const smtp = await sink();
    const mail = sender(smtp.url);
    await openCasesFrom(db, now);
    classify(db, 'Z-2102-2024', 'Class I');
    const dueDays = { I: 2, II: 7, III: 30, unclassified: 7 };
    await digest(mail, undefined, dueDays);
    clock += 24 * 3600_000;
    expect((await digest(mail, undefined, dueDays)).status).toBe('sent');
    const reminder = smtp.messages[1]!.text;
    expect(reminder).toContain('Subject: Vigil: 1 case due within 2 days or overdue');
    expect(reminder).toContain('due in 1 day (due 2025-06-03) · New');
    expect(listed(reminder)).toEqual(['Z-2102-2024']);
  });

  it('when an MDR report is overdue, then every digest leads with it until it is recorded as sent', async () => {
    const smtp = await sink();
    const mail = sender(smtp.url);
    const pat = { name: 'Pat Tech', userId: null };
    // Aware Thursday 15 May 2025: ten work days, Memorial Day (26 May) skipped, end on 2025-05-30.
    const { id } = openIncident(
      db,
      { title: 'Pump stopped', awareOn: '2025-05-15', outcome: 'death' },
      pat,
      now(),
    );
    decideIncident(db, id, { deviceMayHaveContributed: true, manufacturerKnown: false }, pat, now());
    expect((await digest(mail)).status).toBe('sent');
    const first = smtp.messages[0]!.text;
    expect(first).toContain('Subject: Vigil: 1 MDR report OVERDUE');
    expect(first).toContain('OVERDUE by 2 days: MedWatch 3500A to the FDA for INC-2025-0001 (Pump stopped)');
    recordReportSent(db, id, { recipient: 'FDA', sentOn: '2025-06-01' }, pat, now());
    expect((await digest(mail)).status).toBe('nothing');
  });
});

describe('vigil digest', () => {
  it('when run with --dry-run, then it prints the digest and sends and records nothing', async () => {
    await openCasesFrom(db, now);
    closeDatabase(db);
    const result = await runVigil(['digest', '--dry-run'], { VIGIL_DB: file, VIGIL_SMTP_URL: '' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Subject: Vigil: 7 new matched recalls/);
    expect(listed(result.stdout).sort()).toEqual([...firstCases].sort());
    db = openDatabase(file);
    expect(digestStatus(db).coveredUpTo).toBeNull();
  });

  it('when mail is not set up, then it fails with one line saying what to set', async () => {
    const none = await runVigil(['digest'], { VIGIL_DB: file, VIGIL_SMTP_URL: '', VIGIL_DIGEST_TO: '' });
    expect(none.code).toBe(1);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/^vigil: email is not set up: set VIGIL_SMTP_URL .* and VIGIL_DIGEST_TO/);

    const nobody = await runVigil(['digest'], {
      VIGIL_DB: file,
      VIGIL_SMTP_URL: 'smtp://127.0.0.1:2525',
      VIGIL_DIGEST_TO: '',
    });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/^vigil: nobody receives the digest: set VIGIL_DIGEST_TO/);
  });

  it('when mail is set up, then it sends the digest now', async () => {
    const smtp = await sink();
    await openCasesFrom(db, now);
    closeDatabase(db);
    const result = await runVigil(['digest'], {
      VIGIL_DB: file,
      VIGIL_SMTP_URL: smtp.url,
      VIGIL_DIGEST_TO: 'htm-team@hospital.example',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Sent: Vigil: 7 new matched recalls/);
    expect(smtp.messages.map((m) => m.to)).toEqual([['htm-team@hospital.example']]);
  });
});

describe('the digest in the server', () => {
  it('when mail is set up, then the server sends the digest on its schedule and stops it on close', async () => {
    const smtp = await sink();
    await openCasesFrom(db, now);
    closeDatabase(db);
    const config = loadConfig({
      VIGIL_DB: file,
      VIGIL_SYNC_SCHEDULE: 'off',
      VIGIL_SYNC_ON_START: 'false',
      VIGIL_SMTP_URL: smtp.url,
      VIGIL_DIGEST_TO: 'htm-team@hospital.example',
      VIGIL_DIGEST_SCHEDULE: '* * * * * *',
    });
    const server = await startServer({ ...config, port: 0 }, captureLog().log);
    await waitFor(() => smtp.messages.length > 0, 10_000, 'the scheduled digest');
    await server.close();
    const sent = smtp.messages.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages).toHaveLength(sent);
    expect(listed(smtp.messages[0]!.text).sort()).toEqual([...firstCases].sort());
    db = openDatabase(file);
  });
});
