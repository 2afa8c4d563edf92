import { Hono } from 'hono';
import { z } from 'zod';
import { checkPassword } from '../auth/password.ts';
import { issueToken } from '../auth/token.ts';
import type { AppDeps } from '../http/env.ts';
import { httpError } from '../http/http-error.ts';
import { jsonBody } from '../http/validate.ts';
import { findLogin } from '../store/users.ts';

const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict();

export function tokenRoutes(deps: AppDeps): Hono {
  return new Hono().post('/token', jsonBody(loginBody), async (c) => {
    const { username, password } = c.req.valid('json');
    const login = await findLogin(deps.pool, username);
    if (!(await checkPassword(login?.passwordHash, password)) || !login) {
      throw httpError(401, 'wrong username or password');
    }
    const token = await issueToken(deps.jwtSecret, { id: login.id, role: login.role }, deps.tokenTtlSeconds);
    return c.json({ access_token: token, token_type: 'Bearer', expires_in: deps.tokenTtlSeconds, role: login.role, user_id: login.id });
  });
}
