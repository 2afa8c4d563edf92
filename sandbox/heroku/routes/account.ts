import { Hono } from 'hono';

/** `GET /account`: who the token belongs to (what `heroku auth:whoami` and `runway doctor` ask). */
export function accountRoutes(): Hono {
  const routes = new Hono();
  routes.get('/account', (c) =>
    c.json({
      id: '01234567-89ab-cdef-0123-456789abcdef',
      email: 'sandbox@heroku.local',
      name: 'Heroku sandbox',
      verified: true,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
    }),
  );
  return routes;
}
