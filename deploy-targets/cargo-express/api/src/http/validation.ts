import type { Hook } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Env } from 'hono';

/** One problem with a request, `path` in dot notation (`productos.0.precio`), as the 400 body lists them. */
export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() }).openapi('FieldError');
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** Every error answer: `{ detail }`; a 400 also lists `errors`. */
export const errorSchema = z.object({ detail: z.string(), errors: z.array(fieldErrorSchema).optional() }).openapi('Error');

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

const DETAIL: Record<string, string> = { json: 'Invalid request body', query: 'Invalid query parameters' };

/** The 400 every route answers when its body or query does not match its schema. */
export const validationHook: Hook<unknown, Env, string, unknown> = (result, c) => {
  if (result.success) return undefined;
  return c.json({ detail: DETAIL[result.target] ?? 'Invalid request', errors: fieldErrors(result.error) }, 400);
};

/** The OpenAPI description of a JSON answer with this schema. */
export function jsonAnswer<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export const errorAnswers = {
  400: jsonAnswer(errorSchema, 'The body or query is not valid; `errors` names each field'),
  401: jsonAnswer(errorSchema, 'Missing, invalid or expired bearer token'),
  413: jsonAnswer(errorSchema, 'Body too large'),
  415: jsonAnswer(errorSchema, 'The body is not sent as application/json'),
} as const;
