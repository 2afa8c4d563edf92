import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented token with the expected one in constant time. Both are hashed first so that
 * the comparison takes the same time whatever their lengths, and an unset expected token matches
 * nothing.
 */
export function tokenMatches(presented: string, expected: string | undefined): boolean {
  if (!expected) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
