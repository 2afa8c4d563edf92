import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { parseQuery } from '../http/validation.ts';
import { dayMetrics } from '../metrics/day-metrics.ts';

const metricsQuery = z.object({ fecha: z.iso.date().optional() });

/** GET /metrics[?fecha=YYYY-MM-DD]: the metrics of that day (default today) in `timeZone`. */
export function metricsRoute(db: Database, timeZone: string) {
  return new Hono().get('/metrics', async (c) => {
    const query = parseQuery(c, metricsQuery);
    if (!query.ok) return query.response;
    return c.json(await dayMetrics(db, timeZone, query.value.fecha));
  });
}
