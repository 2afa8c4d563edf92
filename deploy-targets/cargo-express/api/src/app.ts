import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { Database } from './database.ts';
import { BEARER_SCHEME, requireBearer } from './http/require-bearer.ts';
import { healthRoute } from './routes/health-route.ts';
import { metricsRoute } from './routes/metrics-route.ts';
import { ordersRoutes } from './routes/orders-routes.ts';
import { tokenRoute } from './routes/token-route.ts';
import type { Settings } from './settings.ts';

export type AppDeps = {
  db: Database;
  settings: Pick<Settings, 'JWT_SECRET' | 'CORS_ORIGIN' | 'METRICS_TIME_ZONE' | 'CURRENCY'>;
  /** Where operational messages go (never request bodies or secrets). */
  log?: (message: string) => void;
};

// 500 products of 200-character names fit in well under this.
export const MAX_BODY_BYTES = 1024 * 1024;

/** The whole HTTP API; `server.ts` serves it, tests drive it with `app.request()`. */
export function createApp({ db, settings, log = console.error }: AppDeps): OpenAPIHono {
  const app = new OpenAPIHono();
  const allowed = new Set(settings.CORS_ORIGIN);
  app.use(
    '*',
    cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
  );
  app.use(
    '*',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ detail: `Request body over ${MAX_BODY_BYTES} bytes` }, 413) }),
  );
  app.route('/', healthRoute(db, log));
  app.route('/', tokenRoute(db, settings.JWT_SECRET));

  const bearer = requireBearer(settings.JWT_SECRET);
  app.use('/registrar_pedido_entregado', bearer);
  app.use('/pedidos', bearer);
  app.use('/metrics', bearer);
  app.route('/', ordersRoutes(db, settings.METRICS_TIME_ZONE));
  app.route('/', metricsRoute(db, { timeZone: settings.METRICS_TIME_ZONE, currency: settings.CURRENCY }));

  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.doc31('/openapi.json', { openapi: '3.1.0', info: { title: 'Cargo Express API', version: '1.0.0' } });

  app.notFound((c) => c.json({ detail: 'Not Found' }, 404));
  app.onError((error, c) => {
    // Hono's own refusals (malformed JSON in a body) carry their status: keep it, in this API's shape.
    if (error instanceof HTTPException && error.status < 500) return c.json({ detail: error.message || 'Bad Request' }, error.status);
    log(`unhandled error on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return c.json({ detail: 'Internal Server Error' }, 500);
  });
  return app;
}
