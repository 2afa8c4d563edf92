import { Hono } from 'hono';
import { z } from 'zod';
import { issueAccessToken } from '../auth/access-token.ts';
import { decoyPasswordHash, verifyPassword } from '../auth/password.ts';
import type { Database } from '../database.ts';
import { parseJsonBody } from '../http/validation.ts';

const loginSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

/** POST /token: `{ username, password }` → `{ access_token, token_type: "bearer" }`. */
export function tokenRoute(db: Database, jwtSecret: string) {
  return new Hono().post('/token', async (c) => {
    const body = await parseJsonBody(c, loginSchema);
    if (!body.ok) return body.response;
    const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE username = $1', [
      body.value.username,
    ]);
    const stored = rows[0]?.password_hash;
    const matches = await verifyPassword(stored ?? (await decoyPasswordHash()), body.value.password);
    if (stored === undefined || !matches) return c.json({ detail: 'Incorrect username or password' }, 401);
    return c.json({ access_token: await issueAccessToken(jwtSecret, body.value.username), token_type: 'bearer' });
  });
}
