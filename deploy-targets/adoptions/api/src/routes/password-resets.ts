import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import { inTransaction } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError } from '../http/errors.ts';
import { body } from '../http/validate.ts';
import { hashPassword } from '../auth/password.ts';
import { passwordResetConfirmBody, passwordResetRequestBody } from '../schemas/profile.ts';
import { endAllSessions } from '../sessions/sessions.ts';
import type { Notifier } from '../mail/notifier.ts';
import { passwordResetNotice } from '../mail/password-reset-notice.ts';
import { profileChangeNotice } from '../mail/profile-change-notice.ts';

const validMinutes = 60;
const codeHash = (code: string) => createHash('sha256').update(code).digest('hex');

/**
 * Password reset by e-mail: ask for a code (always 202, so the answer never tells whether an
 * e-mail has an account), then trade the code for a new password once, within the hour.
 */
export function passwordResetRoutes(db: Db, notify: Notifier, webUrl: string | undefined) {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const { email } = await body(c, passwordResetRequestBody);
    const { rows } = await db.query<{ id: string; email: string; name: string }>(
      `SELECT id::text, email, name FROM accounts WHERE lower(email) = $1 AND status = 'accepted'`,
      [email],
    );
    const account = rows[0];
    if (account) {
      const code = randomBytes(32).toString('base64url');
      await db.query(
        `INSERT INTO password_resets (account_id, code_hash, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
        [account.id, codeHash(code), validMinutes],
      );
      await notify(passwordResetNotice(account, { code, expiresInMinutes: validMinutes, webUrl }));
    }
    return c.json({ message: 'if an active account has this e-mail, a reset code is on its way' }, 202);
  });

  app.post('/confirm', async (c) => {
    const input = await body(c, passwordResetConfirmBody);
    const passwordHash = await hashPassword(input.newPassword);
    const account = await inTransaction(db, async (client) => {
      const used = await client.query<{ account_id: string }>(
        `UPDATE password_resets SET used_at = now()
          WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING account_id::text`,
        [codeHash(input.code)],
      );
      const accountId = used.rows[0]?.account_id;
      if (!accountId) throw new ApiError(400, 'invalid_code', 'the code is wrong, used or expired; ask for a new one');
      const updated = await client.query<{ email: string; name: string }>(
        `UPDATE accounts SET password_hash = $2 WHERE id = $1 AND status = 'accepted' RETURNING email, name`,
        [accountId, passwordHash],
      );
      if (!updated.rows[0]) throw new ApiError(400, 'invalid_code', 'the account is no longer active');
      // Whoever knew the old password is signed out everywhere; other pending codes die too.
      await endAllSessions(client, accountId);
      await client.query('UPDATE password_resets SET used_at = now() WHERE account_id = $1 AND used_at IS NULL', [accountId]);
      return updated.rows[0];
    });
    await notify(profileChangeNotice(account, ['password']));
    return c.body(null, 204);
  });

  return app;
}
