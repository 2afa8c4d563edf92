import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Pool } from 'pg';
import { jsonAnswer } from '../http/openapi.ts';

const healthSchema = z.object({ status: z.enum(['ok', 'error']), database: z.enum(['ok', 'unreachable']) }).openapi('Health');
const route = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Health: 200 while the database answers',
  tags: ['health'],
  responses: { 200: jsonAnswer(healthSchema, 'Healthy'), 503: jsonAnswer(healthSchema, 'The database does not answer') },
});

/** 200 only when the database answers, so that a release with a broken database URL is not called healthy. */
export function healthRoutes(pool: Pool): OpenAPIHono {
  return new OpenAPIHono().openapi(route, async (c) => {
    try {
      await pool.query('SELECT 1');
      return c.json({ status: 'ok' as const, database: 'ok' as const }, 200);
    } catch (error) {
      console.error('healthz: database check failed:', error instanceof Error ? error.message : error);
      return c.json({ status: 'error' as const, database: 'unreachable' as const }, 503);
    }
  });
}
