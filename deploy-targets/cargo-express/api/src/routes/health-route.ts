import { Hono } from 'hono';
import type { Database } from '../database.ts';

/** GET /healthz: 200 when the database answers, 503 otherwise (the reason goes to the log only). */
export function healthRoute(db: Database, log: (message: string) => void) {
  return new Hono().get('/healthz', async (c) => {
    try {
      await db.query('SELECT 1');
      return c.json({ status: 'ok', database: 'ok' });
    } catch (error) {
      log(`healthz: database check failed: ${error instanceof Error ? error.message : String(error)}`);
      return c.json({ status: 'unavailable', database: 'unreachable' }, 503);
    }
  });
}
