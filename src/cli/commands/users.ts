import readline from 'node:readline';
import { type Command, Option } from 'commander';
import { minPasswordLength } from '../../auth/password-rules';
import { type Role, roles } from '../../shared/vocabulary';
import { CommandFailed, type WithContext } from './shared';

/** Asks for a password on the terminal without echoing it; Ctrl-C gives up. */
function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (result: () => void) => {
      input.removeListener('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      result();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003' || ch === '\u0004') return done(() => reject(new CommandFailed('no user added')));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of standard input, so a script can pipe the password in. */
async function firstLine(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new CommandFailed('no password on standard input: pipe it in, or run this in a terminal');
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLine();
  const password = await askHidden(
    `Password (at least ${minPasswordLength} characters, not containing the user name): `,
  );
  const again = await askHidden('The same password again: ');
  if (password !== again) throw new CommandFailed('the two passwords differ; no user added');
  return password;
}

export function addUserCommands(program: Command, withContext: WithContext) {
  const user = program.command('user').description('accounts that sign in to the web app');

  user
    .command('add')
    .description(
      'add an account; the password is asked twice on a terminal, or read from the first line of standard input',
    )
    .argument('<name>', 'the user name people sign in with')
    .addOption(
      new Option(
        '--role <role>',
        'what the account may do: admin (everything), technician (works recalls and the inventory), viewer (reads only)',
      )
        .choices(roles)
        .makeOptionMandatory(),
    )
    .option('--by <name>', 'who is adding the account, for the audit log (default: the new user)')
    .action(async (name: string, options: { role: Role; by?: string }) => {
      const [{ addUser, nameProblem }, { Refusal }] = await Promise.all([
        import('../../auth/users'),
        import('../../shared/refusal'),
      ]);
      // A bad name fails before anyone types a password.
      const problem = nameProblem(name.trim());
      if (problem) throw new CommandFailed(`${problem}; no user added`);
      const password = await readPassword();
      const added = await withContext(async (ctx) => {
        try {
          const by = options.by ? { name: options.by, userId: null } : null;
          return await addUser(ctx.db, { name, password, role: options.role }, by, ctx.now());
        } catch (error) {
          if (error instanceof Refusal) throw new CommandFailed(`${error.message}; no user added`);
          throw error;
        }
      });
      console.log(`Added ${added.role} ${added.name}.`);
    });

  user
    .command('list')
    .description('list the accounts: name, role, and whether each is active or disabled')
    .action(async () => {
      const all = await withContext(async (ctx) => (await import('../../auth/users')).listUsers(ctx.db));
      if (all.length === 0) {
        console.log('No users yet: add the first admin with `vigil user add NAME --role admin`.');
        return;
      }
      const width = Math.max(4, ...all.map((u) => u.name.length));
      console.log(`${'NAME'.padEnd(width)}  ${'ROLE'.padEnd(10)}  STATUS`);
      for (const u of all)
        console.log(`${u.name.padEnd(width)}  ${u.role.padEnd(10)}  ${u.disabled ? 'disabled' : 'active'}`);
    });
}
