import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { forbidden, unauthorized } from '../http/errors.ts';
import { isSessionOpen } from '../sessions/sessions.ts';
import { loadCurrentAccount } from './current-account.ts';
import type { Permission } from './permissions.ts';
import type { TokenService } from './token.ts';

const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Requires `Authorization: Bearer <jwt>` naming an open session of an accepted account; sets
 * `c.var.account` and `c.var.sessionId`.
 */
export function requireAuth(db: Db, tokens: TokenService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const match = bearer.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw unauthorized('send Authorization: Bearer <token>');
    const subject = await tokens.subject(match[1]);
    if (!subject || !/^\d{1,18}$/.test(subject.accountId) || !uuid.test(subject.sessionId)) {
      throw unauthorized('invalid or expired token');
    }
    if (!(await isSessionOpen(db, subject.sessionId, subject.accountId))) throw unauthorized('signed out; sign in again');
    const account = await loadCurrentAccount(db, subject.accountId);
    if (!account) throw unauthorized('account is not active');
    c.set('account', account);
    c.set('sessionId', subject.sessionId);
    await next();
  });
}

/** Requires that the signed-in account's role grants `permission` (use after requireAuth). */
export function requirePermission(permission: Permission) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!c.var.account.permissions.has(permission)) throw forbidden(`your role lacks ${permission}`);
    await next();
  });
}
