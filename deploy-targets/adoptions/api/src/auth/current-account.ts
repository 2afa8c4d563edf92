import type { Db } from '../db/pool.ts';
import type { Permission } from './permissions.ts';

export type CurrentAccount = { id: string; email: string; name: string; role: string; permissions: Set<Permission> };

/** Loads an accepted account with its role's permissions, fresh each request so revocation is immediate. */
export async function loadCurrentAccount(db: Db, id: string): Promise<CurrentAccount | undefined> {
  const { rows } = await db.query<{ id: string; email: string; name: string; role: string; permissions: Permission[] }>(
    `SELECT a.id::text, a.email, a.name, a.role,
            coalesce(array_agg(rp.permission) FILTER (WHERE rp.permission IS NOT NULL), '{}') AS permissions
       FROM accounts a LEFT JOIN role_permissions rp ON rp.role = a.role
      WHERE a.id = $1 AND a.status = 'accepted'
      GROUP BY a.id`,
    [id],
  );
  const row = rows[0];
  return row && { ...row, permissions: new Set(row.permissions) };
}
