import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './errors.ts';
import type { Logger } from '../logger.ts';

/** Expected errors become `{ error, message, details? }`; anything else is logged and answered 500. */
export function onError(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: error.code, message: error.message, details: error.details }, error.status);
    }
    if (error instanceof HTTPException) {
      return c.json({ error: 'http_error', message: error.message }, error.status);
    }
    logger.error('unhandled error', { method: c.req.method, path: c.req.path, error: String(error) });
    return c.json({ error: 'internal', message: 'internal error' }, 500);
  };
}
