import { validator } from 'hono/validator';
import type { z } from 'zod';
import { httpError, type FieldError } from './http-error.ts';

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

/** Validates the JSON body; a request without a JSON content type is validated as `{}`. */
export const jsonBody = <S extends z.ZodType>(schema: S) =>
  validator('json', (value): z.infer<S> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw httpError(400, 'invalid request body', { fields: fieldErrors(parsed.error) });
    return parsed.data;
  });

export const pathParams = <S extends z.ZodType>(schema: S) =>
  validator('param', (value): z.infer<S> => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw httpError(400, 'invalid path', { fields: fieldErrors(parsed.error) });
    return parsed.data;
  });
