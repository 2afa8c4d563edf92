import { createMiddleware } from 'hono/factory';
import { checkAccessToken } from '../auth/access-token.ts';

export type AuthVariables = { username: string };

const MESSAGES = {
  missing: 'Not authenticated',
  expired: 'Token expired',
  invalid: 'Invalid token',
} as const;

/** The OpenAPI security scheme the bearer routes declare. */
export const BEARER_SCHEME = 'bearer';

/** Lets a request through only with a valid `Authorization: Bearer <token>`; otherwise 401. */
export function requireBearer(secret: string) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const check = match?.[1] ? await checkAccessToken(secret, match[1]) : ({ ok: false, reason: 'missing' } as const);
    if (!check.ok) {
      c.header('WWW-Authenticate', check.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"');
      return c.json({ detail: MESSAGES[check.reason] }, 401);
    }
    c.set('username', check.username);
    await next();
  });
}
