import { Hono } from 'hono';
import { z } from 'zod';
import { authenticate, requireRole } from '../auth/authenticate.ts';
import { hashPassword } from '../auth/password.ts';
import { role } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { id, username } from '../http/names.ts';
import { jsonBody, pathParams } from '../http/validate.ts';
import { createUser, deleteUser, getUser, listUsers } from '../store/users.ts';

const newUser = z
  .object({
    username,
    password: z.string().min(8, 'must be at least 8 characters').max(1024),
    role,
  })
  .strict();
const userParams = z.object({ id });

/** Mounted at /users. */
export function userRoutes(deps: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use('*', authenticate(deps))
    .post('/', requireRole('admin'), jsonBody(newUser), async (c) => {
      const body = c.req.valid('json');
      const result = await createUser(deps.pool, { username: body.username, role: body.role, passwordHash: await hashPassword(body.password) });
      if (!result.ok) throw httpError(409, `username ${body.username} is taken`);
      return c.json(result.user, 201);
    })
    .get('/', async (c) => c.json({ users: await listUsers(deps.pool) }))
    .get('/:id', pathParams(userParams), async (c) => {
      const user = await getUser(deps.pool, c.req.valid('param').id);
      if (!user) throw httpError(404, 'no such user');
      return c.json(user);
    })
    .delete('/:id', requireRole('admin'), pathParams(userParams), async (c) => {
      const target = c.req.valid('param').id;
      if (target === c.get('principal').id) throw httpError(409, 'an admin cannot delete itself');
      if (!(await deleteUser(deps.pool, target))) throw httpError(404, 'no such user');
      return c.body(null, 204);
    });
}
