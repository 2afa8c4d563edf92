import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.ts';
import { rowIdPattern } from '../schemas/row-id.ts';

export type FieldError = { path: string; message: string };

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Parses the JSON body with `schema`; a bad body is 400 with one entry per field. */
export async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch (error) {
    throw new ApiError(400, 'invalid_json', `request body is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError(400, 'validation_failed', 'invalid request body', fieldErrors(parsed.error));
  return parsed.data;
}

/** Parses query parameters the same way. */
export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new ApiError(400, 'validation_failed', 'invalid query', fieldErrors(parsed.error));
  return parsed.data;
}

/** Route ids are positive integers; anything else cannot name a row. */
export function idParam(c: Context, name = 'id'): string {
  const value = c.req.param(name) ?? '';
  if (!rowIdPattern.test(value)) throw new ApiError(404, 'not_found', `no such ${name}`);
  return value;
}
