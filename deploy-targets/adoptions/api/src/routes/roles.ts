import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import { inTransaction } from '../db/pool.ts';
import type { AppEnv } from '../http/app-env.ts';
import { conflict, notFound } from '../http/errors.ts';
import { body } from '../http/validate.ts';
import { requirePermission } from '../auth/require-auth.ts';
import { adminRole, lockedAdminPermissions, permissions } from '../auth/permissions.ts';
import { roleName } from '../schemas/accounts.ts';
import { roleBody } from '../schemas/roles.ts';

function nameParam(value: string): string {
  const parsed = roleName.safeParse(value);
  if (!parsed.success) throw notFound('role');
  return parsed.data;
}

/** Roles and their permissions, managed by an administrator. Mounted behind requireAuth. */
export function roleRoutes(db: Db) {
  const app = new Hono<AppEnv>();
  app.use('*', requirePermission('roles.manage'));

  app.get('/', async (c) => {
    const { rows } = await db.query(
      `SELECT r.name, r.description,
              coalesce(array_agg(rp.permission ORDER BY rp.permission) FILTER (WHERE rp.permission IS NOT NULL), '{}') AS permissions,
              (SELECT count(*)::int FROM accounts a WHERE a.role = r.name) AS accounts
         FROM roles r LEFT JOIN role_permissions rp ON rp.role = r.name
        GROUP BY r.name ORDER BY r.name`,
    );
    return c.json({ roles: rows, permissions });
  });

  app.put('/:name', async (c) => {
    const name = nameParam(c.req.param('name'));
    const input = await body(c, roleBody);
    const wanted = [...new Set(input.permissions)].sort();
    if (name === adminRole && !lockedAdminPermissions.every((p) => wanted.includes(p))) {
      throw conflict(`the ${adminRole} role must keep ${lockedAdminPermissions.join(' and ')}`);
    }
    await inTransaction(db, async (client) => {
      await client.query(
        `INSERT INTO roles (name, description) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET description = excluded.description`,
        [name, input.description],
      );
      await client.query('DELETE FROM role_permissions WHERE role = $1', [name]);
      await client.query('INSERT INTO role_permissions (role, permission) SELECT $1, unnest($2::text[])', [name, wanted]);
    });
    return c.json({ role: { name, description: input.description, permissions: wanted } });
  });

  app.delete('/:name', async (c) => {
    const name = nameParam(c.req.param('name'));
    if (name === adminRole) throw conflict(`the ${adminRole} role cannot be deleted`);
    const inUse = await db.query('SELECT 1 FROM accounts WHERE role = $1 LIMIT 1', [name]);
    if (inUse.rowCount) throw conflict('accounts still have this role; give them another first');
    const deleted = await db.query('DELETE FROM roles WHERE name = $1', [name]);
    if (!deleted.rowCount) throw notFound('role');
    return c.body(null, 204);
  });

  return app;
}
