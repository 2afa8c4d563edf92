import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { issueAccessToken } from '../auth/access-token.ts';
import { decoyPasswordHash, verifyPassword } from '../auth/password.ts';
import type { Database } from '../database.ts';
import { safeText } from '../http/safe-text.ts';
import { errorAnswers, errorSchema, jsonAnswer, validationHook } from '../http/validation.ts';

const loginSchema = z.object({ username: safeText(1, 100), password: z.string().min(1).max(1000) }).openapi('Login');
const tokenSchema = z.object({ access_token: z.string(), token_type: z.literal('bearer') }).openapi('Token');

const route = createRoute({
  method: 'post',
  path: '/token',
  summary: 'Log in: a bearer token valid for 30 minutes',
  request: { body: { required: true, content: { 'application/json': { schema: loginSchema } } } },
  responses: {
    200: jsonAnswer(tokenSchema, 'Logged in'),
    400: errorAnswers[400],
    401: jsonAnswer(errorSchema, 'Incorrect username or password'),
    413: errorAnswers[413],
    415: errorAnswers[415],
  },
});

/** POST /token: `{ username, password }` → `{ access_token, token_type: "bearer" }`. */
export function tokenRoute(db: Database, jwtSecret: string) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { username, password } = c.req.valid('json');
    const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE username = $1', [username]);
    const stored = rows[0]?.password_hash;
    const matches = await verifyPassword(stored ?? (await decoyPasswordHash()), password);
    if (stored === undefined || !matches) return c.json({ detail: 'Incorrect username or password' }, 401);
    return c.json({ access_token: await issueAccessToken(jwtSecret, username), token_type: 'bearer' as const }, 200);
  });
}
