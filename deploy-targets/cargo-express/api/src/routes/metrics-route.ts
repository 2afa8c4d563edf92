import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Database } from '../database.ts';
import { BEARER_SCHEME } from '../http/require-bearer.ts';
import { errorAnswers, jsonAnswer, validationHook } from '../http/validation.ts';
import { dayMetrics, dayMetricsSchema } from '../metrics/day-metrics.ts';

// Year 0 and earlier are valid ISO dates that PostgreSQL refuses: a 400 here, not a database error.
const metricsQuery = z.object({
  fecha: z.iso
    .date()
    .refine((value) => !value.startsWith('0000'), 'must be a date from year 0001')
    .optional()
    .openapi({ description: 'YYYY-MM-DD; default today in the configured time zone' }),
});

const route = createRoute({
  method: 'get',
  path: '/metrics',
  summary: "One day's metrics: top 3 products by units, average order value, day's total",
  security: [{ [BEARER_SCHEME]: [] }],
  request: { query: metricsQuery },
  responses: { 200: jsonAnswer(dayMetricsSchema, "The day's metrics"), 400: errorAnswers[400], 401: errorAnswers[401] },
});

/** GET /metrics[?fecha=YYYY-MM-DD]: the metrics of that day (default today) in `timeZone`; mount behind requireBearer. */
export function metricsRoute(db: Database, options: { timeZone: string; currency: string }) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) =>
    c.json(await dayMetrics(db, { ...options, date: c.req.valid('query').fecha }), 200),
  );
}
