import { createRequire } from 'node:module';

/** What a password must be, free of the hashing library, so that commands can say it at once. */

/** Long enough to resist guessing, short enough to type on a shared workstation. */
export const minPasswordLength = 12;

/**
 * Why a password cannot be used by the account named `name`, or null when it can. The one rule
 * for the first-run page, the users page, changing a password and `vigil user add`.
 */
export function passwordProblem(password: string, name: string): string | null {
  if (password.length < minPasswordLength) return `a password needs at least ${minPasswordLength} characters`;
  if (password.length > 1024) return 'a password can have at most 1,024 characters';
  // The name is the first thing anyone guessing tries, in every spelling.
  const who = name.trim().toLowerCase();
  if (who && password.toLowerCase().includes(who)) return 'a password must not contain the user name';
  // Long but guessed at once: "aaaaaaaaaaaa", "121212121212".
  if (new Set(password.toLowerCase()).size < 5)
    return 'a password needs at least 5 different characters; a few words of your own make a good one';
  if (commonPasswords().has(password.toLowerCase()))
    return 'that password is on the lists of common passwords that are tried first; choose another';
  return null;
}

let common: Set<string> | null = null;

/**
 * The 49,000 passwords leaked most often (zxcvbn-ts's list, as its checker uses it), lower-cased:
 * read the first time a password is checked, not when a command starts.
 */
function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as {
      dictionary: Record<string, string[]>;
    };
    const list = dictionary['passwords-common'];
    if (!list) throw new Error('the common-password list of @zxcvbn-ts/language-common was not found');
    common = new Set(list.map((p) => p.toLowerCase()));
  }
  return common;
}
