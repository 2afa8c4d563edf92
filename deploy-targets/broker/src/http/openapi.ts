import { z } from '@hono/zod-openapi';
import { httpError, type FieldError } from './http-error.ts';

export const fieldErrorSchema = z.object({ path: z.string(), message: z.string() }).openapi('FieldError');

/** The one error shape of the API. */
export const errorSchema = z.object({ error: z.string(), fields: z.array(fieldErrorSchema).optional() }).openapi('Error');

/** The OpenAPI security scheme of every route behind `authenticate`. */
export const BEARER_SCHEME = 'bearer';
export const bearerSecurity = [{ [BEARER_SCHEME]: [] }];

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

const MESSAGES: Record<string, string> = { json: 'invalid request body', param: 'invalid path', query: 'invalid query' };

/** Every route's answer to a body or path that does not match its schema: 400 naming each field. */
export function validationHook(result: { target: string } & ({ success: true } | { success: false; error: z.ZodError })): undefined {
  if (!result.success) throw httpError(400, MESSAGES[result.target] ?? 'invalid request', { fields: fieldErrors(result.error) });
}

export function jsonAnswer<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body; `required: false` lets a request without one through as `{}`. */
export function jsonBody<S extends z.ZodType>(schema: S, required = true) {
  return { body: { required, content: { 'application/json': { schema } } } };
}

const error = (description: string) => jsonAnswer(errorSchema, description);

/** The error answers routes share, by status. */
export const errors = {
  400: error('The body or path is not valid; `fields` names each problem'),
  401: error('Missing, malformed, forged or expired token, or one whose user changed'),
  403: error('The caller’s role may not do this'),
  404: error('No such user, channel or queue'),
  409: error('Conflicts with what exists'),
  413: error('Body over 256 KiB'),
  415: error('The body is not sent as application/json'),
} as const;

/** The errors of a route behind `authenticate` that takes a JSON body. */
export const bodyErrors = { 400: errors[400], 401: errors[401], 413: errors[413], 415: errors[415] } as const;
