import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface FieldError {
  path: string;
  message: string;
}

/** The one error shape of the API: `{ "error": "…", "fields": [{ "path", "message" }] }`. */
export function httpError(
  status: ContentfulStatusCode,
  message: string,
  extra: { fields?: FieldError[]; headers?: Record<string, string> } = {},
): HTTPException {
  const body = extra.fields ? { error: message, fields: extra.fields } : { error: message };
  return new HTTPException(status, { message, res: Response.json(body, { status, headers: extra.headers ?? {} }) });
}
