import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (OWASP's minimum: 19 MiB, 2 passes). */
export const hashPassword = (password: string): Promise<string> => hash(password);

// Unknown usernames are checked against this, so that the answer takes as long as for a real user.
const decoy = hash('decoy password, never matches');

export async function checkPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    await verify(await decoy, password);
    return false;
  }
  return verify(passwordHash, password);
}
