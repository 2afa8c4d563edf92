import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError, forbidden, unauthorized } from '../http/errors.ts';
import { body } from '../http/validate.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.ts';
import type { TokenService } from '../auth/token.ts';
import { loadCurrentAccount } from '../auth/current-account.ts';
import { requireAuth } from '../auth/require-auth.ts';
import { signInBody, signUpBody } from '../schemas/accounts.ts';
import { accountColumns, type AccountView } from '../accounts/account-row.ts';
import { endSession, startSession } from '../sessions/sessions.ts';
import { accountView } from '../accounts/account-view.ts';

/** Sign-up (creates a pending account), sign-in (accepted accounts only) and sign-out. */
export function sessionRoutes(db: Db, tokens: TokenService) {
  const app = new Hono<AppEnv>();

  app.post('/accounts', async (c) => {
    const input = await body(c, signUpBody);
    const passwordHash = await hashPassword(input.password);
    const { rows } = await db.query<AccountView>(
      `INSERT INTO accounts (email, name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (lower(email)) DO NOTHING RETURNING ${accountColumns}`,
      [input.email, input.name, passwordHash],
    );
    if (!rows[0]) throw new ApiError(409, 'email_taken', 'an account with this e-mail already exists');
    return c.json({ account: rows[0] }, 201);
  });

  app.post('/sessions', async (c) => {
    const input = await body(c, signInBody);
    const { rows } = await db.query<{ id: string; status: string; password_hash: string }>(
      'SELECT id::text, status, password_hash FROM accounts WHERE lower(email) = $1',
      [input.email],
    );
    const row = rows[0];
    const matches = await verifyPassword(row?.password_hash ?? (await dummyPasswordHash()), input.password);
    if (!row || !matches) throw unauthorized('wrong e-mail or password');
    if (row.status === 'pending') throw forbidden('your account is waiting for an administrator');
    if (row.status !== 'accepted') throw forbidden('your account request was declined');
    const account = await loadCurrentAccount(db, row.id);
    if (!account) throw forbidden('your account is not active');
    const sessionId = await startSession(db, row.id, tokens.ttlSeconds);
    const issued = await tokens.issue({ accountId: row.id, sessionId });
    return c.json({ ...issued, account: accountView(account) });
  });

  // Signing out ends this token's session; other devices stay signed in.
  app.delete('/sessions/current', requireAuth(db, tokens), async (c) => {
    await endSession(db, c.var.sessionId);
    return c.body(null, 204);
  });

  return app;
}
