import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import { inTransaction } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { body } from '../http/validate.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { loadCurrentAccount } from '../auth/current-account.ts';
import { passwordChangeBody, profilePatch } from '../schemas/profile.ts';
import { endAllSessions } from '../sessions/sessions.ts';
import { accountView } from '../accounts/account-view.ts';
import type { Notifier } from '../mail/notifier.ts';
import { profileChangeNotice, type ProfileChange } from '../mail/profile-change-notice.ts';

/** The signed-in account: who am I, change my name or e-mail, change my password. Mounted behind requireAuth. */
export function meRoutes(db: Db, notify: Notifier) {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => c.json({ account: accountView(c.var.account) }));

  app.patch('/', async (c) => {
    const patch = await body(c, profilePatch);
    const before = c.var.account;
    const changes: ProfileChange[] = [];
    if (patch.name !== undefined && patch.name !== before.name) changes.push('name');
    if (patch.email !== undefined && patch.email !== before.email) changes.push('email');
    if (changes.length) {
      const { rowCount } = await db.query(
        `UPDATE accounts SET name = coalesce($2, name), email = coalesce($3, email) WHERE id = $1
           AND NOT EXISTS (SELECT 1 FROM accounts o WHERE lower(o.email) = lower($3) AND o.id <> $1)`,
        [before.id, patch.name ?? null, patch.email ?? null],
      );
      if (!rowCount) throw new ApiError(409, 'email_taken', 'an account with this e-mail already exists');
    }
    const after = (await loadCurrentAccount(db, before.id))!;
    // The old address is told too, so that a stolen session cannot quietly move the account away.
    const recipients = changes.includes('email') ? [before, after] : [after];
    const sent = await Promise.all(changes.length ? recipients.map((to) => notify(profileChangeNotice(to, changes))) : []);
    return c.json({ account: accountView(after), changed: changes, notified: sent.every(Boolean) });
  });

  app.put('/password', async (c) => {
    const input = await body(c, passwordChangeBody);
    const account = c.var.account;
    const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE id = $1', [
      account.id,
    ]);
    if (!rows[0] || !(await verifyPassword(rows[0].password_hash, input.currentPassword))) {
      throw forbidden('the current password is wrong');
    }
    const passwordHash = await hashPassword(input.newPassword);
    await inTransaction(db, async (client) => {
      await client.query('UPDATE accounts SET password_hash = $2 WHERE id = $1', [account.id, passwordHash]);
      // Other devices signed in with the old password are signed out; this one stays.
      await endAllSessions(client, account.id, c.var.sessionId);
    });
    await notify(profileChangeNotice(account, ['password']));
    return c.body(null, 204);
  });

  return app;
}
