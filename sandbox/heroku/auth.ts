import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/** The token from `Authorization: Basic base64(:token)` (heroku-client) or `Bearer token`. */
function presentedToken(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : null;
  }
  return null;
}

export function requireToken(token: string): MiddlewareHandler {
  const expected = Buffer.from(token);
  return async (c, next) => {
    const presented = presentedToken(c.req.header('authorization'));
    const given = presented === null ? null : Buffer.from(presented);
    if (!given || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return c.json({ id: 'unauthorized', message: 'Invalid credentials provided.' }, 401, { 'www-authenticate': 'Basic realm="Heroku"' });
    }
    return next();
  };
}
