import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authenticate, requireRole } from '../auth/authenticate.ts';
import { hashPassword } from '../auth/password.ts';
import { role } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { pathId, username } from '../http/names.ts';
import { bearerSecurity, bodyErrors, errors, jsonAnswer, jsonBody, validationHook } from '../http/openapi.ts';
import { createUser, deleteUser, getUser, listUsers } from '../store/users.ts';

const newUser = z
  .object({ username, password: z.string().min(8, 'must be at least 8 characters').max(1024), role })
  .strict()
  .openapi('NewUser');
export const userSchema = z
  .object({ id: z.number().int(), username: z.string(), role, created_at: z.string() })
  .openapi('User');
const userParams = z.object({ id: pathId });
const common = { security: bearerSecurity, tags: ['users'] };

const create = createRoute({
  ...common,
  method: 'post',
  path: '/',
  summary: 'Create a user (admin)',
  middleware: [requireRole('admin')] as const,
  request: jsonBody(newUser),
  responses: { 201: jsonAnswer(userSchema, 'Created'), ...bodyErrors, 403: errors[403], 409: errors[409] },
});
const list = createRoute({
  ...common,
  method: 'get',
  path: '/',
  summary: 'Every user',
  responses: { 200: jsonAnswer(z.object({ users: z.array(userSchema) }), 'Users'), 401: errors[401] },
});
const get = createRoute({
  ...common,
  method: 'get',
  path: '/{id}',
  summary: 'One user',
  request: { params: userParams },
  responses: { 200: jsonAnswer(userSchema, 'The user'), 400: errors[400], 401: errors[401], 404: errors[404] },
});
const remove = createRoute({
  ...common,
  method: 'delete',
  path: '/{id}',
  summary: 'Delete a user and its queues (admin)',
  middleware: [requireRole('admin')] as const,
  request: { params: userParams },
  responses: { 204: { description: 'Deleted' }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404], 409: errors[409] },
});

/** Mounted at /users. */
export function userRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', authenticate(deps));
  return app
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const result = await createUser(deps.pool, { username: body.username, role: body.role, passwordHash: await hashPassword(body.password) });
      if (!result.ok) throw httpError(409, `username ${body.username} is taken`);
      return c.json(result.user, 201);
    })
    .openapi(list, async (c) => c.json({ users: await listUsers(deps.pool) }, 200))
    .openapi(get, async (c) => {
      const user = await getUser(deps.pool, c.req.valid('param').id);
      if (!user) throw httpError(404, 'no such user');
      return c.json(user, 200);
    })
    .openapi(remove, async (c) => {
      const target = c.req.valid('param').id;
      if (target === c.get('principal').id) throw httpError(409, 'an admin cannot delete itself');
      if (!(await deleteUser(deps.pool, target))) throw httpError(404, 'no such user');
      return c.body(null, 204);
    });
}
