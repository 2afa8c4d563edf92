/**
 * How many seconds ago a comment was written, from the `created_at` GitHub signed into the payload.
 * A timestamp that cannot be read counts as infinitely old: acting on it would be the unsafe guess.
 * A timestamp slightly in the future (clock skew) counts as new.
 */
export function commentAgeSeconds(createdAt: string, now: Date): number {
  const written = Date.parse(createdAt);
  if (Number.isNaN(written)) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.floor((now.getTime() - written) / 1000));
}
