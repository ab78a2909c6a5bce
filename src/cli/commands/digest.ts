import type { Command } from 'commander';
import { CommandFailed, type WithContext } from './shared';

export function addDigestCommands(program: Command, withContext: WithContext) {
  program
    .command('digest')
    .description(
      'send the email digest now: recalls newly matched since the last one, and cases due within 2 days or overdue (VIGIL_SMTP_URL, VIGIL_DIGEST_TO)',
    )
    .option('--dry-run', 'print the digest instead of sending it, and record nothing', false)
    .action(async (options: { dryRun: boolean }) => {
      const outcome = await withContext(async (ctx) => {
        const { mailSetupProblem, runDigest, smtpSender } = await import('../../notify/send');
        const { mail } = ctx.config;
        const problem = options.dryRun ? null : mailSetupProblem(mail);
        if (problem) throw new CommandFailed(`${problem}; or run vigil digest --dry-run to see it`);
        const sender = options.dryRun ? null : smtpSender(mail.smtpUrl!);
        try {
          return await runDigest({
            db: ctx.db,
            now: ctx.now,
            log: ctx.log,
            publicUrl: ctx.config.publicUrl,
            dueDays: ctx.config.dueDays,
            from: mail.from,
            to: mail.digestTo,
            sender,
          });
        } finally {
          sender?.close();
        }
      });
      switch (outcome.status) {
        case 'nothing':
          console.log('Nothing new and nothing due: no digest to send.');
          return;
        case 'composed':
          console.log(`Subject: ${outcome.digest.subject}\n\n${outcome.digest.text}`);
          return;
        case 'sent':
          console.log(`Sent: ${outcome.digest.subject}`);
          return;
        case 'failed':
          throw new CommandFailed(
            `the digest was not sent: ${outcome.error}; its recalls go out with the next run`,
          );
      }
    });
}
