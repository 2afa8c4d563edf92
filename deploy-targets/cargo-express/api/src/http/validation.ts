import type { Context } from 'hono';
import type { z } from 'zod';

/** One problem with a request, `path` in dot notation (`productos.0.precio`), as the 400 body lists them. */
export type FieldError = { path: string; message: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function badRequest(c: Context, detail: string, errors: FieldError[]): Response {
  return c.json({ detail, errors }, 400);
}

/** Parses the JSON body with `schema`; anything else becomes a 400 that names each bad field. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.infer<S>>> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { ok: false, response: badRequest(c, 'Request body must be JSON', [{ path: '', message: error.message }]) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, response: badRequest(c, 'Invalid request body', fieldErrors(parsed.error)) };
  }
  return { ok: true, value: parsed.data };
}

/** Same as parseJsonBody, for the query string. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    return { ok: false, response: badRequest(c, 'Invalid query parameters', fieldErrors(parsed.error)) };
  }
  return { ok: true, value: parsed.data };
}
