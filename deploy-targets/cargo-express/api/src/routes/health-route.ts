import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Database } from '../database.ts';
import { jsonAnswer } from '../http/validation.ts';

const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['ok', 'unreachable']) }).openapi('Health');

const serviceSchema = z.object({ service: z.literal('cargo-express-api'), status: z.literal('ok'), openapi: z.string() }).openapi('Service');
const serviceRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'What answers here, and where its OpenAPI document is',
  responses: { 200: jsonAnswer(serviceSchema, 'The service') },
});

const route = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Health: 200 while the database answers',
  responses: { 200: jsonAnswer(healthSchema, 'Healthy'), 503: jsonAnswer(healthSchema, 'The database does not answer') },
});

/** GET /healthz: 200 when the database answers, 503 otherwise (the reason goes to the log only); GET / names the service. */
export function healthRoute(db: Database, log: (message: string) => void) {
  const app = new OpenAPIHono().openapi(serviceRoute, (c) =>
    c.json({ service: 'cargo-express-api' as const, status: 'ok' as const, openapi: '/openapi.json' }, 200),
  );
  return app.openapi(route, async (c) => {
    try {
      await db.query('SELECT 1');
      return c.json({ status: 'ok' as const, database: 'ok' as const }, 200);
    } catch (error) {
      log(`healthz: database check failed: ${error instanceof Error ? error.message : String(error)}`);
      return c.json({ status: 'unavailable' as const, database: 'unreachable' as const }, 503);
    }
  });
}
