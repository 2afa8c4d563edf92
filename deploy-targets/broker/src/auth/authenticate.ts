import { createMiddleware } from 'hono/factory';
import type { Pool } from 'pg';
import { httpError } from '../http/http-error.ts';
import type { AppEnv } from '../http/env.ts';
import type { Role } from './roles.ts';
import { checkToken } from './token.ts';

const challenge = { 'WWW-Authenticate': 'Bearer' };

/**
 * Checks the bearer token's signature and expiry, then that its claims still hold: a deleted
 * user, or one whose role changed, gets 401 even with a token that has not expired.
 */
export const authenticate = (deps: { pool: Pool; jwtSecret: string }) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw httpError(401, 'missing bearer token', { headers: challenge });
    const result = await checkToken(deps.jwtSecret, match[1]);
    if (!result.ok) throw httpError(401, result.reason === 'expired' ? 'token expired' : 'invalid token', { headers: challenge });
    const { rows } = await deps.pool.query<{ role: Role }>('SELECT role FROM users WHERE id = $1', [result.principal.id]);
    if (rows[0]?.role !== result.principal.role) throw httpError(401, 'token no longer valid for this user', { headers: challenge });
    c.set('principal', result.principal);
    await next();
  });

export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { role } = c.get('principal');
    if (!roles.includes(role)) throw httpError(403, `requires role ${roles.join(' or ')}`);
    await next();
  });
