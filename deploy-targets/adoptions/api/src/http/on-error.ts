import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from './errors.ts';
import type { Logger } from '../logger.ts';

/**
 * PostgreSQL's data-exception (22xxx) and integrity (23xxx) classes mean the input did not fit, or
 * lost a race with another request: the schemas try to catch these first, and this keeps anything
 * they miss a 4xx instead of a 500.
 */
function databaseRefusal(error: unknown): { status: 400 | 409; code: string; message: string; pgCode: string } | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^2[23][0-9A-Z]{3}$/.test(code)) return undefined;
  return code.startsWith('22')
    ? { status: 400, code: 'invalid_value', message: 'a value is out of range or malformed', pgCode: code }
    : { status: 409, code: 'conflict', message: 'the change conflicts with existing data; reload and try again', pgCode: code };
}

/** Expected errors become `{ error, message, details? }`; anything else is logged and answered 500. */
export function onError(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: error.code, message: error.message, details: error.details }, error.status);
    }
    if (error instanceof HTTPException) {
      return c.json({ error: 'http_error', message: error.message }, error.status);
    }
    const refusal = databaseRefusal(error);
    if (refusal) {
      logger.info('database refused input', { method: c.req.method, path: c.req.path, code: refusal.pgCode });
      return c.json({ error: refusal.code, message: refusal.message }, refusal.status);
    }
    logger.error('unhandled error', { method: c.req.method, path: c.req.path, error: String(error) });
    return c.json({ error: 'internal', message: 'internal error' }, 500);
  };
}
