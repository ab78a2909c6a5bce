/** What a password must be, free of the hashing library, so that commands can say it at once. */

/** Long enough to resist guessing, short enough to type on a shared workstation. */
export const minPasswordLength = 12;

/** Why a password cannot be used, or null when it can. */
export function passwordProblem(password: string): string | null {
  if (password.length < minPasswordLength) return `a password needs at least ${minPasswordLength} characters`;
  if (password.length > 1024) return 'a password can have at most 1,024 characters';
  return null;
}
