import { Hono } from 'hono';
import type { Env, FakeContext } from '../context.ts';
import { FakeHttpError } from '../http-error.ts';
import { userShape } from '../shapes/user.ts';

/** `GET /user`: who a user token belongs to (installation tokens are refused, as on GitHub). */
export function userRoutes(ctx: FakeContext): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/user', (c) => {
    const actor = c.get('actor');
    if (actor.kind !== 'user') throw new FakeHttpError(403, 'Resource not accessible by integration');
    return c.json({ ...userShape(ctx.urls, actor.login), name: actor.login, created_at: '2024-01-01T00:00:00Z' });
  });
  return app;
}
