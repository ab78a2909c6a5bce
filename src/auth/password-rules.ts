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
  return null;
}
