import { Cron } from 'croner';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { Logger } from '../log';
import { digestStatus } from './queries';
import { mailSetupProblem, runDigest, smtpSender } from './send';

export type DigestSchedule = { nextRunAt(): Date | null; stop(): Promise<void> };

/** A scheduled time that passed while the server was down: the last run covered less than it. */
export function digestMissed(schedule: string, coveredUpTo: string | null, now: Date): boolean {
  if (!coveredUpTo) return false;
  const next = new Cron(schedule, { paused: true }).nextRun(new Date(coveredUpTo));
  return next !== null && next.getTime() <= now.getTime();
}

/**
 * Sends the digest on its schedule when mail is set up; null when it is not. A digest the server
 * missed while down (or that failed) goes out soon after start, not a day late.
 */
export function startDigestSchedule(deps: {
  config: Pick<Config, 'mail' | 'publicUrl' | 'dueDays'>;
  db: Db;
  now: () => Date;
  log: Logger;
}): DigestSchedule | null {
  const { mail } = deps.config;
  if (!mail.digestSchedule || mailSetupProblem(mail)) return null;
  const sender = smtpSender(mail.smtpUrl!);
  let running: Promise<unknown> | null = null;
  const run = async () => {
    if (running) return;
    running = runDigest({
      ...deps,
      publicUrl: deps.config.publicUrl,
      dueDays: deps.config.dueDays,
      from: mail.from,
      to: mail.digestTo,
      sender,
    }).catch((error: Error) => deps.log.error(`digest failed: ${error.message}`));
    await running;
    running = null;
  };
  const cron = new Cron(mail.digestSchedule, { protect: true }, run);
  let catchUp: NodeJS.Timeout | null = null;
  if (digestMissed(mail.digestSchedule, digestStatus(deps.db).coveredUpTo, deps.now())) {
    catchUp = setTimeout(() => void cron.trigger(), 5000);
  }
  return {
    nextRunAt: () => cron.nextRun(),
    async stop() {
      if (catchUp) clearTimeout(catchUp);
      cron.stop();
      await running;
      sender.close();
    },
  };
}
