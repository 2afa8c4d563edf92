import { z } from '@hono/zod-openapi';

// In a /u pattern a surrogate pair is one code point, so \p{Cs} matches only unpaired halves.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const FORBIDDEN = /[\u0000\p{Cs}]/u;

/**
 * A trimmed string of `min`..`max` characters that PostgreSQL can store: no NUL character (text and
 * jsonb refuse it) and no lone UTF-16 surrogate (jsonb refuses its escape), so such input is a 400,
 * not a database error.
 */
export function safeText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !FORBIDDEN.test(value), 'must not contain NUL or unpaired surrogate characters');
}
