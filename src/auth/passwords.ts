import argon2 from 'argon2';

export { minPasswordLength, passwordProblem } from './password-rules';

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
