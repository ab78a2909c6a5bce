import nodemailer from 'nodemailer';
import type { Config, DueDays } from '../config';
import type { Db } from '../db/client';
import { reportsDue } from '../incidents/due';
import type { Logger } from '../log';
import { composeDigest, type Digest } from './digest';
import {
  casesByState,
  casesOpenedBetween,
  digestStatus,
  recordDigestDone,
  recordDigestFailure,
  unclosedCases,
} from './queries';

export type Mail = { from: string; to: string[]; subject: string; text: string; html: string };
export type MailSender = { send(mail: Mail): Promise<void>; close(): void };

/** Sends over the SMTP server at `smtpUrl` (smtp:// or smtps://, credentials in the URL). */
export function smtpSender(smtpUrl: string): MailSender {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // A mail server that does not answer should fail this run, not hold it for minutes.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      await transport.sendMail(mail);
    },
    close: () => transport.close(),
  };
}

/** What stops the digest from being sent, in words that say what to set; null when it can be. */
export function mailSetupProblem(mail: Config['mail']): string | null {
  if (!mail.smtpUrl && mail.digestTo.length === 0)
    return 'email is not set up: set VIGIL_SMTP_URL (such as smtp://mail.example.org:25) and VIGIL_DIGEST_TO (addresses separated by commas)';
  if (!mail.smtpUrl) return 'no mail server is set: set VIGIL_SMTP_URL, such as smtp://mail.example.org:25';
  if (mail.digestTo.length === 0)
    return 'nobody receives the digest: set VIGIL_DIGEST_TO to email addresses separated by commas';
  return null;
}

export type DigestDeps = {
  db: Db;
  now: () => Date;
  log: Logger;
  publicUrl: string;
  dueDays: DueDays;
  from: string;
  to: string[];
  /** Null for a dry run: compose, send nothing, record nothing. */
  sender: MailSender | null;
};

export type DigestOutcome =
  | { status: 'nothing' }
  | { status: 'composed'; digest: Digest }
  | { status: 'sent'; digest: Digest }
  | { status: 'failed'; digest: Digest; error: string };

/**
 * Composes the digest from the database and sends it. Only a sent digest (or a run that found
 * nothing) moves `covered_up_to` on, so a failed send leaves its cases to the next run, and a
 * restart neither skips nor repeats them.
 */
export async function runDigest(deps: DigestDeps): Promise<DigestOutcome> {
  const { db } = deps;
  const now = deps.now();
  const upTo = now.toISOString();
  const digest = composeDigest({
    now,
    publicUrl: deps.publicUrl,
    dueDays: deps.dueDays,
    opened: casesOpenedBetween(db, digestStatus(db).coveredUpTo, upTo),
    unclosed: unclosedCases(db),
    counts: casesByState(db),
    mdrDue: reportsDue(db, upTo.slice(0, 10)),
  });
  if (!deps.sender) return digest ? { status: 'composed', digest } : { status: 'nothing' };
  if (!digest) {
    recordDigestDone(db, upTo, null);
    return { status: 'nothing' };
  }
  try {
    await deps.sender.send({ from: deps.from, to: deps.to, ...digest });
  } catch (cause) {
    const error = `the mail server refused or could not be reached: ${(cause as Error).message}`;
    deps.log.error(
      `digest not sent (${digest.opened} new, ${digest.due} due): ${error}; it goes out with the next run`,
    );
    recordDigestFailure(db, error);
    return { status: 'failed', digest, error };
  }
  recordDigestDone(db, upTo, deps.now().toISOString());
  deps.log.info(
    `digest sent to ${deps.to.length} ${deps.to.length === 1 ? 'address' : 'addresses'}: ${digest.subject}`,
  );
  return { status: 'sent', digest };
}
