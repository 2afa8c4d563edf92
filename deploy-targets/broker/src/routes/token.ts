import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { checkPassword } from '../auth/password.ts';
import { role } from '../auth/roles.ts';
import { issueToken } from '../auth/token.ts';
import type { AppDeps } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { username } from '../http/names.ts';
import { errors, jsonAnswer, jsonBody, validationHook } from '../http/openapi.ts';
import { findLogin } from '../store/users.ts';

// The username's own pattern: anything else names no account, and never reaches the database.
const loginBody = z.object({ username, password: z.string().min(1).max(1024) }).strict().openapi('Login');
const tokenSchema = z
  .object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int(), role, user_id: z.number().int() })
  .openapi('Token');

const route = createRoute({
  method: 'post',
  path: '/token',
  summary: 'Log in: a bearer token carrying the user id and role',
  tags: ['token'],
  request: jsonBody(loginBody),
  responses: {
    200: jsonAnswer(tokenSchema, 'Logged in'),
    400: errors[400],
    401: jsonAnswer(errors[401].content['application/json'].schema, 'Wrong username or password'),
    413: errors[413],
    415: errors[415],
  },
});

export function tokenRoutes(deps: AppDeps): OpenAPIHono {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { username: name, password } = c.req.valid('json');
    const login = await findLogin(deps.pool, name);
    if (!(await checkPassword(login?.passwordHash, password)) || !login) throw httpError(401, 'wrong username or password');
    const token = await issueToken(deps.jwtSecret, { id: login.id, role: login.role }, deps.tokenTtlSeconds);
    return c.json(
      { access_token: token, token_type: 'Bearer' as const, expires_in: deps.tokenTtlSeconds, role: login.role, user_id: login.id },
      200,
    );
  });
}
