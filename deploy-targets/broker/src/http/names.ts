import { z } from 'zod';

export const username = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2-64 characters: a-z, 0-9, . _ -');
export const channelName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 characters: a-z, 0-9, . _ -');
export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
