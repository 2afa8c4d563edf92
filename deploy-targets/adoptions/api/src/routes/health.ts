import { Hono } from 'hono';
import type { Db } from '../db/pool.ts';
import type { Logger } from '../logger.ts';

/** 200 when the database answers, 503 otherwise: Runway's healthcheck and Heroku's eyes. */
export function healthRoutes(db: Db, logger: Logger) {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    try {
      await db.query('SELECT 1');
      return c.json({ ok: true, database: 'up' });
    } catch (error) {
      logger.error('healthcheck failed', { error: String(error) });
      return c.json({ ok: false, database: 'down' }, 503);
    }
  });
  return app;
}
