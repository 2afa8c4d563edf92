import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError, conflict, notFound } from '../http/errors.ts';
import { body, idParam, query } from '../http/validate.ts';
import { requirePermission } from '../auth/require-auth.ts';
import { acceptBody, accountStatusQuery, rejectBody, setRoleBody } from '../schemas/accounts.ts';
import { accountColumns, type AccountView } from '../accounts/account-row.ts';
import type { Notifier } from '../mail/notifier.ts';
import { profileChangeNotice } from '../mail/profile-change-notice.ts';
import { accountDecisionNotice } from '../mail/account-decision-notice.ts';

async function roleExists(db: Db, role: string): Promise<void> {
  const found = await db.query('SELECT 1 FROM roles WHERE name = $1', [role]);
  if (!found.rowCount) {
    throw new ApiError(400, 'validation_failed', 'invalid request body', [{ path: 'role', message: `no role named ${role}` }]);
  }
}

/** Administrators review sign-ups (pending → accepted | rejected) and assign roles. Mounted behind requireAuth. */
export function accountRoutes(db: Db, notify: Notifier) {
  const app = new Hono<AppEnv>();
  app.use('*', requirePermission('accounts.manage'));

  app.get('/', async (c) => {
    const { status } = query(c, accountStatusQuery);
    const { rows } = await db.query<AccountView>(
      `SELECT ${accountColumns} FROM accounts WHERE ($1::text IS NULL OR status = $1) ORDER BY id`,
      [status ?? null],
    );
    return c.json({ accounts: rows });
  });

  app.post('/:id/accept', async (c) => {
    const id = idParam(c);
    const { role } = await body(c, acceptBody);
    await roleExists(db, role);
    const account = await decide(db, id, c.var.account.id, { status: 'accepted', role, note: null });
    const notified = await notify(accountDecisionNotice(account, { kind: 'accepted', role }));
    return c.json({ account, notified });
  });

  app.post('/:id/reject', async (c) => {
    const id = idParam(c);
    const { note } = await body(c, rejectBody);
    const account = await decide(db, id, c.var.account.id, { status: 'rejected', role: null, note: note ?? null });
    const notified = await notify(accountDecisionNotice(account, { kind: 'rejected', note }));
    return c.json({ account, notified });
  });

  app.put('/:id/role', async (c) => {
    const id = idParam(c);
    const { role } = await body(c, setRoleBody);
    await roleExists(db, role);
    if (id === c.var.account.id) throw conflict('you cannot change your own role');
    const { rows } = await db.query<AccountView>(
      `UPDATE accounts SET role = $2 WHERE id = $1 AND status = 'accepted' RETURNING ${accountColumns}`,
      [id, role],
    );
    if (!rows[0]) throw notFound('accepted account');
    const notified = await notify(profileChangeNotice(rows[0], ['role']));
    return c.json({ account: rows[0], notified });
  });

  return app;
}

type Decision = { status: 'accepted' | 'rejected'; role: string | null; note: string | null };

/** Only a pending account can be decided; the WHERE clause makes a second decision a 409, not an overwrite. */
async function decide(db: Db, id: string, adminId: string, decision: Decision): Promise<AccountView> {
  const { rows } = await db.query<AccountView>(
    `UPDATE accounts SET status = $2, role = $3, decision_note = $4, decided_at = now(), decided_by = $5
      WHERE id = $1 AND status = 'pending' RETURNING ${accountColumns}`,
    [id, decision.status, decision.role, decision.note, adminId],
  );
  if (rows[0]) return rows[0];
  const existing = await db.query<{ status: string }>('SELECT status FROM accounts WHERE id = $1', [id]);
  const status = existing.rows[0]?.status;
  if (!status) throw notFound('account');
  throw conflict(`the account is already ${status}`);
}
