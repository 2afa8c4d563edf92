import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { forbidden, unauthorized } from '../http/errors.ts';
import { loadCurrentAccount } from './current-account.ts';
import type { Permission } from './permissions.ts';
import type { TokenService } from './token.ts';

const bearer = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** Requires `Authorization: Bearer <jwt>` naming an accepted account; sets `c.var.account`. */
export function requireAuth(db: Db, tokens: TokenService) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const match = bearer.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw unauthorized('send Authorization: Bearer <token>');
    const id = await tokens.accountId(match[1]);
    if (!id || !/^\d+$/.test(id)) throw unauthorized('invalid or expired token');
    const account = await loadCurrentAccount(db, id);
    if (!account) throw unauthorized('account is not active');
    c.set('account', account);
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
