import { z } from '@hono/zod-openapi';

export const username = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2-64 characters: a-z, 0-9, . _ -');
export const channelName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 characters: a-z, 0-9, . _ -');

/** An id in a JSON body: a JSON number only, so `true`, `[5]` and `"5"` are refused rather than coerced (`1e0` is the JSON number 1). */
export const bodyId = z.number().int().positive(); // zod 4: int() already means a safe integer

/**
 * An id in a path: decimal digits only, no sign, exponent, leading zero or spaces (`1e0`, `+1`,
 * `0x1`, ` 1` are refused), and small enough to be exact in JavaScript and to fit the bigint column.
 */
export const pathId = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, 'must be a positive integer id (digits only)')
  .transform(Number)
  .refine((value) => value <= Number.MAX_SAFE_INTEGER, 'is past the largest id')
  .openapi({ type: 'string', pattern: '^[1-9][0-9]{0,15}$' });
