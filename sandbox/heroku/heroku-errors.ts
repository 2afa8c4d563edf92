import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** Heroku's error body: `{ id, message }` with a machine-readable id. */
export function herokuError(c: Context, status: ContentfulStatusCode, id: string, message: string): Response {
  return c.json({ id, message }, status);
}

export function appNotFound(c: Context): Response {
  return herokuError(c, 404, 'not_found', "Couldn't find that app.");
}

export function notFound(c: Context, what: string): Response {
  return herokuError(c, 404, 'not_found', `Couldn't find that ${what}.`);
}

/** Parses a JSON body against a schema; an invalid body gets Heroku's 422 `invalid_params`. */
export async function parseBody<T>(c: Context, schema: z.ZodType<T>): Promise<{ ok: true; body: T } | { ok: false; response: Response }> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return { ok: false, response: herokuError(c, 400, 'bad_request', 'Invalid JSON in the request body.') };
    }
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, body: result.data };
  const issue = result.error.issues[0];
  const message = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'Invalid params.';
  return { ok: false, response: herokuError(c, 422, 'invalid_params', message) };
}
