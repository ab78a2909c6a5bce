import argon2 from 'argon2';

/** Long enough to resist guessing, short enough to type on a shared workstation. */
export const minPasswordLength = 12;

/** Why a password cannot be used, or null when it can. */
export function passwordProblem(password: string): string | null {
  if (password.length < minPasswordLength) return `a password needs at least ${minPasswordLength} characters`;
  if (password.length > 1024) return 'a password can have at most 1,024 characters';
  return null;
}

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended floor or above. */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * Verified against when the name is unknown, so a wrong name takes as long as a wrong password
 * and the timing does not tell which names exist.
 */
let decoy: Promise<string> | null = null;
export async function verifyNothing(password: string): Promise<false> {
  decoy ??= hashPassword('not a password of anyone');
  await verifyPassword(await decoy, password);
  return false;
}
