import { z } from 'zod';

/** Ids are `bigint` identity columns; 18 digits stay inside their range (2^63 - 1 has 19). */
export const rowIdPattern = /^[1-9]\d{0,17}$/;

/** An id in a JSON body: a positive integer or its decimal string, normalised to the string. */
export const rowId = z
  .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(rowIdPattern, 'a positive integer id')])
  .transform(String);
