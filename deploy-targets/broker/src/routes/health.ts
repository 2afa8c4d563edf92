import { Hono } from 'hono';
import type { Pool } from 'pg';

/** 200 only when the database answers, so that a release with a broken database URL is not called healthy. */
export function healthRoutes(pool: Pool): Hono {
  return new Hono().get('/healthz', async (c) => {
    try {
      await pool.query('SELECT 1');
      return c.json({ status: 'ok', database: 'ok' });
    } catch (error) {
      console.error('healthz: database check failed:', error instanceof Error ? error.message : error);
      return c.json({ status: 'error', database: 'unreachable' }, 503);
    }
  });
}
